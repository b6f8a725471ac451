package net.ztj.service;

import net.ztj.core.identity.Identity;
import net.ztj.core.world.DefaultPlanet;
import net.ztj.service.config.ControllerDb;
import net.ztj.service.home.HomeFolder;
import net.ztj.service.home.IdentityStore;
import net.ztj.service.home.MoonFiles;
import net.ztj.service.home.PlanetFile;
import net.ztj.service.home.TokenFile;
import net.ztj.service.node.ControllerExecutor;
import net.ztj.service.node.CoreContext;
import net.ztj.service.node.CoreNodeFactory;
import net.ztj.service.node.NodeCoreFactory;
import net.ztj.service.port.PortEvents;
import net.ztj.service.testing.InProcessDaemon;
import net.ztj.service.testing.RawHttp;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ZeroTier One's quiet recoveries at start-up are kept, but each says so in one warning line: a corrupt or truncated
 * planet (the built-in one is used), a missing identity.secret (a new identity is made), and an authtoken.secret
 * without a token (a new one is written, 0600: the empty token is never accepted).
 */
class StartupWarningsTest {
    @TempDir
    Path dir;

    private List<String> planetWarnings(byte[] planetFile) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home" + planetFile.length));
        Files.write(home.resolve("planet"), planetFile);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        NodeCoreFactory.Created created = new CoreNodeFactory(new PrintStream(log, true, StandardCharsets.UTF_8)).create(
                new CoreContext(Identity.generate(new SecureRandom()), new PlanetFile(home.resolve("planet")),
                        new MoonFiles(home.resolve("moons.d")), new HomeFolder(home), (socket, to, data, off, len, ttl) -> false,
                        new SecureRandom(), 1_700_000_000_000L, new ControllerDb.Sqlite(Optional.empty()), PortEvents.NONE,
                        System::currentTimeMillis, task -> { }));
        created.controllerExecutor().ifPresent(ControllerExecutor::close);
        created.controller().ifPresent(c -> c.close());
        assertArrayEquals(DefaultPlanet.world().serialize(), created.planetInEffect().orElseThrow());
        return log.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aCorruptOrTruncatedPlanetIsReplacedWithOneWarning() throws Exception {
        byte[] planet = DefaultPlanet.world().serialize();
        assertEquals(List.of(), planetWarnings(planet), "the built-in planet itself");
        for (byte[] bad : List.of(Arrays.copyOf(planet, planet.length / 2), new byte[] {1, 2, 3})) {
            Path file = dir.resolve("home" + bad.length).resolve("planet");
            assertEquals(List.of("WARNING: " + file + " is corrupt or truncated (" + bad.length
                    + " bytes); using the built-in planet instead"), planetWarnings(bad));
        }
    }

    @Test
    void aMissingIdentitySecretIsRegeneratedWithOneWarning() throws Exception {
        List<String> warnings = new ArrayList<>();
        IdentityStore store = new IdentityStore(dir);
        Identity made = store.loadOrGenerate(new SecureRandom(), warnings::add);
        assertEquals(List.of("WARNING: no " + dir.resolve("identity.secret") + ": generated a new identity, "
                + made.address()), warnings);
        warnings.clear();
        assertEquals(made.address(), store.loadOrGenerate(new SecureRandom(), warnings::add).address());
        assertEquals(List.of(), warnings, "an existing identity is loaded quietly");
    }

    @Test
    void anEmptyTokenIsReplacedWithOneWarning() throws Exception {
        Path file = dir.resolve("authtoken.secret");
        List<String> warnings = new ArrayList<>();
        for (String empty : List.of("", " \n", "\0")) {
            Files.writeString(file, empty);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
            String token = TokenFile.readOrCreate(file, new SecureRandom(), warnings::add);
            assertTrue(token.matches("[a-z0-9]{24}"), token);
            assertEquals(token, Files.readString(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(List.of("WARNING: " + file + " held no token; it now holds a new one"), warnings);
            warnings.clear();
        }
        Files.delete(file);
        String created = TokenFile.readOrCreate(file, new SecureRandom(), warnings::add);
        assertEquals(List.of(), warnings, "a missing token file is created quietly, as ZeroTier One does");
        assertEquals(created, TokenFile.readOrCreate(file, new SecureRandom(), warnings::add));
    }

    @Test
    void theDaemonNeverAcceptsAnEmptyToken() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("local.conf"), "{\"settings\":{\"bind\":[\"127.0.0.1\"]}}");
        Files.writeString(home.resolve("authtoken.secret"), "\n");
        String console = InProcessDaemon.run(home, Optional.empty(), (port, token) -> {
            assertNotEquals("", token);
            for (String empty : List.of("X-ZT1-Auth: \n", "")) {
                RawHttp.Response r = RawHttp.exchange(InetAddress.getLoopbackAddress(), port,
                        "GET /status?auth= HTTP/1.1\n" + empty + "\n");
                assertEquals(401, r.status());
            }
            assertEquals(200, RawHttp.exchange(InetAddress.getLoopbackAddress(), port,
                    "GET /status HTTP/1.1\nX-ZT1-Auth: " + token + "\n\n").status());
        });
        assertTrue(console.contains("WARNING: " + home.resolve("authtoken.secret") + " held no token; it now holds a new one\n"),
                console);
        assertTrue(console.contains("WARNING: no " + home.resolve("identity.secret") + ": generated a new identity, "), console);
    }
}
