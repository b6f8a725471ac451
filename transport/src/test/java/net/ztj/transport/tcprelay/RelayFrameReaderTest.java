package net.ztj.transport.tcprelay;

import net.ztj.core.wire.Endpoint;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The relay framing of spec 05 §9.6: the bytes ZeroTier One 1.14.1 writes, and reading them back in any pieces. */
class RelayFrameReaderTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void helloIsTheVersionIn9Bytes() {
        assertEquals("1703030004010e0001", HEX.formatHex(RelayFrames.hello()));
    }

    @Test
    void dataFrameMatchesTheCapturedExample() {
        // spec 05 §9.6: a 137-byte datagram to 192.0.0.11:19993
        byte[] datagram = new byte[137];
        new Random(1).nextBytes(datagram);
        ByteBuffer out = ByteBuffer.allocate(200);
        RelayFrames.writeData(out, RelayFrames.addressBlock(Endpoint.parse("192.0.0.11/19993")), datagram, 0, 137);
        assertEquals("170303009004c000000b4e19", HEX.formatHex(out.array(), 0, 12));
        assertEquals(5 + 7 + 137, out.position());

        out.flip();
        RelayFrameReader r = new RelayFrameReader();
        assertEquals(RelayFrameReader.Kind.DATAGRAM, r.next(out));
        assertEquals(Endpoint.parse("192.0.0.11/19993"), r.endpoint());
        assertArrayEquals(datagram, java.util.Arrays.copyOfRange(out.array(), r.datagramOffset(), r.datagramOffset() + r.datagramLength()));
        assertEquals(0, out.remaining());
    }

    @Test
    void ipv6AndNoAddressBlocks() {
        Endpoint v6 = Endpoint.parse("2001:db8::7/9993");
        assertEquals("06" + "20010db8000000000000000000000007" + "2709", HEX.formatHex(RelayFrames.addressBlock(v6)));
        assertArrayEquals(new byte[] {0}, RelayFrames.addressBlock(null));
        ByteBuffer b = ByteBuffer.allocate(200);
        RelayFrames.writeData(b, RelayFrames.addressBlock(v6), new byte[20], 0, 20);
        RelayFrames.writeData(b, RelayFrames.addressBlock(null), new byte[20], 0, 20);
        b.flip();
        RelayFrameReader r = new RelayFrameReader();
        assertEquals(RelayFrameReader.Kind.DATAGRAM, r.next(b));
        assertEquals(v6, r.endpoint());
        assertEquals(20, r.datagramLength());
        assertEquals(RelayFrameReader.Kind.NO_ADDRESS, r.next(b));
        assertEquals(RelayFrameReader.Kind.NEED_MORE, r.next(b));
    }

    @Test
    void framesArrivingInAnyPiecesReadTheSame() {
        List<Endpoint> sources = List.of(Endpoint.parse("192.0.0.11/19993"), Endpoint.parse("10.55.0.1/60231"),
                Endpoint.parse("2001:db8::1/9993"));
        ByteBuffer stream = ByteBuffer.allocate(1 << 16);
        stream.put(RelayFrames.hello());
        Random random = new Random(7);
        List<Integer> lengths = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int len = 16 + random.nextInt(1500);
            byte[] d = new byte[len];
            d[0] = (byte) i;
            lengths.add(len);
            RelayFrames.writeData(stream, RelayFrames.addressBlock(sources.get(i % 3)), d, 0, len);
        }
        stream.put(new byte[] {0x17, 0x03, 0x03, 0, 0}); // an empty frame: ignored
        byte[] all = java.util.Arrays.copyOf(stream.array(), stream.position());

        for (int piece : new int[] {1, 2, 3, 5, 7, 64, 1000, all.length}) {
            RelayFrameReader r = new RelayFrameReader();
            ByteBuffer in = ByteBuffer.allocate(RelayFrames.HEADER_BYTES + RelayFrames.MAX_PAYLOAD_BYTES);
            List<RelayFrameReader.Kind> kinds = new ArrayList<>();
            int datagrams = 0;
            for (int at = 0; at < all.length; at += piece) {
                in.put(all, at, Math.min(piece, all.length - at));
                in.flip();
                RelayFrameReader.Kind k;
                while ((k = r.next(in)) != RelayFrameReader.Kind.NEED_MORE) {
                    kinds.add(k);
                    if (k == RelayFrameReader.Kind.DATAGRAM) {
                        assertEquals(sources.get(datagrams % 3), r.endpoint(), "piece " + piece);
                        assertEquals((int) lengths.get(datagrams), r.datagramLength());
                        assertEquals(datagrams, in.array()[r.datagramOffset()]);
                        datagrams++;
                    }
                }
                in.compact();
            }
            assertEquals(RelayFrameReader.Kind.HELLO, kinds.get(0));
            assertEquals(40, datagrams, "piece " + piece);
            assertEquals(RelayFrameReader.Kind.EMPTY, kinds.get(kinds.size() - 1));
            assertEquals(0, in.position(), "nothing left over");
        }
    }

    @Test
    void helloCarriesTheVersion() {
        RelayFrameReader r = new RelayFrameReader();
        assertEquals(RelayFrameReader.Kind.HELLO, r.next(ByteBuffer.wrap(RelayFrames.hello(1, 12, 0x0203))));
        assertEquals(1, r.helloMajor());
        assertEquals(12, r.helloMinor());
        assertEquals(0x0203, r.helloRevision());
    }

    @Test
    void theSameSourceGivesTheSameEndpointObject() {
        ByteBuffer b = ByteBuffer.allocate(200);
        byte[] block = RelayFrames.addressBlock(Endpoint.parse("192.0.0.11/19993"));
        RelayFrames.writeData(b, block, new byte[16], 0, 16);
        RelayFrames.writeData(b, block, new byte[16], 0, 16);
        b.flip();
        RelayFrameReader r = new RelayFrameReader();
        r.next(b);
        Endpoint first = r.endpoint();
        r.next(b);
        assertSame(first, r.endpoint());
    }

    @Test
    void badStreamsAreRefusedWithoutConsuming() {
        assertBad("160303000401020304", RelayFrameReader.Bad.NOT_A_RECORD); // TLS handshake type, not data
        assertBad("170301000401020304", RelayFrameReader.Bad.NOT_A_RECORD); // TLS 1.0 version
        assertBad("170303000a05" + "00".repeat(9), RelayFrameReader.Bad.UNKNOWN_ADDRESS_TYPE);
        assertBad("170303000504c0000001", RelayFrameReader.Bad.TRUNCATED_ADDRESS); // type 04 needs 7 bytes
        assertBad("170303000a06" + "00".repeat(9), RelayFrameReader.Bad.TRUNCATED_ADDRESS); // type 06 needs 19
        // a header whose length runs past what arrived is incomplete, not bad
        RelayFrameReader r = new RelayFrameReader();
        ByteBuffer b = ByteBuffer.wrap(HEX.parseHex("17030300ff04c0000001"));
        assertEquals(RelayFrameReader.Kind.NEED_MORE, r.next(b));
        assertEquals(0, b.position());
    }

    @Test
    void aDatagramTooLongForTheLengthFieldIsRefused() {
        ByteBuffer b = ByteBuffer.allocate(1 << 17);
        byte[] big = new byte[RelayFrames.MAX_PAYLOAD_BYTES];
        assertThrows(IllegalArgumentException.class,
                () -> RelayFrames.writeData(b, RelayFrames.addressBlock(Endpoint.parse("192.0.0.1/9993")), big, 0, big.length));
        RelayFrames.writeData(b, RelayFrames.addressBlock(Endpoint.parse("192.0.0.1/9993")), big, 0, RelayFrames.MAX_PAYLOAD_BYTES - 7);
        b.flip();
        assertEquals(RelayFrameReader.Kind.DATAGRAM, new RelayFrameReader().next(b));
    }

    private static void assertBad(String hex, RelayFrameReader.Bad why) {
        RelayFrameReader r = new RelayFrameReader();
        ByteBuffer b = ByteBuffer.wrap(HEX.parseHex(hex));
        assertEquals(RelayFrameReader.Kind.BAD, r.next(b), hex);
        assertEquals(why, r.bad(), hex);
        assertEquals(0, b.position());
    }
}
