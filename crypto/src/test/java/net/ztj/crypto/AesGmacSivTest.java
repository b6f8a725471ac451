package net.ztj.crypto;

import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The allocation-free AES-GMAC-SIV against the construction done with the JDK's public ciphers (AES-GCM with
 * A || pad || P as AAD for the GMAC, AES-CTR for the payload: the implementation it replaced), and against itself
 * with the public AES-GCM and AES-CTR ciphers (the path taken when the JDK's internals are not opened to us).
 */
class AesGmacSivTest {
    @Test
    void theTestJvmReachesTheJdkGhash() {
        // surefire opens java.base/com.sun.crypto.provider as the launchers do; otherwise the tests below would
        // only exercise the fallback
        assertTrue(JdkGhash.AVAILABLE);
        assertTrue(JdkCtr.AVAILABLE);
        assertTrue(AesGmacSiv.allocationFree());
    }

    @Test
    void jdkGhashMatchesTheDefinition() {
        SplittableRandom r = new SplittableRandom(11);
        for (int blocks = 0; blocks < 40; blocks += 3) {
            byte[] h = bytes(r, 16);
            byte[] data = bytes(r, 16 * blocks + 16);
            int off = (blocks & 1) == 0 ? 0 : 16;
            JdkGhash g = JdkGhash.forSubkey(h, 0);
            g.reset();
            g.blocks(data, off, blocks);
            byte[] got = new byte[16];
            g.value(got, 0);
            assertArrayEquals(JdkGhash.referenceHash(h, Arrays.copyOfRange(data, off, off + 16 * blocks)), got);
        }
    }

    @Test
    void jdkCtrMatchesThePublicCipherAtAnyOffsetAndAfterCarries() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        byte[] key = bytes(r, 32);
        JdkCtr ctr = JdkCtr.forKey(key);
        Cipher reference = Cipher.getInstance("AES/CTR/NoPadding");
        for (int round = 0; round < 200; round++) {
            byte[] counter = bytes(r, 16);
            if (round % 3 == 0) Arrays.fill(counter, 12, 16, (byte) 0xff); // the increment carries past 32 bits
            int len = r.nextInt(3000);
            int off = r.nextInt(20);
            byte[] buf = bytes(r, off + len + 7);
            byte[] before = buf.clone();
            reference.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
            byte[] expected = reference.doFinal(buf, off, len);
            ctr.crypt(counter, 0, buf, off, len);
            assertArrayEquals(expected, Arrays.copyOfRange(buf, off, off + len), "length " + len);
            assertUntouchedOutside(before, buf, off, len);
        }
    }

    @Test
    void randomRoundTripsMatchThePublicJdkConstruction() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        for (int round = 0; round < 400; round++) {
            byte[] k0 = bytes(r, 32);
            byte[] k1 = bytes(r, 32);
            AesGmacSiv siv = new AesGmacSiv(k0, k1);
            AesGmacSiv fallback = new AesGmacSiv(k0, k1, false);
            int len = round < 100 ? round : r.nextInt(round < 300 ? 3000 : 12000);
            int aadLen = r.nextInt(41);
            byte[] nonce = bytes(r, 8);
            byte[] aad = bytes(r, aadLen);
            byte[] plain = bytes(r, len);

            byte[] expectedTag = new byte[16];
            byte[] expected = reference(k0, k1, nonce, aad, plain, expectedTag);

            int off = r.nextInt(37);
            byte[] buf = bytes(r, off + len + r.nextInt(20));
            byte[] around = buf.clone();
            System.arraycopy(plain, 0, buf, off, len);
            int tagOff = r.nextInt(9);
            byte[] tag = new byte[tagOff + 16];
            siv.encrypt(nonce, 0, aad, 0, aadLen, buf, off, len, tag, tagOff);
            assertArrayEquals(expectedTag, Arrays.copyOfRange(tag, tagOff, tagOff + 16), "tag, length " + len);
            assertArrayEquals(expected, Arrays.copyOfRange(buf, off, off + len), "ciphertext, length " + len);
            assertUntouchedOutside(around, buf, off, len);

            byte[] viaFallback = plain.clone();
            byte[] fallbackTag = new byte[16];
            fallback.encrypt(nonce, 0, aad, 0, aadLen, viaFallback, 0, len, fallbackTag, 0);
            assertArrayEquals(expectedTag, fallbackTag);
            assertArrayEquals(expected, viaFallback);

            assertTrue(fallback.decrypt(tag, tagOff, aad, 0, aadLen, viaFallback, 0, len));
            assertArrayEquals(plain, viaFallback);
            assertTrue(siv.decrypt(tag, tagOff, aad, 0, aadLen, buf, off, len), "decrypt, length " + len);
            assertArrayEquals(plain, Arrays.copyOfRange(buf, off, off + len));
            assertUntouchedOutside(around, buf, off, len);
        }
    }

    @Test
    void anyFlippedBitIsRejected() {
        SplittableRandom r = new SplittableRandom(7);
        AesGmacSiv siv = new AesGmacSiv(bytes(r, 32), bytes(r, 32));
        for (int len : new int[] {0, 1, 15, 16, 17, 100, 1400, 2800}) {
            byte[] aad = bytes(r, 11);
            byte[] sealed = bytes(r, len);
            byte[] tag = new byte[16];
            siv.encrypt(bytes(r, 8), 0, aad, 0, aad.length, sealed, 0, len, tag, 0);
            int bits = 8 * (len + 16 + aad.length);
            for (int n = 0; n < 200; n++) {
                int bit = r.nextInt(bits);
                byte[] ct = sealed.clone();
                byte[] t = tag.clone();
                byte[] a = aad.clone();
                int i = bit >>> 3;
                byte mask = (byte) (1 << (bit & 7));
                if (i < len) ct[i] ^= mask;
                else if (i < len + 16) t[i - len] ^= mask;
                else a[i - len - 16] ^= mask;
                assertFalse(siv.decrypt(t, 0, a, 0, a.length, ct, 0, len), "length " + len + " bit " + bit);
            }
            byte[] ct = sealed.clone();
            assertTrue(siv.decrypt(tag, 0, aad, 0, aad.length, ct, 0, len));
            if (len > 0) {
                byte[] shorter = sealed.clone();
                assertFalse(siv.decrypt(tag, 0, aad, 0, aad.length, shorter, 0, len - 1), "truncated, length " + len);
            }
        }
    }

    @Test
    void aadNonceAndTagMayShareThePacketArray() throws Exception {
        // the packet layout: nonce, then AAD, then the tag, then the payload, all in one array
        SplittableRandom r = new SplittableRandom(9);
        byte[] k0 = bytes(r, 32);
        byte[] k1 = bytes(r, 32);
        AesGmacSiv siv = new AesGmacSiv(k0, k1);
        int len = 1400;
        byte[] pkt = bytes(r, 3 + 8 + 11 + 16 + len + 5);
        int nonceOff = 3, aadOff = 11, tagOff = 22, off = 38;
        byte[] plain = Arrays.copyOfRange(pkt, off, off + len);
        byte[] expectedTag = new byte[16];
        byte[] expected = reference(k0, k1, Arrays.copyOfRange(pkt, nonceOff, nonceOff + 8),
                Arrays.copyOfRange(pkt, aadOff, aadOff + 11), plain, expectedTag);
        byte[] before = pkt.clone();
        siv.encrypt(pkt, nonceOff, pkt, aadOff, 11, pkt, off, len, pkt, tagOff);
        assertArrayEquals(expectedTag, Arrays.copyOfRange(pkt, tagOff, tagOff + 16));
        assertArrayEquals(expected, Arrays.copyOfRange(pkt, off, off + len));
        assertArrayEquals(Arrays.copyOfRange(before, 0, tagOff), Arrays.copyOfRange(pkt, 0, tagOff));
        assertTrue(siv.decrypt(pkt, tagOff, pkt, aadOff, 11, pkt, off, len));
        assertArrayEquals(plain, Arrays.copyOfRange(pkt, off, off + len));
        // the nonce and the tag may even be the same bytes: decryptTagBlock recovers the nonce in place
        byte[] t = Arrays.copyOfRange(pkt, tagOff, tagOff + 16);
        siv.decryptTagBlock(t, 0, t, 0);
        assertArrayEquals(Arrays.copyOfRange(pkt, nonceOff, nonceOff + 8), Arrays.copyOf(t, 8));
    }

    @Test
    void rangesOutsideTheArraysAreRefused() {
        AesGmacSiv siv = new AesGmacSiv(new byte[32], new byte[32]);
        byte[] buf = new byte[64];
        byte[] aad = new byte[11];
        byte[] tag = new byte[16];
        byte[] nonce = new byte[8];
        assertThrows(IndexOutOfBoundsException.class, () -> siv.encrypt(nonce, 0, aad, 0, 11, buf, 60, 16, tag, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> siv.encrypt(nonce, 0, aad, 0, 11, buf, -1, 16, tag, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> siv.encrypt(nonce, 0, aad, 1, 11, buf, 0, 16, tag, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> siv.encrypt(nonce, 1, aad, 0, 11, buf, 0, 16, tag, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> siv.encrypt(nonce, 0, aad, 0, 11, buf, 0, 16, tag, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> siv.decrypt(tag, 0, aad, 0, 11, buf, 0, 65));
        assertThrows(IndexOutOfBoundsException.class, () -> siv.decrypt(tag, 0, aad, 0, 12, buf, 0, 16));
        assertThrows(IndexOutOfBoundsException.class, () -> siv.decrypt(tag, 1, aad, 0, 11, buf, 0, 16));
    }

    @Test
    void steadyStateAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SplittableRandom r = new SplittableRandom(13);
        AesGmacSiv siv = new AesGmacSiv(bytes(r, 32), bytes(r, 32));
        byte[] aad = bytes(r, 11);
        byte[] nonce = bytes(r, 8);
        byte[] buf = bytes(r, 2800);
        byte[] tag = new byte[16];
        int packets = 20_000;
        long allocated = 0;
        for (int pass = 0; pass < 3; pass++) { // the first passes warm up (scratch growth, class loading, JIT)
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < packets; i++) {
                nonce[0] = (byte) i;
                int len = 1 + (i * 131) % 2800;
                siv.encrypt(nonce, 0, aad, 0, 11, buf, 0, len, tag, 0);
                if (!siv.decrypt(tag, 0, aad, 0, 11, buf, 0, len)) throw new AssertionError("round trip failed");
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        // the public AES-GCM path allocated about 4 KB per 1,400-byte packet; allow a few bytes in all for the
        // measurement itself
        assertTrue(allocated < packets, "allocated " + allocated + " bytes for " + packets + " round trips");
    }

    /** AES-GMAC-SIV with the JDK's public ciphers, as {@link AesGmacSiv} was written before it went allocation-free. */
    private static byte[] reference(byte[] k0, byte[] k1, byte[] nonce, byte[] aad, byte[] plain, byte[] tagOut)
            throws Exception {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k0, "AES"), new GCMParameterSpec(128, Arrays.copyOf(nonce, 12)));
        gcm.updateAAD(aad);
        gcm.updateAAD(new byte[(16 - (aad.length & 15)) & 15]);
        gcm.updateAAD(plain);
        byte[] gmac = gcm.doFinal();
        byte[] block = Arrays.copyOf(nonce, 16);
        for (int i = 0; i < 8; i++) block[8 + i] = (byte) (gmac[i] ^ gmac[i + 8]);
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k1, "AES"));
        byte[] tag = ecb.doFinal(block);
        System.arraycopy(tag, 0, tagOut, 0, 16);
        byte[] counter = tag.clone();
        counter[12] &= 0x7f;
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k1, "AES"), new IvParameterSpec(counter));
        return ctr.doFinal(plain);
    }

    private static void assertUntouchedOutside(byte[] expected, byte[] actual, int off, int len) {
        assertArrayEquals(Arrays.copyOfRange(expected, 0, off), Arrays.copyOfRange(actual, 0, off));
        assertArrayEquals(Arrays.copyOfRange(expected, off + len, expected.length),
                Arrays.copyOfRange(actual, off + len, actual.length));
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
