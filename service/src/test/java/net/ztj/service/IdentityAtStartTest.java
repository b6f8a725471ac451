package net.ztj.service;

import net.ztj.core.identity.Identity;
import net.ztj.service.home.IdentityStore;
import net.ztj.service.testing.InProcessDaemon;
import net.ztj.service.testing.OfflineNodeCore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stored identity's proof of work is checked at every start, as ZeroTier One checks it, on a thread of its own
 * while the daemon reads local.conf and binds its sockets: a valid identity is used, a tampered one is refused and
 * the daemon does not start (its sockets are closed again).
 */
class IdentityAtStartTest {
    private static final Identity VALID = Identity.generate(new SecureRandom());

    @TempDir
    Path dir;

    /** The secret text with one hex digit of the public key changed: it parses, but its proof of work fails. */
    private static String tamperedPublicKey(Identity id) {
        String text = id.toSecretString();
        int at = text.indexOf(":0:") + 3 + 10; // inside the public key
        char c = text.charAt(at);
        return text.substring(0, at) + (c == '0' ? '1' : '0') + text.substring(at + 1);
    }

    /** The secret text claiming another address: the hash no longer ends in it. */
    private static String tamperedAddress(Identity id) {
        String text = id.toSecretString();
        char c = text.charAt(9);
        return text.substring(0, 9) + (c == '0' ? '1' : '0') + text.substring(10);
    }

    @Test
    void aValidIdentityIsLoadedAfterItsCheckAndAStalePublicFileRewritten() throws Exception {
        Files.writeString(dir.resolve("identity.secret"), VALID.toSecretString());
        Files.writeString(dir.resolve("identity.public"), "stale");
        IdentityStore.Loading loading = new IdentityStore(dir).startLoading(new SecureRandom(), w -> { });
        Identity loaded = loading.await();
        assertEquals(VALID.toSecretString(), loaded.toSecretString());
        assertEquals(VALID.toPublicString(), Files.readString(dir.resolve("identity.public")));
    }

    @Test
    void aTamperedIdentityIsRefusedByTheStoreAndItsPublicFileLeftAlone() throws Exception {
        for (String bad : new String[] {tamperedPublicKey(VALID), tamperedAddress(VALID)}) {
            Files.writeString(dir.resolve("identity.secret"), bad);
            Files.writeString(dir.resolve("identity.public"), "left alone");
            IdentityStore store = new IdentityStore(dir);
            IdentityStore.Loading loading = store.startLoading(new SecureRandom(), w -> { });
            assertThrows(IdentityStore.InvalidStoredIdentityException.class, loading::await, bad);
            assertThrows(IdentityStore.InvalidStoredIdentityException.class,
                    () -> store.loadOrGenerate(new SecureRandom(), w -> { }), bad);
            assertEquals("left alone", Files.readString(dir.resolve("identity.public")));
        }
    }

    @Test
    void theDaemonRefusesToStartWithATamperedIdentity() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("local.conf"), "{\"settings\":{\"bind\":[\"127.0.0.1\"],\"allowSecondaryPort\":false}}");
        Files.writeString(home.resolve("identity.secret"), tamperedPublicKey(VALID));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        boolean[] started = new boolean[1];
        ServiceEnvironment env = new ServiceEnvironment("zerotier-one", Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> OptionalInt.of(0), OfflineNodeCore.factory(),
                new SecureRandom(), System::currentTimeMillis, new StopSignal(), d -> started[0] = true, Optional.empty());
        int exit = ServiceMain.run(env, new String[] {"-U", "-p0", home.toString()});
        String console = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit, console);
        assertFalse(started[0]);
        assertTrue(console.contains("invalid identity loaded from disk"), console);
        assertEquals(tamperedPublicKey(VALID), Files.readString(home.resolve("identity.secret")), "never overwritten");

        // the same home with the genuine identity starts (its stale identity.public is rewritten)
        Files.writeString(home.resolve("identity.secret"), VALID.toSecretString());
        Files.writeString(home.resolve("identity.public"), "stale");
        InProcessDaemon.run(home, Optional.empty(), (port, token) -> { });
        assertEquals(VALID.toPublicString(), Files.readString(home.resolve("identity.public")));
    }
}
