package net.ztj.cli.idtool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.core.identity.Identity;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code initmoon} and {@code genmoon} against the reference's transcript and output (spec 05 §7). */
class MoonCommandsTest {
    private static final long NOW = 1_795_531_980_254L;
    private static final String SEED = "f2754d860d:0:1d0a3cf5d3eae1bfba9cfd26137a8d79a1daa583ecd91f46bfdc1c425b50e5"
            + "23952eb99ddc0ed88e80aa247697b339f1628d3abec982851bd24ee8c4e16bbbb4";
    private static final String SIGNING_SECRET = "59a4b09f3fcefc9f5f429d3d2c53eff68ac6e10e5509d69a57c258e33a7cbb20"
            + "a09baf0932f9ec8178bf0e800b742a45b6fc0786b66ab98826e98ae49b47ecf5";
    /** idtool-initmoon.json as ZeroTier One 1.14.1 printed it. */
    private static final String REFERENCE_INITMOON = """
            {
             "id": "f2754d860d",
             "objtype": "world",
             "roots": [
              {
               "identity": "%s",
               "stableEndpoints": []
              }
             ],
             "signingKey": "27392e35b3db4adba7fe57fc710e78cd44f412a849d1e7e08c50d13e0db7cc54e1c43060eaed12097a6404ff0e68de9e165bfc5ec13b3d1951dc72efe379c18b",
             "signingKey_SECRET": "%s",
             "updatesMustBeSignedBy": "27392e35b3db4adba7fe57fc710e78cd44f412a849d1e7e08c50d13e0db7cc54e1c43060eaed12097a6404ff0e68de9e165bfc5ec13b3d1951dc72efe379c18b",
             "worldType": "moon"
            }
            """.formatted(SEED, SIGNING_SECRET);

    @TempDir
    Path dir;
    private IdToolRunner tool;

    @BeforeEach
    void setUp() {
        tool = new IdToolRunner(dir, NOW);
    }

    /** Hands out fixed bytes, so the key pair initmoon generates is the one of the reference output. */
    private static final class FixedRandom extends SecureRandom {
        private final byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }

    @Test
    void initmoonPrintsExactlyWhatTheReferencePrints() throws Exception {
        Files.writeString(dir.resolve("identity.public"), SEED);
        IdToolRunner fixed = new IdToolRunner(dir, new FixedRandom(HexFormat.of().parseHex(SIGNING_SECRET)), NOW);
        IdToolRunner.Result r = fixed.run("initmoon", "identity.public");
        assertEquals(0, r.rc(), r.err());
        assertEquals(REFERENCE_INITMOON, r.out());
        assertEquals(r.out(), fixed.run("initmoon", SEED).out());
    }

    @Test
    void genmoonSignsTheDefinitionAsTheTranscriptShows() throws Exception {
        Files.writeString(dir.resolve("identity.public"), SEED);
        Files.writeString(dir.resolve("moon.json"), tool.run("initmoon", "identity.public").out());
        IdToolRunner.Result r = tool.run("genmoon", "moon.json");
        assertEquals(0, r.rc(), r.err());
        assertEquals("wrote 000000f2754d860d.moon (signed world with timestamp " + NOW + ")\n", r.out());
        byte[] b = Files.readAllBytes(dir.resolve("000000f2754d860d.moon"));
        assertEquals(252, b.length);
        World moon = World.deserialize(b, 0, b.length);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("moon.json").toFile());
        assertEquals(WorldType.MOON, moon.type());
        assertEquals(0xf2754d860dL, moon.id());
        assertEquals(NOW, moon.timestamp());
        assertTrue(moon.verifySignature(HexFormat.of().parseHex(json.get("signingKey").asText())));
        assertEquals(SEED, moon.roots().get(0).identity().toPublicString());
    }

    @Test
    void genmoonSortsEndpointsAndRootsAndSignsPlanetsToo() throws Exception {
        JsonNode ids = Vectors.json("identities.json").get("valid");
        Files.writeString(dir.resolve("identity.public"), SEED);
        ObjectNode def = (ObjectNode) new ObjectMapper().readTree(tool.run("initmoon", "identity.public").out());
        ArrayNode roots = (ArrayNode) def.get("roots");
        ((ArrayNode) roots.get(0).get("stableEndpoints")).add("2001:db8::1/9993").add("10.0.0.2/9993").add("10.0.0.1/9993");
        ObjectNode second = roots.insertObject(0);
        second.put("identity", ids.get(0).get("public").asText());
        second.putArray("stableEndpoints").add("192.0.2.1/443");
        def.put("worldType", "planet");
        def.put("id", "0x5e5e5e5e");
        Files.writeString(dir.resolve("planet.json"), def.toString());
        IdToolRunner.Result r = tool.run("genmoon", "planet.json");
        assertEquals(0, r.rc(), r.err());
        byte[] b = Files.readAllBytes(dir.resolve("000000005e5e5e5e.moon"));
        World w = World.deserialize(b, 0, b.length);
        assertEquals(WorldType.PLANET, w.type());
        List<String> addresses = w.roots().stream().map(x -> x.identity().address().toString()).toList();
        assertEquals(addresses.stream().sorted().toList(), addresses);
        World.Root seedRoot = w.roots().stream()
                .filter(x -> x.identity().equals(Identity.fromString(SEED))).findFirst().orElseThrow();
        assertEquals("[10.0.0.1/9993, 10.0.0.2/9993, 2001:db8::1/9993]", seedRoot.stableEndpoints().toString());
    }

    @Test
    void withoutArgumentsBothPrintTheUsageAndSucceed() {
        for (String command : List.of("initmoon", "genmoon")) {
            IdToolRunner.Result r = tool.run(command);
            assertEquals(0, r.rc());
            assertTrue(r.out().contains("  initmoon <identity.public of first seed>\n  genmoon <moon json>\n"), r.out());
        }
    }

    @Test
    void errorsAreOneLineWithExitOne() throws Exception {
        IdToolRunner.Result bad = tool.run("initmoon", "nosuchfile");
        bad.assertOneLineError();
        assertEquals("nosuchfile is not a valid identity\n", bad.err());
        tool.run("initmoon", "zz" + SEED.substring(2)).assertOneLineError();

        IdToolRunner.Result unreadable = tool.run("genmoon", "nosuchfile");
        unreadable.assertOneLineError();
        assertEquals("cannot read nosuchfile\n", unreadable.err());

        Files.writeString(dir.resolve("identity.public"), SEED);
        String good = new IdToolRunner(dir, new FixedRandom(HexFormat.of().parseHex(SIGNING_SECRET)), NOW)
                .run("initmoon", "identity.public").out();
        assertEquals(REFERENCE_INITMOON, good);
        assertGenmoonError("{\"id\": ", null);
        assertGenmoonError("[1, 2]", null);
        assertGenmoonError("null", null);
        assertGenmoonError(good.replace("\"f2754d860d\"", "\"0\""), "ID in m.json is invalid\n");
        assertGenmoonError(good.replace("\"f2754d860d\"", "\"xyz\""), "ID in m.json is invalid\n");
        assertGenmoonError(good.replace("\"moon\"", "\"star\""), "invalid worldType\n");
        assertGenmoonError(good.replaceFirst("\"signingKey\": \"27", "\"signingKey\": \"28"),
                "signingKey in m.json does not match signingKey_SECRET\n");
        assertGenmoonError(good.replaceFirst("\"signingKey_SECRET\": \"59", "\"signingKey_SECRET\": \"5"), null);
        assertGenmoonError(good.replace("\"stableEndpoints\": []", "\"stableEndpoints\": [\"10.0.0.1\"]"), null);
        assertGenmoonError(good.replace("\"stableEndpoints\": []", "\"stableEndpoints\": [{}]"), null);
        assertGenmoonError(good.replace("\"stableEndpoints\": []", "\"stableEndpoints\": [\"10.0.0.1/0\"]"), null);
        assertGenmoonError(good.replace("\"identity\": \"f2", "\"identity\": \"f3"), null);
        assertFalse(Files.list(dir).anyMatch(p -> p.toString().endsWith(".moon")), "nothing written");
    }

    private void assertGenmoonError(String json, String expectedErr) throws Exception {
        Files.writeString(dir.resolve("m.json"), json);
        IdToolRunner.Result r = tool.run("genmoon", "m.json");
        r.assertOneLineError();
        if (expectedErr != null) assertEquals(expectedErr, r.err());
    }
}
