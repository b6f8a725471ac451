package net.ztj.service.dns;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResolvedDnsTest {
    private final List<List<String>> commands = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    /** A ResolvedDns whose commands are recorded and succeed. */
    private ResolvedDns recording(boolean available, String reason) {
        return new ResolvedDns(available, reason, c -> {
            commands.add(c);
            return 0;
        }, log::add);
    }

    @Test
    void appliesServersDomainAndNoDefaultRouteOnceThenRevertsOnRemove() {
        ResolvedDns dns = recording(true, null);
        dns.apply("ztabc", "zt.example", List.of("10.147.17.1", "fd00::1"));
        dns.apply("ztabc", "zt.example", List.of("10.147.17.1", "fd00::1"));
        assertEquals(List.of(List.of("dns", "ztabc", "10.147.17.1", "fd00::1"), List.of("domain", "ztabc", "zt.example"),
                List.of("default-route", "ztabc", "false")), commands);
        dns.remove("ztabc");
        dns.remove("ztabc");
        assertEquals(List.of("revert", "ztabc"), commands.get(3));
        assertEquals(4, commands.size());
    }

    @Test
    void anEmptyDomainRemovesWhatWasApplied() {
        ResolvedDns dns = recording(true, null);
        dns.apply("ztabc", "zt.example", List.of("10.147.17.1"));
        dns.apply("ztabc", "", List.of());
        assertEquals(List.of("revert", "ztabc"), commands.getLast());
    }

    @Test
    void withoutResolvedItSaysSoOnceAndRunsNothing() {
        ResolvedDns dns = recording(false, "systemd-resolved is not running");
        dns.apply("zt1", "zt.example", List.of("10.147.17.1"));
        dns.apply("zt2", "other.example", List.of("10.147.18.1"));
        dns.remove("zt1");
        assertTrue(commands.isEmpty());
        assertEquals(1, log.size());
        assertTrue(log.getFirst().contains("systemd-resolved is not running"), log.getFirst());
    }

    @Test
    void aFailingCommandIsLoggedAndRetriedAtTheNextApply() {
        int[] status = {1};
        ResolvedDns dns = new ResolvedDns(true, null, c -> {
            commands.add(c);
            return status[0];
        }, log::add);
        dns.apply("zt1", "zt.example", List.of("10.147.17.1"));
        assertTrue(log.getFirst().startsWith("WARNING: resolvectl dns zt1"), log.getFirst());
        status[0] = 0;
        dns.apply("zt1", "zt.example", List.of("10.147.17.1"));
        assertEquals(4, commands.size());
    }
}
