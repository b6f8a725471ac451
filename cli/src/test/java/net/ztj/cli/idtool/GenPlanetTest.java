package net.ztj.cli.idtool;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.world.DefaultPlanet;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.core.world.WorldUpdates;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code genplanet}, our extension: a self-hosted planet, its revisions and key rotation. */
class GenPlanetTest {
    private static final JsonNode IDS = Vectors.json("identities.json").get("valid");
    private static final String ROOT_A = IDS.get(0).get("public").asText();
    private static final String ROOT_B = IDS.get(1).get("secret").asText();

    @TempDir
    Path dir;
    private IdToolRunner tool;

    @BeforeEach
    void setUp() throws Exception {
        tool = new IdToolRunner(dir, 1_700_000_000_000L);
        Files.writeString(dir.resolve("b.secret"), ROOT_B);
    }

    private World planet(String file) throws Exception {
        byte[] b = Files.readAllBytes(dir.resolve(file));
        World w = World.deserialize(b, 0, b.length);
        assertEquals(b.length, w.wireLength());
        return w;
    }

    private byte[] publicKeyIn(String keyFile) throws Exception {
        String text = Files.readString(dir.resolve(keyFile));
        assertTrue(text.matches("[0-9a-f]{128}:[0-9a-f]{128}"), text);
        return HexFormat.of().parseHex(text.substring(0, 128));
    }

    @Test
    void writesASignedPlanetAndKeepsItsKey() throws Exception {
        IdToolRunner.Result r = tool.run("genplanet", "planet", ROOT_A + "@10.0.0.1/9993,fd00::1/9993",
                "b.secret@192.0.2.7/443", "--id", "0x5e5e5e5e", "--timestamp", "1000");
        assertEquals(0, r.rc(), r.err());
        assertEquals("wrote planet (planet 000000005e5e5e5e with 2 roots, timestamp 1000)\n", r.out());
        assertEquals("", r.err());
        World w = planet("planet");
        assertEquals(WorldType.PLANET, w.type());
        assertEquals(0x5e5e5e5eL, w.id());
        assertEquals(1000, w.timestamp());
        byte[] key = publicKeyIn("planet.signing-key.secret");
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("planet.signing-key.secret"))));
        assertTrue(w.verifySignature(key));
        assertArrayEquals(key, w.updatesMustBeSignedBy());
        assertEquals(ROOT_A, w.roots().get(0).identity().toPublicString());
        assertEquals("[10.0.0.1/9993, fd00::1/9993]", w.roots().get(0).stableEndpoints().toString());
        assertEquals(ROOT_B.substring(0, 10), w.roots().get(1).identity().address().toString());
        assertFalse(w.roots().get(1).identity().hasPrivate());
    }

    @Test
    void aLaterRevisionWithTheSameKeyIsAnUpdateAndOneWithAnotherKeyIsNot() throws Exception {
        assertEquals(0, tool.run("genplanet", "planet", ROOT_A + "@10.0.0.1/9993", "--timestamp", "1000").rc());
        World first = planet("planet");
        assertNotEquals(0, first.id());
        assertNotEquals(DefaultPlanet.ID, first.id());
        String id = Long.toUnsignedString(first.id());

        // the same key (reused from its file), the ID of the planet already there, a later timestamp
        IdToolRunner.Result again = tool.run("genplanet", "planet", ROOT_A + "@10.0.0.1/9993", "b.secret@10.0.0.2/9993",
                "--timestamp", "2000");
        assertEquals(0, again.rc(), again.err());
        World second = planet("planet");
        assertEquals(first.id(), second.id());
        assertEquals(WorldUpdates.Verdict.ACCEPT, WorldUpdates.evaluate(first, second));

        // an unrelated key: a valid planet, but no node holding the first one takes it
        IdToolRunner.Result other = tool.run("genplanet", "other-planet", ROOT_A + "@10.0.0.1/9993",
                "--id", id, "--timestamp", "3000", "--key", "unrelated.secret");
        assertEquals(0, other.rc(), other.err());
        World foreign = planet("other-planet");
        assertTrue(foreign.verifySignature(publicKeyIn("unrelated.secret")));
        assertEquals(WorldUpdates.Verdict.BAD_SIGNATURE, WorldUpdates.evaluate(second, foreign));

        // and the tool refuses to put such a revision, or an older one, in place of the planet
        byte[] before = Files.readAllBytes(dir.resolve("planet"));
        tool.run("genplanet", "planet", ROOT_A + "@10.0.0.1/9993", "--timestamp", "4000", "--key", "unrelated.secret")
                .assertOneLineError();
        tool.run("genplanet", "planet", ROOT_A + "@10.0.0.1/9993", "--timestamp", "2000").assertOneLineError();
        tool.run("genplanet", "planet", ROOT_A + "@10.0.0.1/9993", "--timestamp", "5000", "--key", "new.secret")
                .assertOneLineError();
        assertFalse(Files.exists(dir.resolve("new.secret")));
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("planet")));
    }

    @Test
    void theNextKeyRotatesTheUpdateKey() throws Exception {
        assertEquals(0, tool.run("genplanet", "planet", ROOT_A + "@10.0.0.1/9993", "--timestamp", "1000").rc());
        World first = planet("planet");
        IdToolRunner.Result rotate = tool.run("genplanet", "planet", ROOT_A + "@10.0.0.1/9993", "--timestamp", "2000",
                "--next-key=next.secret");
        assertEquals(0, rotate.rc(), rotate.err());
        World second = planet("planet");
        assertTrue(WorldUpdates.shouldReplace(first, second));
        assertArrayEquals(publicKeyIn("next.secret"), second.updatesMustBeSignedBy());
        assertTrue(second.verifySignature(publicKeyIn("planet.signing-key.secret")));

        tool.run("genplanet", "planet", ROOT_A + "@10.0.0.1/9993", "--timestamp", "3000").assertOneLineError();
        assertEquals(0, tool.run("genplanet", "planet", ROOT_A + "@10.0.0.1/9993", "--timestamp", "3000",
                "--key", "next.secret").rc());
        assertTrue(WorldUpdates.shouldReplace(second, planet("planet")));
    }

    @Test
    void theDefaultPlanetInAHomeFolderIsReplacedByANewPlanet() throws Exception {
        Files.write(dir.resolve("planet"), DefaultPlanet.serialized());
        IdToolRunner.Result r = tool.run("genplanet", "planet", ROOT_A + "@10.0.0.1/9993");
        assertEquals(0, r.rc(), r.err());
        World w = planet("planet");
        assertNotEquals(DefaultPlanet.ID, w.id());
        assertEquals(1_700_000_000_000L, w.timestamp());
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws Exception {
        String a = ROOT_A + "@10.0.0.1/9993";
        String endpoints33 = IntStream.range(1, 34).mapToObj(i -> "10.0.0." + i + "/9993").collect(Collectors.joining(","));
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"genplanet", "planet"});
        cases.add(new String[] {"genplanet", "planet", ROOT_A});
        cases.add(new String[] {"genplanet", "planet", ROOT_A + "@"});
        cases.add(new String[] {"genplanet", "planet", "nosuchfile@10.0.0.1/9993"});
        cases.add(new String[] {"genplanet", "planet", "ff" + ROOT_A.substring(2) + "@10.0.0.1/9993"});
        cases.add(new String[] {"genplanet", "planet", "ab" + ROOT_A.substring(2) + "@10.0.0.1/9993"});
        cases.add(new String[] {"genplanet", "planet", ROOT_A + "@10.0.0.1"});
        cases.add(new String[] {"genplanet", "planet", ROOT_A + "@10.0.0.1/0"});
        cases.add(new String[] {"genplanet", "planet", ROOT_A + "@0.0.0.0/9993"});
        cases.add(new String[] {"genplanet", "planet", ROOT_A + "@224.0.0.1/9993"});
        cases.add(new String[] {"genplanet", "planet", ROOT_A + "@10.0.0.1/9993,10.0.0.1/9993"});
        cases.add(new String[] {"genplanet", "planet", ROOT_A + "@300.0.0.1/9993"});
        cases.add(new String[] {"genplanet", "planet", ROOT_A + "@" + endpoints33});
        cases.add(new String[] {"genplanet", "planet", a, a});
        cases.add(new String[] {"genplanet", "planet", a, a, a, a, a});
        cases.add(new String[] {"genplanet", "planet", a, "--frob", "1"});
        cases.add(new String[] {"genplanet", "planet", a, "--id"});
        cases.add(new String[] {"genplanet", "planet", a, "--id", "0"});
        cases.add(new String[] {"genplanet", "planet", a, "--id", "149604618"});
        cases.add(new String[] {"genplanet", "planet", a, "--id", "0x8eac90a"});
        cases.add(new String[] {"genplanet", "planet", a, "--id", "12abc"});
        cases.add(new String[] {"genplanet", "planet", a, "--id", "1", "--id", "2"});
        cases.add(new String[] {"genplanet", "planet", a, "--timestamp", "-5"});
        cases.add(new String[] {"genplanet", "planet", a, "--timestamp", "soon"});
        Files.writeString(dir.resolve("bad.key"), "not a key");
        cases.add(new String[] {"genplanet", "planet", a, "--key", "bad.key"});
        Files.writeString(dir.resolve("mismatched.key"), "00".repeat(64) + ":" + "11".repeat(64));
        cases.add(new String[] {"genplanet", "planet", a, "--key", "mismatched.key"});
        cases.add(new String[] {"genplanet", "b.secret", a});
        for (String[] c : cases) {
            IdToolRunner.Result r = tool.run(c);
            r.assertOneLineError();
            assertEquals("", r.out(), String.join(" ", c));
            assertFalse(Files.exists(dir.resolve("planet")), String.join(" ", c));
            assertFalse(Files.exists(dir.resolve("planet.signing-key.secret")), String.join(" ", c));
        }
        assertEquals(ROOT_B, Files.readString(dir.resolve("b.secret")));
        assertEquals("not a key", Files.readString(dir.resolve("bad.key")));
    }

    @Test
    void usageNamesTheCommand() {
        IdToolRunner.Result none = tool.run("genplanet");
        assertEquals(1, none.rc());
        assertTrue(none.out().contains("  genplanet <planet file> <root identity>@<ip/port>[,<ip/port>...]"), none.out());
    }
}
