package net.ztj.core.network.rules;

import net.ztj.core.wire.MalformedException;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Garbage rule lists fail only with {@link MalformedException}. */
class RuleCodecMalformedTest {
    @Test
    void truncatedInputsAreMalformed() {
        for (String hex : new String[] {"02", "020e000000deadbeef01", "1804183c7602", "2111fd00", "3313" + "00".repeat(18)}) {
            assertThrows(MalformedException.class, () -> RuleCodec.decodeList(Vectors.hex(hex)), hex);
        }
        assertThrows(MalformedException.class, () -> RuleCodec.frames(new byte[4], 2, 4, 10));
    }

    @Test
    void randomBytesThrowOnlyMalformed() {
        Random rnd = new Random(42);
        byte[] valid = Vectors.hex(Vectors.json("networks_rules.json").get("all_concatenated_hex").asText());
        for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[rnd.nextInt(64)];
                rnd.nextBytes(b);
            } else {
                b = java.util.Arrays.copyOf(valid, rnd.nextInt(valid.length + 1));
                if (b.length > 0) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            try {
                RuleCodec.encodeList(RuleCodec.decodeList(b));
            } catch (MalformedException expected) {
                // the only acceptable failure
            }
        }
    }
}
