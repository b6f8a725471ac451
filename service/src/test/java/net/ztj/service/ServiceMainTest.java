package net.ztj.service;

import net.ztj.core.identity.Identity;
import net.ztj.service.json.JsonText;
import net.ztj.service.node.NodeCoreFactory;
import net.ztj.service.testing.RawHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * zerotier-one run in-process: start-up files, the API on the primary port, clean stop, and the refusals (second
 * daemon on the same home folder or port, bad local.conf, not root). Every socket is on the loopback interface:
 * local.conf binds UDP to 127.0.0.1 and the API listens on loopback.
 */
class ServiceMainTest {
    private static final String LOOPBACK_ONLY = "{\"settings\":{\"bind\":[\"127.0.0.1\"]}}";
    private static Identity identity;

    @TempDir
    Path dir;

    /** A running (or finished) service and its console. */
    private static final class Run {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        final StopSignal stop = new StopSignal();
        final CompletableFuture<Daemon> started = new CompletableFuture<>();
        CompletableFuture<Integer> exit;

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        int exitCode() throws Exception {
            return exit.get(20, TimeUnit.SECONDS);
        }

        /** Waits until the service is up; fails with its console if it ended instead. */
        Daemon awaitStarted() throws Exception {
            CompletableFuture.anyOf(started, exit).get(20, TimeUnit.SECONDS);
            assertTrue(started.isDone(), "did not start: " + err());
            return started.get();
        }
    }

    @BeforeAll
    static void makeIdentity() {
        identity = Identity.generate(new SecureRandom());
    }

    private Path home(String name, String localConf) throws Exception {
        Path home = dir.resolve(name);
        Files.createDirectories(home);
        Files.writeString(home.resolve("identity.secret"), identity.toSecretString());
        Files.writeString(home.resolve("identity.public"), identity.toPublicString());
        if (localConf != null) Files.writeString(home.resolve("local.conf"), localConf);
        return home;
    }

    private Run start(int uid, String... args) {
        return start(uid, null, args);
    }

    /** With {@code background} null, {@code -d} is refused as where no process can be started. */
    private Run start(int uid, Background background, String... args) {
        Run run = new Run();
        ServiceEnvironment env = new ServiceEnvironment("zerotier-one", Map.of(),
                new PrintStream(run.out, true, StandardCharsets.UTF_8), new PrintStream(run.err, true, StandardCharsets.UTF_8),
                () -> OptionalInt.of(uid), net.ztj.service.testing.OfflineNodeCore.factory(), new SecureRandom(), System::currentTimeMillis,
                run.stop, run.started::complete, java.util.Optional.empty());
        if (background != null) {
            env = new ServiceEnvironment(env.programName(), env.env(), env.out(), env.err(), env.realUid(),
                    env.coreFactory(), env.random(), env.clockMs(), env.stop(), env.started(), env.ports(), background);
        }
        ServiceEnvironment finalEnv = env;
        // a thread of its own: a running service blocks until stopped
        run.exit = CompletableFuture.supplyAsync(() -> ServiceMain.run(finalEnv, args),
                task -> Thread.ofPlatform().daemon().name("zerotier-one-under-test").start(task));
        return run;
    }

    private static String file(Path home, String name) throws Exception {
        return Files.readString(home.resolve(name));
    }

    @Test
    void startsServesAndStopsCleanly() throws Exception {
        Path home = home("home", LOOPBACK_ONLY);
        Run run = start(1000, "-U", "-p0", home.toString() + "/");
        Daemon daemon = run.awaitStarted();
        int port = daemon.primaryPort();
        assertTrue(port >= 20000 && port <= 65499, "random primary port " + port);

        String token = file(home, "authtoken.secret");
        assertTrue(token.matches("[a-z0-9]{24}"), token);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("authtoken.secret"))));
        assertTrue(file(home, "metricstoken.secret").matches("[a-z0-9]{24}"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("metricstoken.secret"))));
        assertEquals(Integer.toString(port), file(home, "zerotier-one.port"));
        assertEquals(Long.toString(ProcessHandle.current().pid()), file(home, "zerotier-one.pid"));

        RawHttp.Response r = RawHttp.exchange(InetAddress.getLoopbackAddress(), port,
                "GET /status HTTP/1.1\nX-ZT1-Auth: " + token + "\n\n");
        assertEquals(200, r.status());
        var status = JsonText.parse(r.body());
        assertEquals(identity.address().toString(), status.get("address").asText());
        assertEquals(identity.toPublicString(), status.get("publicIdentity").asText());
        assertFalse(status.get("online").asBoolean());
        var settings = status.get("config").get("settings");
        assertEquals(port, settings.get("primaryPort").asInt());
        assertEquals(home.toString(), settings.get("homeDir").asText(), "no trailing slash");
        int secondary = settings.get("secondaryPort").asInt();
        assertTrue(secondary >= 20000 && secondary != port, "secondary " + secondary);
        assertEquals("[\"127.0.0.1/" + port + "\",\"127.0.0.1/" + secondary + "\"]",
                JsonText.compact(settings.get("listeningOn")));
        assertEquals("[\"127.0.0.1\"]", JsonText.compact(settings.get("bind")), "local.conf keys are reported");

        run.stop.fire();
        assertEquals(0, run.exitCode());
        assertFalse(Files.exists(home.resolve("zerotier-one.pid")), "pid file deleted at exit");
        assertTrue(Files.exists(home.resolve("zerotier-one.port")), "port file kept");
        assertEquals("Starting Control Plane...\nStarting V6 Control Plane...\nControl Plane Stopped\nV6 Control Plane Stopped\n",
                run.err());
    }

    @Test
    void aSecondDaemonOnTheSameHomeFolderIsRefused() throws Exception {
        Path home = home("home", LOOPBACK_ONLY);
        Run first = start(1000, "-U", "-p0", home.toString());
        first.awaitStarted();
        String pid = file(home, "zerotier-one.pid");

        Run second = start(1000, "-U", "-p0", home.toString());
        assertEquals(1, second.exitCode());
        assertEquals("zerotier-one: fatal error: another zerotier-one is already running with home folder " + home
                + " (pid " + pid + ")\n", second.err());
        assertEquals(pid, file(home, "zerotier-one.pid"), "the running daemon's pid file is untouched");

        first.stop.fire();
        assertEquals(0, first.exitCode());
    }

    @Test
    void aSecondDaemonOnTheSamePortIsRefused() throws Exception {
        Run first = start(1000, "-U", "-p0", home("one", LOOPBACK_ONLY).toString());
        int port = first.awaitStarted().primaryPort();

        Path other = home("two", LOOPBACK_ONLY);
        Run second = start(1000, "-U", "-p" + port, other.toString());
        assertEquals(1, second.exitCode());
        assertEquals("zerotier-one: fatal error: cannot bind to local control interface port " + port + "\n", second.err());
        assertFalse(Files.exists(other.resolve("zerotier-one.pid")));

        first.stop.fire();
        assertEquals(0, first.exitCode());
    }

    @Test
    void aLocalConfThatIsNotAJsonObjectStopsTheService() throws Exception {
        Path bad = home("bad", "{bad json");
        Run run = start(1000, "-U", "-p0", bad.toString());
        assertEquals(1, run.exitCode());
        assertEquals("ERROR: unable to parse local.conf (invalid JSON)\n", run.err());
        assertTrue(Files.exists(bad.resolve("zerotier-one.pid")), "left behind, as the reference leaves it");

        Run array = start(1000, "-U", "-p0", home("array", "[1,2]").toString());
        assertEquals(1, array.exitCode());
        assertEquals("ERROR: unable to parse local.conf (root element is not a JSON object)\n", array.err());
    }

    @Test
    void illTypedSettingsAreNamedButDoNotStopTheService() throws Exception {
        Run run = start(1000, "-U", "-p0",
                home("lenient", "{\"settings\":{\"bind\":[\"127.0.0.1\"],\"allowSecondaryPort\":\"no\"}}").toString());
        run.awaitStarted();
        run.stop.fire();
        assertEquals(0, run.exitCode());
        assertTrue(run.err().startsWith(
                "WARNING: local.conf: settings.allowSecondaryPort: \"no\" is not a boolean; read as false\n"), run.err());
    }

    @Test
    void withoutMinusUOnlyRootMayRun() throws Exception {
        Path home = home("home", LOOPBACK_ONLY);
        Run run = start(1000, home.toString());
        assertEquals(1, run.exitCode());
        assertEquals("zerotier-one: must be run as root (uid 0)\n", run.err());
        assertFalse(Files.exists(home.resolve("zerotier-one.pid")));
    }

    @Test
    void anOldControllerDatabaseIsRefused() throws Exception {
        Path home = home("home", null);
        Files.writeString(home.resolve("controller.db"), "");
        Run run = start(0, home.toString());
        assertEquals(1, run.exitCode());
        assertEquals("zerotier-one: FATAL: an old controller.db exists in " + home
                + " -- see instructions in controller/README.md for how to migrate!\n", run.err());
    }

    @Test
    void versionAndUsage() throws Exception {
        Run version = start(1000, "-v");
        assertEquals(0, version.exitCode());
        assertEquals("1.14.1\n", version.out());
        Run tooHigh = start(1000, "-p70000");
        assertEquals(1, tooHigh.exitCode());
        assertTrue(tooHigh.out().contains("Usage: zerotier-one [-switches] [home directory]"));
        Run twoHomes = start(1000, "/a", "/b");
        assertEquals(0, twoHomes.exitCode());
        assertTrue(twoHomes.out().startsWith("ZeroTier One version 1.14.1\n"));
    }

    @Test
    void dashDHandsTheCommandLineWithoutItToTheBackgroundAfterTheChecks() throws Exception {
        Path home = home("home", LOOPBACK_ONLY);
        List<Object> handedOver = new ArrayList<>();
        Background background = (args, pidFile) -> {
            handedOver.add(args);
            handedOver.add(pidFile);
            return 7;
        };
        Run run = start(0, background, "-p0", "-d", home.toString());
        assertEquals(7, run.exitCode(), "the background's exit code is the program's");
        assertEquals(List.of(List.of("-p0", home.toString()), home.resolve("zerotier-one.pid")), handedOver);
        assertEquals("", run.err());
        assertFalse(Files.exists(home.resolve("zerotier-one.pid")), "the background process writes it, not this one");

        // as the reference: any switch starting with d; the root check comes first
        handedOver.clear();
        Run notRoot = start(1000, background, "-dx", home.toString());
        assertEquals(1, notRoot.exitCode());
        assertEquals("zerotier-one: must be run as root (uid 0)\n", notRoot.err());
        assertEquals(List.of(), handedOver);
        Run skipCheck = start(1000, background, "-U", "-dx", home.toString());
        assertEquals(7, skipCheck.exitCode());
        assertEquals(List.of(List.of("-U", home.toString()), home.resolve("zerotier-one.pid")), handedOver);

        Run unavailable = start(0, "-d", home.toString());
        assertEquals(1, unavailable.exitCode());
        assertEquals("zerotier-one: could not fork (-d is not available here)\n", unavailable.err());
    }
}
