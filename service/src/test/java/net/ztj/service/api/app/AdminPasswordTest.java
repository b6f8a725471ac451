package net.ztj.service.api.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin password's Argon2id hash: a known answer, its PHC text, and files that are not a usable hash. */
class AdminPasswordTest {
    @TempDir
    Path dir;

    /** The Argon2 reference implementation's test (test.c): Argon2id v1.3, t=2, m=2^16 KiB, p=1, "password"/"somesalt". */
    @Test
    void argon2idKnownAnswer() {
        byte[] salt = "somesalt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7",
                HexFormat.of().formatHex(AdminPassword.derive("password", salt, 1 << 16, 2, 1, 32)));
        AdminPassword.Hash h = AdminPassword.Hash.parse(
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc").orElseThrow();
        assertArrayEquals(salt, h.salt());
        assertEquals("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7", HexFormat.of().formatHex(h.hash()));
        assertEquals("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", h.text());
    }

    @Test
    void aSetPasswordSurvivesReloadingAndOthersDoNotMatch() throws Exception {
        Path file = dir.resolve("adminpassword.secret");
        AdminPassword none = AdminPassword.load(file);
        assertFalse(none.isSet());
        assertFalse(none.matches(""));
        assertThrows(IllegalArgumentException.class, () -> none.set("seven77", new SecureRandom()));
        assertThrows(IllegalArgumentException.class, () -> none.set("x".repeat(AdminPassword.MAX_LENGTH + 1),
                new SecureRandom()));
        assertFalse(Files.exists(file), "a refused password writes nothing");
        none.set("eight888", new SecureRandom());
        assertTrue(none.matches("eight888"));
        AdminPassword loaded = AdminPassword.load(file);
        assertTrue(loaded.isSet());
        assertTrue(loaded.matches("eight888"));
        assertFalse(loaded.matches("eight889"));
        assertFalse(loaded.matches("x".repeat(AdminPassword.MAX_LENGTH + 1)));
        String first = Files.readString(file);
        none.set("eight888", new SecureRandom());
        assertFalse(first.equals(Files.readString(file)), "a fresh salt each time");
    }

    @Test
    void filesThatAreNoUsableHashCountAsNoPassword() throws Exception {
        Path file = dir.resolve("adminpassword.secret");
        String salt = "c29tZXNhbHRzb21lc2FsdA", hash = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        for (String text : new String[] {"", "plain text password", "$argon2i$v=19$m=64,t=2,p=1$" + salt + "$" + hash,
                "$argon2id$v=16$m=64,t=2,p=1$" + salt + "$" + hash, "$argon2id$v=19$m=99999999,t=2,p=1$" + salt + "$" + hash,
                "$argon2id$v=19$m=64,t=999,p=1$" + salt + "$" + hash, "$argon2id$v=19$m=64,t=2,p=1$!!$" + hash,
                "$argon2id$v=19$m=64,t=2$" + salt + "$" + hash}) {
            Files.writeString(file, text);
            assertFalse(AdminPassword.load(file).isSet(), text);
        }
        Files.writeString(file, "$argon2id$v=19$m=64,t=2,p=1$" + salt + "$" + hash + "\n");
        assertTrue(AdminPassword.load(file).isSet());
    }
}
