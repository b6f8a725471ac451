package net.ztj.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static net.ztj.vectors.Vectors.hex;
import static net.ztj.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** packets.json → fragmentation and hello-exchange.json → echo_fragmented (spec 02 §3). */
class FragmentationTest {
    private static final JsonNode F = Vectors.json("packets.json").get("fragmentation");
    private static final JsonNode HX = Vectors.json("hello-exchange.json");

    private static List<byte[]> datagrams(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        for (JsonNode d : array) out.add(hex(d));
        return out;
    }

    @Test
    void flagArmorAndSplitAreByteExact() {
        byte[] pkt = hex(F.get("plaintext_packet_before_fragment_flag"));
        int mtu = F.get("physical_mtu").asInt();
        assertEquals(3038, pkt.length);
        assertTrue(Fragmenter.markFragmented(pkt, pkt.length, mtu));
        Armor.armor(pkt, pkt.length, new PeerKeys(hex(F.get("shared_key_48"))), PacketHeader.CIPHER_POLY1305_SALSA2012);
        assertEquals(F.get("armored_full_packet").asText(), toHex(pkt));

        List<byte[]> split = Fragmenter.split(pkt, pkt.length, mtu);
        List<byte[]> expected = datagrams(F.get("datagrams"));
        assertEquals(F.get("total_fragments").asInt(), split.size());
        assertEquals(expected.size(), split.size());
        for (int i = 0; i < split.size(); i++) assertEquals(toHex(expected.get(i)), toHex(split.get(i)), "datagram " + i);
        assertEquals(List.of(1432, 1432, 206), split.stream().map(d -> d.length).toList());
        assertEquals(3, Fragmenter.datagramCount(pkt.length, mtu));

        byte[] reused = new byte[mtu];
        for (int k = 1; k < split.size(); k++) {
            int n = Fragmenter.writeFragment(pkt, pkt.length, mtu, k, reused, 0);
            assertArrayEquals(split.get(k), Arrays.copyOf(reused, n));
        }
    }

    @Test
    void reassemblyInEveryOrderThenDearmor() {
        List<byte[]> ds = datagrams(F.get("datagrams"));
        byte[] full = hex(F.get("armored_full_packet"));
        int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] order : orders) {
            Reassembler r = new Reassembler();
            Reassembler.Outcome last = null;
            for (int i = 0; i < order.length; i++) {
                byte[] d = ds.get(order[i]);
                last = r.offer(d, 0, d.length, 1000 + i);
                if (i < order.length - 1) assertInstanceOf(Reassembler.Incomplete.class, last);
            }
            Packet p = assertInstanceOf(Reassembler.Assembled.class, last).packet();
            assertEquals(toHex(full), toHex(p.toByteArray()), Arrays.toString(order));
            assertEquals(0, r.size());
            byte[] b = p.toByteArray();
            assertTrue(Armor.dearmor(b, b.length, new PeerKeys(hex(F.get("shared_key_48")))));
            byte[] plain = hex(F.get("plaintext_packet_before_fragment_flag"));
            assertArrayEquals(Arrays.copyOfRange(plain, 27, plain.length), Arrays.copyOfRange(b, 27, b.length));
            assertTrue(PacketHeader.isFragmented(b));
        }
    }

    @Test
    void duplicatesAreIgnored() {
        List<byte[]> ds = datagrams(F.get("datagrams"));
        Reassembler r = new Reassembler();
        assertInstanceOf(Reassembler.Incomplete.class, r.offer(ds.get(1), 0, ds.get(1).length, 0));
        assertEquals(new Reassembler.Rejected(Reassembler.Reason.DUPLICATE), r.offer(ds.get(1), 0, ds.get(1).length, 0));
        assertInstanceOf(Reassembler.Incomplete.class, r.offer(ds.get(0), 0, ds.get(0).length, 0));
        assertEquals(new Reassembler.Rejected(Reassembler.Reason.DUPLICATE), r.offer(ds.get(0), 0, ds.get(0).length, 0));
        assertInstanceOf(Reassembler.Assembled.class, r.offer(ds.get(2), 0, ds.get(2).length, 0));
    }

    @Test
    void datagramsAreCopied() {
        List<byte[]> ds = datagrams(F.get("datagrams"));
        Reassembler r = new Reassembler();
        byte[] buf = new byte[2000];
        Reassembler.Outcome o = null;
        for (byte[] d : ds) {
            System.arraycopy(d, 0, buf, 100, d.length);
            o = r.offer(buf, 100, d.length, 0);
            Arrays.fill(buf, (byte) 0x55);
        }
        assertEquals(F.get("armored_full_packet").asText(),
                toHex(assertInstanceOf(Reassembler.Assembled.class, o).packet().toByteArray()));
    }

    @Test
    void incompletePacketsExpire() {
        List<byte[]> ds = datagrams(F.get("datagrams"));
        Reassembler r = new Reassembler(32, 5000);
        r.offer(ds.get(0), 0, ds.get(0).length, 10_000);
        r.offer(ds.get(1), 0, ds.get(1).length, 14_999);
        assertEquals(1, r.size());
        assertEquals(0, r.expire(14_999));
        assertEquals(1, r.expire(15_000));
        assertEquals(0, r.size());
        // the last fragment now starts a new, incomplete entry
        assertInstanceOf(Reassembler.Incomplete.class, r.offer(ds.get(2), 0, ds.get(2).length, 15_001));
        // and an offer long after drops it before being stored
        r.offer(ds.get(0), 0, ds.get(0).length, 30_000);
        assertInstanceOf(Reassembler.Incomplete.class, r.offer(ds.get(1), 0, ds.get(1).length, 30_001));
        assertInstanceOf(Reassembler.Assembled.class, r.offer(ds.get(2), 0, ds.get(2).length, 30_002));
    }

    @Test
    void tableIsBounded() {
        List<byte[]> ds = datagrams(F.get("datagrams"));
        Reassembler r = new Reassembler(4, 5000);
        r.offer(ds.get(0), 0, ds.get(0).length, 0); // oldest
        for (int i = 1; i <= 4; i++) {
            byte[] other = ds.get(1).clone();
            other[0] ^= (byte) i;
            r.offer(other, 0, other.length, i);
        }
        assertEquals(4, r.size());
        // the head was evicted: the rest of the packet cannot complete it
        r.offer(ds.get(1), 0, ds.get(1).length, 10);
        assertInstanceOf(Reassembler.Incomplete.class, r.offer(ds.get(2), 0, ds.get(2).length, 11));
        assertEquals(4, r.size());
    }

    @Test
    void badTotalsAndNumbersAreRejected() {
        byte[] frag = hex(F.get("datagrams").get(1));
        Reassembler r = new Reassembler();
        int[][] bad = {{0x01, 1}, {0x81, 1}, {0xf1, 1}, {0x11, 1}};
        for (int[] b : bad) {
            byte[] f = frag.clone();
            f[14] = (byte) b[0];
            assertEquals(new Reassembler.Rejected(Reassembler.Reason.BAD_TOTAL), r.offer(f, 0, f.length, 0),
                    Integer.toHexString(b[0]));
        }
        for (int v : new int[] {0x30, 0x33, 0x37, 0x7f, 0x77}) {
            byte[] f = frag.clone();
            f[14] = (byte) v;
            assertEquals(new Reassembler.Rejected(Reassembler.Reason.BAD_FRAGMENT_NUMBER), r.offer(f, 0, f.length, 0),
                    Integer.toHexString(v));
        }
        byte[] ok7 = frag.clone();
        ok7[14] = 0x76;
        assertInstanceOf(Reassembler.Incomplete.class, r.offer(ok7, 0, ok7.length, 0));
        byte[] otherTotal = frag.clone();
        otherTotal[14] = 0x43;
        assertEquals(new Reassembler.Rejected(Reassembler.Reason.BAD_TOTAL), r.offer(otherTotal, 0, otherTotal.length, 0));
        assertEquals(new Reassembler.Rejected(Reassembler.Reason.NOT_A_PIECE), r.offer(frag, 0, 16, 0));
        byte[] unfragmented = hex(Vectors.json("packets.json").get("armor").get(0).get("armored_packet"));
        assertEquals(new Reassembler.Rejected(Reassembler.Reason.NOT_A_PIECE),
                r.offer(unfragmented, 0, unfragmented.length, 0));
    }

    @Test
    void assembledLengthIsBounded() {
        Reassembler r = new Reassembler();
        byte[] head = new byte[PacketHeader.DEFAULT_PHYS_MTU];
        head[PacketHeader.IDX_FLAGS] = PacketHeader.FLAG_FRAGMENTED;
        r.offer(head, 0, head.length, 0);
        Reassembler.Outcome o = null;
        for (int k = 1; k < 7; k++) {
            byte[] f = new byte[PacketHeader.DEFAULT_PHYS_MTU + 200];
            f[13] = (byte) 0xff;
            f[14] = (byte) ((7 << 4) | k);
            o = r.offer(f, 0, f.length, 0);
        }
        assertEquals(new Reassembler.Rejected(Reassembler.Reason.TOO_LONG), o);
        assertEquals(0, r.size());
    }

    @Test
    void neverMoreThanSevenDatagrams() {
        int mtu = PacketHeader.DEFAULT_PHYS_MTU;
        assertEquals(9928, Fragmenter.maxPacketLength(mtu));
        assertEquals(7, Fragmenter.datagramCount(9928, mtu));
        assertEquals(8, Fragmenter.datagramCount(9929, mtu));
        assertEquals(1, Fragmenter.datagramCount(1432, mtu));
        assertEquals(2, Fragmenter.datagramCount(1433, mtu));
        byte[] big = new byte[9929];
        assertThrows(IllegalArgumentException.class, () -> Fragmenter.markFragmented(big, big.length, mtu));
        assertThrows(IllegalArgumentException.class, () -> Fragmenter.split(big, big.length, mtu));
        byte[] fits = new byte[1432];
        assertFalse(Fragmenter.markFragmented(fits, fits.length, mtu));
        assertEquals(1, Fragmenter.split(fits, fits.length, mtu).size());
        byte[] unflagged = new byte[2000];
        assertThrows(IllegalArgumentException.class, () -> Fragmenter.split(unflagged, unflagged.length, mtu));
    }

    @Test
    void splitThenReassembleAtManyMtus() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int mtu : new int[] {100, 577, 1400, 1432, 9000}) {
            for (int len : new int[] {28, 99, 100, 101, 500, 2000, 9928}) {
                if (Fragmenter.datagramCount(len, mtu) > 7) continue;
                byte[] p = new byte[len];
                rnd.nextBytes(p);
                p[13] = 0x11;
                Fragmenter.markFragmented(p, len, mtu);
                List<byte[]> ds = Fragmenter.split(p, len, mtu);
                if (ds.size() == 1) continue;
                Reassembler r = new Reassembler();
                Reassembler.Outcome o = null;
                for (int i = ds.size() - 1; i >= 0; i--) o = r.offer(ds.get(i), 0, ds.get(i).length, 0);
                assertArrayEquals(p, assertInstanceOf(Reassembler.Assembled.class, o).packet().toByteArray());
            }
        }
    }

    @Test
    void anEvenSplitHasAsManyDatagramsAllOfOneSizeButTheLastAndReassembles() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (int mtu : new int[] {100, 577, 1400, 1432, 9000}) {
            for (int len = mtu + 1; len <= Math.min(Fragmenter.maxPacketLength(mtu), PacketHeader.MAX_LENGTH); len += 1 + rnd.nextInt(97)) {
                byte[] p = new byte[len];
                rnd.nextBytes(p);
                p[13] = 0x11;
                Fragmenter.markFragmented(p, len, mtu);
                int n = Fragmenter.datagramCount(len, mtu), head = Fragmenter.evenHeadLength(len, mtu);
                assertTrue(head <= mtu);
                List<byte[]> ds = new java.util.ArrayList<>();
                ds.add(Arrays.copyOf(p, head));
                for (int k = 1; k < n; k++) {
                    byte[] d = new byte[mtu];
                    ds.add(Arrays.copyOf(d, Fragmenter.writeEvenFragment(p, len, mtu, k, d, 0)));
                }
                for (int k = 0; k < n - 1; k++) assertEquals(head, ds.get(k).length, "datagram " + k + " of " + len);
                byte[] last = ds.get(n - 1);
                assertTrue(last.length <= head && last.length > 16, "the last of " + len + ": " + last.length);
                Reassembler r = new Reassembler();
                Reassembler.Outcome o = null;
                for (int i = n - 1; i >= 0; i--) o = r.offer(ds.get(i), 0, ds.get(i).length, 0);
                assertArrayEquals(p, assertInstanceOf(Reassembler.Assembled.class, o).packet().toByteArray());
            }
        }
        // the frames of a TCP stream through a 2,800-byte tap: two datagrams of 1,427 bytes each (not 1,432 and 1,422)
        assertEquals(1427, Fragmenter.evenHeadLength(2838, 1432));
        assertEquals(1432, Fragmenter.evenHeadLength(1432, 1432));
    }

    @Test
    void echoFragmentedByTheReferenceIsReassembled() {
        JsonNode e = HX.get("echo_fragmented");
        List<byte[]> ds = datagrams(e.get("request_datagrams"));
        Reassembler r = new Reassembler();
        Reassembler.Outcome o = null;
        for (JsonNode idx : e.get("delivery_order")) {
            byte[] d = ds.get(idx.asInt());
            assertEquals(PacketHeader.DatagramKind.FRAGMENT == PacketHeader.classify(d, d.length), idx.asInt() != 0);
            o = r.offer(d, 0, d.length, 0);
        }
        byte[] pkt = assertInstanceOf(Reassembler.Assembled.class, o).packet().toByteArray();
        PeerKeys keys = new PeerKeys(hex(HX.get("shared_key_48")));
        assertTrue(Armor.dearmor(pkt, pkt.length, keys));
        byte[] plain = hex(e.get("request_plaintext"));
        assertEquals(plain.length, pkt.length);
        assertArrayEquals(Arrays.copyOfRange(plain, 27, plain.length), Arrays.copyOfRange(pkt, 27, pkt.length));

        // B's reply is one oversize datagram, not fragmented
        byte[] reply = hex(e.get("reply_datagrams").get(0));
        assertEquals(1, e.get("reply_datagrams").size());
        assertEquals(3037, reply.length);
        assertEquals(PacketHeader.DatagramKind.PACKET, PacketHeader.classify(reply, reply.length));
        assertFalse(PacketHeader.isFragmented(reply));
        assertTrue(Armor.dearmor(reply, reply.length, keys));
        assertEquals(e.get("reply_plaintext").asText(), toHex(reply));
        assertTrue(e.get("reply_payload_equals_request_payload").asBoolean());
        assertArrayEquals(Arrays.copyOfRange(pkt, 28, pkt.length), Arrays.copyOfRange(reply, 28 + 9, reply.length));
        // in re the wire packet ID of the request (its first tag half, as armored)
        assertArrayEquals(Arrays.copyOf(ds.get(0), 8), Arrays.copyOfRange(reply, 29, 37));
    }
}
