package net.ztj.core.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.ztj.core.wire.verbs.Hello;
import net.ztj.vectors.Vectors;

import java.util.Arrays;
import java.util.List;

import static net.ztj.vectors.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Jazzer targets for what a UDP datagram meets first: classification, the packet header, dearmoring with a fixed
 * peer key (hello-exchange.json's), decompression and HELLO opening; and fragment reassembly. A malformed packet
 * may only be refused ({@code false} from dearmor, {@link MalformedException} from the decoders), never crash.
 * Corpus replayed in the normal build; {@code scripts/fuzz.sh} fuzzes them.
 */
class PacketFuzzTest {
    private static final PeerKeys KEYS = new PeerKeys(hex(Vectors.json("hello-exchange.json").get("shared_key_48")));

    /**
     * The input as a received datagram. Whatever its header says is read, dearmor answers (it never throws), and
     * an authentic packet is decompressed and, for HELLO, opened. The same bytes taken as a plaintext packet are
     * then armored with the suite its flags name, and dearmoring gives back exactly the verb and payload.
     */
    @FuzzTest
    void dearmor(byte[] input) {
        int len = input.length;
        PacketHeader.DatagramKind kind = PacketHeader.classify(input, len);
        if (len < PacketHeader.MIN_LENGTH || len > PacketHeader.MAX_LENGTH) {
            assertTrue(!Armor.dearmor(input.clone(), len, KEYS));
            return;
        }
        assertTrue(kind == PacketHeader.DatagramKind.PACKET || kind == PacketHeader.DatagramKind.FRAGMENT);
        Packet received = Packet.wrap(input.clone());
        received.packetId();
        received.destination();
        received.source();
        received.hops();
        received.verb();
        received.toString();
        if (Armor.dearmor(received.buffer(), len, KEYS)) afterDearmor(received);

        int suite = PacketHeader.cipherSuite(input);
        if (suite == PacketHeader.CIPHER_POLY1305_NONE || suite == PacketHeader.CIPHER_POLY1305_SALSA2012
                || suite == PacketHeader.CIPHER_AES_GMAC_SIV) {
            byte[] armored = input.clone();
            Armor.armor(armored, len, KEYS, suite);
            assertEquals(suite, PacketHeader.cipherSuite(armored));
            assertTrue(Armor.dearmor(armored, len, KEYS), "an armored packet dearmors");
            assertArrayEquals(Arrays.copyOfRange(input, PacketHeader.IDX_VERB, len),
                    Arrays.copyOfRange(armored, PacketHeader.IDX_VERB, len));
            assertArrayEquals(Arrays.copyOfRange(input, PacketHeader.IDX_DEST, PacketHeader.IDX_FLAGS),
                    Arrays.copyOfRange(armored, PacketHeader.IDX_DEST, PacketHeader.IDX_FLAGS));
            afterDearmor(Packet.wrap(input.clone()));
        }
    }

    private static void afterDearmor(Packet p) {
        try {
            int n = Compression.decompressPacket(p.buffer(), p.length(), new byte[PacketHeader.MAX_LENGTH]);
            assertTrue(n >= PacketHeader.MIN_LENGTH && n <= PacketHeader.MAX_LENGTH, "decompressed length " + n);
            Compression.decompress(p);
            assertTrue(p.length() <= PacketHeader.MAX_LENGTH);
        } catch (MalformedException dropped) {
            return;
        }
        if (p.verb() == Verb.HELLO) {
            try {
                Hello.peekIdentity(p.buffer(), p.length());
                Hello.encryptedSectionOffset(p.buffer(), p.length());
                Hello.open(p, KEYS);
            } catch (MalformedException dropped) {
                // a malformed HELLO is dropped
            }
        }
    }

    /**
     * Datagrams offered to a small reassembly table: the input after its first byte is a sequence of records
     * (2-byte length, clock step in units of 10 ms, datagram). Then the whole input taken as a packet is split at an
     * MTU chosen by the first byte and put back together unchanged, tail first.
     */
    @FuzzTest
    void reassembly(byte[] input) {
        if (input.length == 0) return;
        Reassembler table = new Reassembler(4, 1000);
        long now = 0;
        int at = 1;
        while (at + 3 <= input.length) {
            int n = Math.min(((input[at] & 0xff) << 8) | (input[at + 1] & 0xff), input.length - at - 3);
            now += (input[at + 2] & 0xff) * 10L;
            Reassembler.Outcome o = table.offer(input, at + 3, n, now);
            if (o instanceof Reassembler.Assembled a) {
                int len = a.packet().length();
                assertTrue(len >= PacketHeader.MIN_LENGTH && len <= PacketHeader.MAX_LENGTH, "assembled length " + len);
            }
            assertTrue(table.size() <= 4);
            at += 3 + n;
        }
        int mtu = PacketHeader.MIN_LENGTH + PacketHeader.FRAGMENT_HEADER_LENGTH + 6 * (input[0] & 0xff);
        byte[] pkt = input.clone();
        int len = pkt.length;
        if (len < PacketHeader.MIN_LENGTH || len > Fragmenter.maxPacketLength(mtu)) return;
        if ((pkt[PacketHeader.IDX_SOURCE] & 0xff) == PacketHeader.FRAGMENT_INDICATOR) return; // a reserved address
        PacketHeader.setFragmented(pkt, false);
        if (!Fragmenter.markFragmented(pkt, len, mtu)) return;
        List<byte[]> pieces = Fragmenter.split(pkt, len, mtu);
        Reassembler fresh = new Reassembler();
        Reassembler.Outcome last = null;
        for (int i = pieces.size() - 1; i >= 0; i--) {
            byte[] d = pieces.get(i);
            last = fresh.offer(d, 0, d.length, now);
            if (i > 0 && !(last instanceof Reassembler.Incomplete)) fail("fragment " + i + ": " + last);
        }
        if (!(last instanceof Reassembler.Assembled a)) throw new AssertionError("not reassembled: " + last);
        assertArrayEquals(pkt, a.packet().toByteArray());
    }
}
