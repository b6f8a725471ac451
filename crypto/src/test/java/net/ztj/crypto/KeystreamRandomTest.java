package net.ztj.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeystreamRandomTest {
    /** A SecureRandom that hands out a fixed seed, so the stream can be checked against Salsa20 itself. */
    private static SecureRandom fixedSeed(byte[] seed) {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, bytes.length);
            }
        };
    }

    @Test
    void outputIsTheSalsa20KeystreamOfTheSeed() {
        byte[] seed = new byte[40];
        for (int i = 0; i < seed.length; i++) seed[i] = (byte) (i * 7 + 1);
        KeystreamRandom r = new KeystreamRandom(fixedSeed(seed));
        byte[] expected = new byte[64];
        new Salsa20(20).init(seed, 0, seed, 32).keystream(expected, 0, 64);
        for (int i = 0; i < 8; i++) {
            long want = 0;
            for (int b = 7; b >= 0; b--) want = (want << 8) | (expected[i * 8 + b] & 0xff);
            assertEquals(want, r.nextLong(), "long " + i);
        }
    }

    @Test
    void rekeysAndKeepsProducingDistinctValues() {
        KeystreamRandom r = new KeystreamRandom(new SecureRandom());
        Set<Long> seen = new HashSet<>();
        // 8 longs a block, 1024 blocks a key: this crosses several re-keyings
        for (int i = 0; i < 40_000; i++) assertTrue(seen.add(r.nextLong()), "a 64-bit value repeated");
        assertNotEquals(new KeystreamRandom(new SecureRandom()).nextLong(), new KeystreamRandom(new SecureRandom()).nextLong());
    }

    @Test
    void bitsAreBalanced() {
        KeystreamRandom r = new KeystreamRandom(new SecureRandom());
        long ones = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) ones += Long.bitCount(r.nextLong());
        double share = ones / (64.0 * n);
        assertTrue(share > 0.49 && share < 0.51, "share of one bits " + share);
    }
}
