package net.ztj.cli.zerotiercli;

import net.ztj.cli.zerotiercli.CliHarness.Result;
import net.ztj.service.api.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Switches, usage text and locating the service (spec 05 §6.1, §6.2). */
class ZeroTierCliArgumentsTest {
    @TempDir
    Path dir;

    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private CliHarness cli;

    @BeforeEach
    void start() throws Exception {
        cli = new CliHarness(r -> {
            tokens.add(r.header("X-ZT1-Auth").orElse("<none>"));
            return HttpResponse.of(200, "application/json", "{\"address\":\"ed7e70d932\",\"version\":\"1.14.1\",\"online\":true}");
        }, dir);
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    @Test
    void usageIsTheReferenceTextWithOurBanner() {
        Result r = cli.bare("-h");
        assertEquals(0, r.exit());
        List<String> ours = r.out().lines().toList();
        List<String> theirs = CliHarness.example("help-zerotier-cli.txt").lines().toList();
        assertEquals(theirs.size(), ours.size());
        assertEquals("ZeroTier One version 1.14.1 build 0 (platform 1 arch " + CliUsage.archCode() + ")", ours.get(0));
        assertEquals("ztj: a pure-Java implementation of ZeroTier One", ours.get(1));
        assertEquals(theirs.subList(3, theirs.size()), ours.subList(3, ours.size()));
        assertTrue(r.out().endsWith("assigned to this node.\n"));
    }

    @Test
    void switchErrorsAndVersion() {
        Result v = cli.bare("-v");
        assertEquals("1.14.1\n", v.out());
        assertEquals(0, v.exit());
        for (String bad : List.of("-vx", "-jx", "-qx", "-p0", "-p70000", "-pabc", "-D", "-H", "-T")) {
            Result r = cli.bare(bad, "info");
            assertEquals(1, r.exit(), bad);
            assertTrue(r.out().contains("Usage: zerotier-cli [-switches] <command/path> [<args>]"), bad);
        }
        for (String help : List.of("-h", "-?", "-x", "-")) {
            Result r = cli.bare(help);
            assertEquals(0, r.exit(), help);
            assertTrue(r.out().startsWith("ZeroTier One version"), help);
        }
    }

    @Test
    void unknownOrMissingCommandPrintsUsageOnStderr() {
        for (String[] args : List.of(new String[] {}, new String[] {"bogus"})) {
            List<String> all = new ArrayList<>(List.of("-p" + cli.port(), "-Tt"));
            all.addAll(List.of(args));
            Result r = cli.bare(all.toArray(String[]::new));
            assertEquals(0, r.exit());
            assertEquals("", r.out());
            assertTrue(r.err().contains("Usage: zerotier-cli"));
        }
    }

    @Test
    void argumentsMayBeInterleavedAndOnlyTheLastExtraSurvives() {
        Result r = cli.bare("info", "-p" + cli.port(), "-q", "-Tt");
        assertEquals("200 info ed7e70d932 1.14.1 ONLINE\n", r.out());
        CliArguments a = ((CliArguments.Parsed) CliArguments.parse(new String[] {"set", "-j", "n", "a=1", "b=2"})).arguments();
        assertEquals(List.of("set", "n", "b=2"), List.of(a.command(), a.arg1(), a.arg2()));
        assertTrue(a.json());
    }

    @Test
    void portAndTokenComeFromTheHomeFolder() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("zerotier-one.port"), cli.port() + "\n");
        Files.writeString(home.resolve("authtoken.secret"), "secret\n");
        Result r = cli.bare("-D" + home, "info");
        assertEquals("200 info ed7e70d932 1.14.1 ONLINE\n", r.out());
        assertEquals("secret\n", tokens.getLast().substring(0, 6) + "\n", "the token file is used verbatim");
        cli.env = Map.of("ZEROTIER_HOME", home.toString());
        assertEquals(0, cli.bare("info").exit());
        assertEquals(0, cli.bare("-Tother", "info").exit());
        assertEquals("other", tokens.getLast());
    }

    @Test
    void homeTokenFallbackAndTheTwoLocatorErrors() throws Exception {
        Path nowhere = dir.resolve("nonexistent");
        Result noPort = cli.bare("-D" + nowhere, "info");
        assertEquals(2, noPort.exit());
        assertEquals("", noPort.out());
        assertEquals("zerotier-cli: missing port and zerotier-one.port not found in " + nowhere + "\n", noPort.err());
        Result noToken = cli.bare("-D" + nowhere, "-p" + cli.port(), "info");
        assertEquals(2, noToken.exit());
        assertEquals("zerotier-cli: authtoken.secret not found or readable in " + nowhere + " (try again as root)\n",
                noToken.err());
        Path userHome = dir.resolve("user");
        Files.createDirectories(userHome);
        Files.writeString(userHome.resolve(".zeroTierOneAuthToken"), "fromhome");
        cli.env = Map.of("HOME", userHome.toString());
        assertEquals(0, cli.bare("-D" + nowhere, "-p" + cli.port(), "info").exit());
        assertEquals("fromhome", tokens.getLast());
    }
}
