package net.ztj.core.wire;

import net.ztj.core.identity.Address;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static net.ztj.vectors.Vectors.hex;
import static net.ztj.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The header layout of spec 02 §2 through {@link Packet} and {@link PacketHeader}. */
class PacketTest {
    private static final Address A = Address.parse("4887c48155");
    private static final Address B = Address.parse("15ef5ceeb0");

    @Test
    void createGivesTheVectorsPlaintextLayout() {
        byte[] expected = hex(Vectors.json("packets.json").get("armor").get(0).get("plaintext_packet"));
        byte[] payload = java.util.Arrays.copyOfRange(expected, 28, expected.length);
        Packet p = Packet.create(0x0123456789abcdefL, B, A, Verb.FRAME, payload);
        assertEquals(toHex(expected), toHex(p.toByteArray()));
        assertEquals(0x0123456789abcdefL, p.packetId());
        assertEquals(B, p.destination());
        assertEquals(A, p.source());
        assertEquals(Verb.FRAME, p.verb());
        assertEquals(0, p.cipherSuite());
        assertEquals(0, p.hops());
        assertFalse(p.fragmented());
        assertFalse(p.compressed());
        assertEquals(28, p.payloadOffset());
        assertEquals(payload.length, p.payloadLength());
        assertArrayEquals(payload, p.payload());
        assertEquals(0x8056c2e21c000001L, p.payloadReader().u64());

        byte[] reused = new byte[PacketHeader.MAX_LENGTH];
        reused[20] = 9; // stale MAC bytes are cleared
        int n = Packet.write(reused, 0x0123456789abcdefL, B, A, Verb.FRAME, payload, 0, payload.length);
        assertEquals(toHex(expected), toHex(java.util.Arrays.copyOf(reused, n)));
    }

    @Test
    void headerBits() {
        Packet p = Packet.create(new SplittableRandom(1), B, A, Verb.ECHO, new byte[0]);
        assertEquals(28, p.length());
        p.setHops(3);
        p.setFragmented(true);
        assertEquals(0x43, p.flags());
        assertEquals(4, p.incrementHops());
        for (int i = 0; i < 5; i++) p.incrementHops();
        assertEquals(7, p.hops());
        assertThrows(IllegalArgumentException.class, () -> p.setHops(8));
        assertTrue(p.fragmented());
        p.setFragmented(false);
        assertEquals(0x07, p.flags());
        p.buffer()[PacketHeader.IDX_VERB] = (byte) 0x91;
        assertTrue(p.compressed());
        assertEquals(0x11, p.verbCode());
        assertNull(p.verb());
        p.setPacketId(-1L);
        assertEquals(-1L, p.packetId());
        p.setSource(B);
        p.setDestination(A);
        assertEquals(B, p.source());
        assertEquals(A, p.destination());
        assertThrows(IllegalArgumentException.class, () -> new Packet(new byte[27], 27));
        assertThrows(IllegalArgumentException.class, () -> Packet.create(1, B, A, Verb.ECHO, new byte[10000]));
    }

    @Test
    void datagramClassification() {
        assertEquals(PacketHeader.DatagramKind.LAN_BEACON, PacketHeader.classify(new byte[13], 13));
        byte[] frag = new byte[17];
        frag[13] = (byte) 0xff;
        assertEquals(PacketHeader.DatagramKind.FRAGMENT, PacketHeader.classify(frag, 17));
        assertEquals(PacketHeader.DatagramKind.INVALID, PacketHeader.classify(frag, 16));
        frag[14] = 0x31;
        frag[15] = 0x02;
        assertEquals(3, PacketHeader.fragmentTotal(frag));
        assertEquals(1, PacketHeader.fragmentNumber(frag));
        assertEquals(2, PacketHeader.fragmentHops(frag));
        assertEquals(PacketHeader.DatagramKind.PACKET, PacketHeader.classify(new byte[28], 28));
        assertEquals(PacketHeader.DatagramKind.INVALID, PacketHeader.classify(new byte[27], 27));
    }
}
