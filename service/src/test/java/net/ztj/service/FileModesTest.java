package net.ztj.service;

import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.service.home.MoonFiles;
import net.ztj.service.home.PlanetFile;
import net.ztj.service.testing.InProcessDaemon;
import net.ztj.service.testing.RawHttp;
import net.ztj.service.testing.Umask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The modes of what the daemon creates do not depend on the umask: under umask 000 (which would make everything
 * world-writable) folders are 0755, files 0644, secrets 0600, and the controller's folder 0700 (the daemon here
 * runs an offline core without controller, so that folder is checked on its own).
 */
class FileModesTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** Every file and folder under {@code root} (root excluded) with its mode, by relative path. */
    private static Map<String, String> modes(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (!p.equals(root)) out.put(root.relativize(p).toString(), mode(p));
            }
        }
        return out;
    }

    @Test
    void underUmask000TheDaemonCreatesNothingWorldWritable() throws Exception {
        Path parent = dir.resolve("var");
        Path home = parent.resolve("lib/zerotier-one");
        Umask.with(0, () -> {
            InProcessDaemon.run(home, Optional.empty(), (port, token) -> {
                Files.writeString(home.resolve("local.conf"), "{}");
                RawHttp.Response joined = RawHttp.exchange(InetAddress.getLoopbackAddress(), port,
                        "POST /network/93155eb5496486c9 HTTP/1.1\nX-ZT1-Auth: " + token + "\nContent-Length: 21\n\n"
                                + "{\"allowDefault\":true}");
                assertEquals(200, joined.status());
                new MoonFiles(home.resolve("moons.d")).write(0x1234567890L, new byte[] {1, 2, 3});
                new PlanetFile(home.resolve("planet")).writeIfChanged(new byte[] {4, 5, 6});
            });
        });
        assertEquals("rwxr-xr-x", mode(parent));
        assertEquals("rwxr-xr-x", mode(parent.resolve("lib")));
        Map<String, String> modes = modes(home);
        Map<String, String> expected = new TreeMap<>();
        expected.put("authtoken.secret", "rw-------");
        expected.put("metricstoken.secret", "rw-------");
        expected.put("identity.secret", "rw-------");
        expected.put("identity.public", "rw-r--r--");
        expected.put("zerotier-one.port", "rw-r--r--");
        expected.put("local.conf", modes.get("local.conf")); // written by the test itself
        expected.put("planet", "rw-r--r--");
        expected.put("moons.d", "rwxr-xr-x");
        expected.put("moons.d/0000001234567890.moon", "rw-r--r--");
        expected.put("networks.d", "rwxr-xr-x");
        expected.put("networks.d/93155eb5496486c9.conf", "rw-r--r--");
        expected.put("networks.d/93155eb5496486c9.local.conf", "rw-r--r--");
        assertEquals(expected, modes);
    }

    @Test
    void thePidFileAndTheControllerFolderUnderUmask000() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Umask.with(0, () -> {
            try (var pid = net.ztj.service.home.PidFile.acquire(home.resolve("zerotier-one.pid"), 42)) {
                assertEquals("rw-r--r--", mode(home.resolve("zerotier-one.pid")));
            }
            try (var store = SqliteControllerStore.open(home.resolve("a/b/controller.d"))) {
                assertEquals("rwx------", mode(home.resolve("a")));
                assertEquals("rwx------", mode(home.resolve("a/b")));
                assertEquals("rwx------", mode(home.resolve("a/b/controller.d")));
            }
        });
    }
}
