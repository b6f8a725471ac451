package net.ztj.cli.zerotiercli;

import net.ztj.core.identity.Address;
import net.ztj.core.node.PathInfo;
import net.ztj.core.node.PeerInfo;
import net.ztj.core.wire.Endpoint;
import net.ztj.service.api.LocalApi;
import net.ztj.service.api.ServiceState;
import net.ztj.service.config.LocalConf;
import net.ztj.service.home.MoonFiles;
import net.ztj.service.testing.FakeNode;
import net.ztj.service.testing.SpecFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bash completion the package installs (packaging/bash-completion/zerotier-cli), sourced in bash and driven as
 * bash drives it (COMP_WORDS, COMP_CWORD, then the function; COMPREPLY read back), with a zerotier-cli process
 * asking the real local API of a fake node for its networks, peers and moons.
 */
class BashCompletionTest {
    private static final Path COMPLETION = Path.of(System.getProperty("ztj.root", "..")).toAbsolutePath().normalize()
            .resolve("packaging/bash-completion/zerotier-cli");
    private static final String NWID_A = "8056c2e21c000001", NWID_B = "93155eb5496486c9";

    @TempDir
    Path dir;

    private final FakeNode node = new FakeNode(SpecFixtures.memberStatus());
    private final AtomicReference<ServiceState> service = new AtomicReference<>(SpecFixtures.memberService());
    private CliHarness api;
    private Path cli;

    @BeforeEach
    void start() throws Exception {
        api = new CliHarness(LocalApi.handler(node, service::get, LocalConf.none(), new MoonFiles(dir.resolve("moons.d")),
                new net.ztj.service.home.NetworkFiles(dir.resolve("networks.d")), java.util.Optional.empty(),
                Address.parse("ed7e70d932"), new java.util.SplittableRandom(1), CliHarness.TOKEN, System::currentTimeMillis),
                dir);
        node.join(Long.parseUnsignedLong(NWID_A, 16), null);
        node.join(Long.parseUnsignedLong(NWID_B, 16), null);
        node.peers = List.of(
                new PeerInfo(Address.parse("93155eb549"), 12, 1, 14, 1, 1, PeerInfo.Role.LEAF,
                        List.of(new PathInfo(Endpoint.parse("10.55.0.2/19993"), 1, 1, 1, true))),
                new PeerInfo(Address.parse("778cde7190"), 12, 1, 14, 1, 30, PeerInfo.Role.PLANET, List.of()));
        node.orbit(0x93155eb549L, Address.parse("93155eb549"));
        // zerotier-cli as the package installs it: a program on disk, here the test classes in a JVM of their own
        cli = dir.resolve("bin/zerotier-cli");
        Files.createDirectories(cli.getParent());
        Files.writeString(cli, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -XX:TieredStopAtLevel=1 -Xshare:auto -cp '" + System.getProperty("java.class.path") + "' "
                + CliProcessMain.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** What {@code function} offers for the words, the last one being completed. */
    private List<String> complete(String function, String... words) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "--norc", "--noprofile", "-c",
                "source \"$0\" || exit 9; COMP_WORDS=(\"${@:2}\"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ));"
                        + " \"$1\"; status=$?; printf '%s\\n' \"${COMPREPLY[@]}\"; exit $status",
                COMPLETION.toString(), function));
        command.addAll(List.of(words));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, p.exitValue(), err);
        assertEquals("", err, "the completion writes nothing on the terminal");
        return new String(out, StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).sorted().toList();
    }

    private String[] line(String... words) {
        List<String> all = new ArrayList<>(List.of(cli.toString(), "-p" + api.port(), "-T" + CliHarness.TOKEN));
        all.addAll(List.of(words));
        return all.toArray(String[]::new);
    }

    @Test
    void commandsSwitchesSettingsAndPropertiesNeedNoService() throws Exception {
        assertEquals(List.of("leave", "listbonds", "listmoons", "listnetworks", "listpeers"),
                complete("_zerotier_cli", "zerotier-cli", "l"));
        assertEquals(List.of("deorbit", "dump"), complete("_zerotier_cli", "zerotier-cli", "-j", "d"));
        assertEquals(List.of("bond", "deorbit", "dump", "get", "info", "join", "leave", "listbonds", "listmoons",
                "listnetworks", "listpeers", "orbit", "peers", "set", "status"),
                complete("_zerotier_cli", "zerotier-cli", ""), "every command, bond and status too");
        assertEquals(List.of("-D", "-H", "-T", "-h", "-j", "-p", "-q", "-v"), complete("_zerotier_cli", "zerotier-cli", "-"));
        Files.createDirectories(dir.resolve("home-a"));
        assertEquals(List.of("-D" + dir.resolve("home-a")),
                complete("_zerotier_cli", "zerotier-cli", "-D" + dir.resolve("home-")));
        assertEquals(List.of("allowDNS=", "allowDefault="),
                complete("_zerotier_cli", "zerotier-cli", "set", NWID_A, "allowD"));
        assertEquals(List.of("ip", "ip4", "ip6", "ip6plane", "ip6prefix"),
                complete("_zerotier_cli", "zerotier-cli", "get", NWID_A, "ip"));
        assertEquals(List.of(), complete("_zerotier_cli", "zerotier-cli", "info", ""), "info takes nothing");
    }

    @Test
    void networksPeersAndMoonsComeFromTheRunningService() throws Exception {
        assertEquals(List.of(NWID_A, NWID_B), complete("_zerotier_cli", line("leave", "")));
        assertEquals(List.of(NWID_B), complete("_zerotier_cli", line("get", "93")));
        assertEquals(List.of("778cde7190", "93155eb549", "list", "setmtu"), complete("_zerotier_cli", line("bond", "")));
        assertEquals(List.of("rotate", "show"), complete("_zerotier_cli", line("bond", "93155eb549", "")));
        assertEquals(List.of("00000093155eb549"), complete("_zerotier_cli", line("deorbit", "")));
        assertEquals(List.of("93155eb549"), complete("_zerotier_cli", line("orbit", "93155eb549", "93")));
    }

    @Test
    void withoutAServiceThereIsNothingToOfferAndNothingPrinted() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertEquals(List.of(), complete("_zerotier_cli", cli.toString(), "-p" + closed, "-T" + CliHarness.TOKEN,
                "leave", ""));
    }

    @Test
    void idtoolCommandsThenFiles() throws Exception {
        assertEquals(List.of("generate", "genmoon", "genplanet", "getpublic"),
                complete("_zerotier_idtool", "zerotier-idtool", "g"));
        Files.writeString(dir.resolve("identity.secret"), "x");
        assertEquals(List.of(dir.resolve("identity.secret").toString()),
                complete("_zerotier_idtool", "zerotier-idtool", "getpublic", dir.resolve("identity.s").toString()));
        assertEquals(List.of("--next-key"), complete("_zerotier_idtool", "zerotier-idtool", "genplanet", "p", "--n"));
    }
}
