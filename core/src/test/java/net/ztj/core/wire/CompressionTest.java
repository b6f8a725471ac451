package net.ztj.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static net.ztj.vectors.Vectors.hex;
import static net.ztj.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** packets.json → compression, and the LZ4 rules of spec 02 §5. */
class CompressionTest {
    private static final JsonNode C = Vectors.json("packets.json").get("compression");

    @Test
    void referenceBlockDecompressesToThePayload() {
        byte[] uncompressed = hex(C.get("uncompressed_packet"));
        byte[] block = hex(C.get("lz4_block"));
        assertArrayEquals(Arrays.copyOfRange(uncompressed, 28, uncompressed.length),
                Compression.decompress(block, 0, block.length));
    }

    @Test
    void referenceCompressedPacketDecompresses() {
        byte[] uncompressed = hex(C.get("uncompressed_packet"));
        byte[] compressed = hex(C.get("compressed_packet"));
        assertTrue(C.get("compressed").asBoolean());
        Packet p = Packet.wrap(compressed.clone());
        assertTrue(p.compressed());
        assertEquals(Verb.MULTICAST_LIKE, p.verb());
        Compression.decompress(p);
        assertFalse(p.compressed());
        assertEquals(toHex(uncompressed), toHex(p.toByteArray()));

        byte[] out = new byte[PacketHeader.MAX_LENGTH];
        int n = Compression.decompressPacket(compressed, compressed.length, out);
        assertEquals(toHex(uncompressed), toHex(Arrays.copyOf(out, n)));
    }

    @Test
    void ourCompressionRoundTrips() {
        byte[] uncompressed = hex(C.get("uncompressed_packet"));
        byte[] pkt = uncompressed.clone();
        int len = Compression.compressPacket(pkt, pkt.length);
        assertTrue(len < uncompressed.length);
        assertTrue(PacketHeader.isCompressed(pkt));
        assertArrayEquals(Arrays.copyOf(uncompressed, 27), Arrays.copyOf(pkt, 27));
        assertEquals((uncompressed[27] & 0xff) | 0x80, pkt[27] & 0xff);
        Packet p = new Packet(pkt, len);
        Compression.decompress(p);
        assertEquals(toHex(uncompressed), toHex(p.toByteArray()));
    }

    @Test
    void smallOrIncompressiblePayloadsStayAsTheyAre() {
        SplittableRandom rnd = new SplittableRandom(1);
        byte[] small = new byte[28 + 64];
        small[27] = (byte) (0x80 | Verb.ECHO.code); // a stale flag is cleared
        assertEquals(small.length, Compression.compressPacket(small, small.length));
        assertEquals(Verb.ECHO.code, small[27]);

        byte[] random = new byte[28 + 1000];
        rnd.nextBytes(random);
        random[27] = (byte) Verb.ECHO.code;
        byte[] copy = random.clone();
        assertEquals(random.length, Compression.compressPacket(random, random.length));
        assertArrayEquals(copy, random);

        byte[] zeros = new byte[28 + 65];
        zeros[27] = (byte) Verb.ECHO.code;
        int n = Compression.compressPacket(zeros, zeros.length);
        assertTrue(n < zeros.length);
        assertTrue(PacketHeader.isCompressed(zeros));
    }

    @Test
    void outputIsBoundedTo9996Bytes() {
        byte[] max = new byte[PacketHeader.MAX_PAYLOAD_LENGTH];
        byte[] block = Compression.compressBlock(max, 0, max.length);
        assertEquals(max.length, Compression.decompress(block, 0, block.length).length);
        byte[] over = new byte[PacketHeader.MAX_PAYLOAD_LENGTH + 1];
        byte[] overBlock = Compression.compressBlock(over, 0, over.length);
        assertThrows(MalformedException.class, () -> Compression.decompress(overBlock, 0, overBlock.length));
        byte[] small = new byte[100];
        assertThrows(MalformedException.class, () -> Compression.decompress(block, 0, block.length, small, 0, 100));
    }

    @Test
    void malformedBlocksAreOnlyMalformed() {
        byte[] block = hex(C.get("lz4_block"));
        assertThrows(MalformedException.class, () -> Compression.decompress(block, 0, 0));
        assertThrows(MalformedException.class, () -> Compression.decompress(new byte[] {(byte) 0xf0}, 0, 1));
        for (int cut = 1; cut < block.length; cut++) {
            expectOnlyMalformed(Arrays.copyOf(block, cut));
        }
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 20000; i++) {
            byte[] b = block.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int k = 0; k < flips; k++) b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
            expectOnlyMalformed(b);
            byte[] g = new byte[1 + rnd.nextInt(200)];
            rnd.nextBytes(g);
            expectOnlyMalformed(g);
        }
    }

    private static void expectOnlyMalformed(byte[] b) {
        try {
            byte[] out = Compression.decompress(b, 0, b.length);
            assertTrue(out.length <= PacketHeader.MAX_PAYLOAD_LENGTH);
        } catch (MalformedException expected) {
            // fine
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for " + toHex(b));
        }
    }
}
