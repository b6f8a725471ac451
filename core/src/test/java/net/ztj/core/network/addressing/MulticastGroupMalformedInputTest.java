package net.ztj.core.network.addressing;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.MalformedException;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Garbage to the addressing decoders: binary ones fail only with MalformedException, text ones with IAE. */
class MulticastGroupMalformedInputTest {
    @Test
    void randomBytesDecodeOrAreMalformed() {
        Random rnd = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(24)];
            rnd.nextBytes(b);
            try {
                MulticastGroup g = MulticastGroup.read(new ByteReader(b));
                ByteWriter w = new ByteWriter();
                g.write(w);
                assertArrayEquals(java.util.Arrays.copyOf(b, MulticastGroup.LENGTH), w.toByteArray());
            } catch (MalformedException expected) {
                assertEquals(true, b.length < MulticastGroup.LENGTH);
            } catch (RuntimeException e) {
                fail("unexpected " + e, e);
            }
        }
    }

    @Test
    void randomTextFailsOnlyWithIllegalArgument() {
        Random rnd = new Random(4);
        String alphabet = "0123456789abcdefABCDEFxyz:-+ ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(20);
            for (int k = 0; k < n; k++) sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            String s = sb.toString();
            try {
                assertEquals(Mac.parse(s), Mac.parse(Mac.parse(s).toString()));
            } catch (IllegalArgumentException expected) {
                // allowed
            }
            try {
                NetworkId id = NetworkId.parse(s);
                assertEquals(id, NetworkId.parse(id.toString()));
            } catch (IllegalArgumentException expected) {
                // allowed
            }
        }
    }
}
