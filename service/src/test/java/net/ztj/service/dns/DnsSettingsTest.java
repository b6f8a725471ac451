package net.ztj.service.dns;

import net.ztj.service.config.LocalConfLoader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DnsSettingsTest {
    private final List<String> warnings = new ArrayList<>();

    private DnsSettings read(String localConf) throws Exception {
        return DnsSettings.from(LocalConfLoader.parse(localConf, warnings::add), warnings::add);
    }

    @Test
    void defaultsWithoutTheObjectAndWithoutAWarningForTheKey() throws Exception {
        assertEquals(DnsSettings.DEFAULTS, read("{\"settings\":{}}"));
        assertEquals(DnsSettings.DEFAULTS, read("{\"settings\":{\"dns\":{}}}"));
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void valuesAreReadAndIllTypedOnesNamedWithTheDefaultKept() throws Exception {
        DnsSettings s = read("{\"settings\":{\"dns\":{\"localPort\":5353,\"autoServers\":true,\"port\":\"x\","
                + "\"queriesPerSecond\":0,\"applyToSystem\":false,\"colour\":1}}}");
        assertEquals(new DnsSettings(true, 53, 5353, true, 100, false), s);
        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("settings.dns.colour")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("settings.dns.port: \"x\"")), warnings.toString());
    }
}
