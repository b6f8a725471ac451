package net.ztj.cli.idtool;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.cli.ToolIo;
import net.ztj.core.identity.Identity;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** zerotier-idtool as a user runs it: outputs, files and exit codes of spec 05 §7. */
class IdToolTest {
    @TempDir
    Path dir;

    private record Result(int rc, String out, String err) {}

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        ToolIo io = new ToolIo(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                dir, new SecureRandom(), () -> 1_700_000_000_000L);
        int rc = IdTool.run("zerotier-idtool", args, io);
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLineError(Result r) {
        assertEquals(1, r.rc());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void generateThenValidateRoundTrips() throws Exception {
        Result g = run("generate", "identity.secret", "identity.public");
        assertEquals(0, g.rc());
        assertEquals("identity.secret written\nidentity.public written\n", g.out());
        String secret = Files.readString(dir.resolve("identity.secret"));
        String pub = Files.readString(dir.resolve("identity.public"));
        assertEquals(270, secret.length());
        assertEquals(141, pub.length());
        assertTrue(secret.startsWith(pub + ":"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("identity.secret"))));

        Result v = run("validate", "identity.public");
        assertEquals(0, v.rc());
        assertEquals("identity.public is a valid identity\n", v.out());
        assertEquals(0, run("validate", "identity.secret").rc());
        assertEquals(0, run("validate", pub).rc());

        Result p = run("getpublic", "identity.secret");
        assertEquals(0, p.rc());
        assertEquals(pub, p.out());
    }

    @Test
    void generateToStdoutPrintsTheSecretWithoutNewline() {
        Result g = run("generate");
        assertEquals(0, g.rc());
        Identity id = Identity.fromString(g.out());
        assertTrue(id.hasPrivate());
        assertFalse(g.out().endsWith("\n"));
        assertTrue(id.locallyValidate());
    }

    @Test
    void vanityPrefixIsHonoured() {
        Result g = run("generate", "v.secret", "v.public", "a");
        assertEquals(0, g.rc());
        assertTrue(g.err().contains("vanity address: found a"), g.err());
    }

    @Test
    void vectorIdentitiesValidateWithTheirAddressAndTamperedOnesFail() {
        for (JsonNode c : Vectors.json("identities.json").get("valid")) {
            Result v = run("validate", c.get("public").asText());
            assertEquals(0, v.rc());
            assertEquals(c.get("public").asText(), run("getpublic", c.get("secret").asText()).out());
            assertTrue(c.get("public").asText().startsWith(c.get("address").asText() + ":"));
        }
        for (JsonNode c : Vectors.json("identities.json").get("invalid")) {
            Result v = run("validate", c.get("text").asText());
            assertOneLineError(v);
            if (c.get("parses").asBoolean()) {
                assertEquals(c.get("text").asText() + " FAILED validation.\n", v.err());
            } else {
                assertEquals("Identity argument invalid or file unreadable: " + c.get("text").asText() + "\n", v.err());
            }
        }
    }

    @Test
    void signaturesMatchZeroTierAndVerifyBothWays() throws Exception {
        for (JsonNode c : Vectors.json("c25519.json").get("sign")) {
            String secret = c.get("signer_secret").asText();
            Files.write(dir.resolve("msg"), Vectors.hex(c.get("message")));
            Result s = run("sign", secret, "msg");
            assertEquals(0, s.rc());
            assertEquals(c.get("signature").asText(), s.out());
            String pub = Identity.fromString(secret).toPublicString();
            Result v = run("verify", pub, "msg", c.get("signature").asText());
            assertEquals(0, v.rc());
            assertEquals("msg signature valid\n", v.out());
            Files.writeString(dir.resolve("sig.hex"), c.get("signature").asText() + "\n");
            assertEquals(0, run("verify", pub, "msg", "sig.hex").rc());
            Files.write(dir.resolve("msg"), new byte[] {1, 2, 3, 4, 5, 6, 7});
            Result bad = run("verify", pub, "msg", c.get("signature").asText());
            assertOneLineError(bad);
            assertEquals("msg signature check FAILED\n", bad.err());
        }
    }

    @Test
    void malformedInputGetsOneLineErrorsAndExitOne() throws Exception {
        run("generate", "id.secret", "id.public");
        Files.writeString(dir.resolve("m"), "message");
        assertEquals("id.public does not contain a private key (must use private to sign)\n", run("sign", "id.public", "m").err());
        assertOneLineError(run("sign", "id.public", "m"));
        assertOneLineError(run("sign", "id.secret", "no-such-file"));
        assertEquals("no-such-file is not readable\n", run("sign", "id.secret", "no-such-file").err());
        assertOneLineError(run("validate", "nosuchfile"));
        assertOneLineError(run("getpublic", "nosuchfile"));
        Files.writeString(dir.resolve("garbage"), "not an identity at all");
        assertOneLineError(run("validate", "garbage"));
        String pub = Files.readString(dir.resolve("id.public"));
        assertOneLineError(run("validate", "zz" + pub.substring(2)));
        assertOneLineError(run("validate", pub.substring(0, 100)));
        assertOneLineError(run("validate", "ff" + pub.substring(2)));
        assertOneLineError(run("verify", pub, "m", "nothex"));
        assertOneLineError(run("verify", pub, "m", "ab".repeat(96)));
        assertOneLineError(run("verify", pub, "nofile", "ab".repeat(96)));
        assertOneLineError(run("generate", "a", "b", "xyz"));
    }

    @Test
    void usageForNoOrUnknownCommand() {
        Result none = run();
        assertEquals(1, none.rc());
        assertTrue(none.out().contains("Usage: zerotier-idtool <command> [<args>]"));
        assertEquals(1, run("frobnicate").rc());
        assertEquals(1, run("verify", "only-one").rc());
    }

    /** A secret identity whose private key was altered passes the proof of work but not the key pair check. */
    @Test
    void validateChecksThatThePrivateKeyBelongsToThePublicKey() throws Exception {
        String secret = Vectors.json("identities.json").get("valid").get(0).get("secret").asText();
        int priv = secret.lastIndexOf(':') + 1; // 64 hex digits of X25519, then 64 of Ed25519
        assertEquals(priv + 128, secret.length());
        Files.writeString(dir.resolve("good.secret"), secret);
        assertEquals("good.secret is a valid identity\n", run("validate", "good.secret").out());

        Files.writeString(dir.resolve("x.secret"), flipHexDigit(secret, priv + 5));
        Files.writeString(dir.resolve("ed.secret"), flipHexDigit(secret, priv + 64 + 5));
        Files.writeString(dir.resolve("both.secret"), flipHexDigit(flipHexDigit(secret, priv + 5), priv + 100));
        Map<String, String> expected = Map.of(
                "x.secret", "X25519 key-agreement half",
                "ed.secret", "Ed25519 signing half",
                "both.secret", "X25519 key-agreement and Ed25519 signing half");
        for (var e : expected.entrySet()) {
            Result v = run("validate", e.getKey());
            assertOneLineError(v);
            assertEquals("", v.out());
            assertEquals(e.getKey() + " FAILED validation: its private key does not match its public key ("
                    + e.getValue() + ")\n", v.err());
        }
        String inline = flipHexDigit(secret, priv + 5);
        assertEquals(inline + " FAILED validation: its private key does not match its public key (X25519 key-agreement half)\n",
                run("validate", inline).err(), "an identity given on the command line");
    }

    private static String flipHexDigit(String s, int at) {
        char c = s.charAt(at);
        char flipped = Character.forDigit(Character.digit(c, 16) ^ 1, 16);
        return s.substring(0, at) + flipped + s.substring(at + 1);
    }
}
