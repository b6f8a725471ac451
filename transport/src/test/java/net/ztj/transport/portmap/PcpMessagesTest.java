package net.ztj.transport.portmap;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcpMessagesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] NONCE = HEX.parseHex("0102030405060708090a0b0c");

    @Test
    void mapRequestHasRfc6887sLayout() {
        byte[] r = PcpMessages.mapUdpRequest(NONCE, new byte[] {10, 82, 0, 2}, 29999, 29999, 600);
        assertEquals(60, r.length);
        assertEquals("02010000" + "00000258" + "00000000000000000000ffff0a520002" // header: v2, MAP, lifetime, client
                + "0102030405060708090a0b0c" + "11000000" + "752f" + "752f" // nonce, UDP, ports
                + "00000000000000000000ffff00000000", HEX.formatHex(r)); // no preferred external IPv4
        assertThrows(IllegalArgumentException.class, () -> PcpMessages.mapUdpRequest(new byte[4], new byte[4], 1, 1, 1));
    }

    @Test
    void decodesAMapAnswer() {
        byte[] d = answer("00");
        PcpMessages.MapResponse m = PcpMessages.decode(d, d.length).orElseThrow();
        assertEquals(0, m.resultCode());
        assertEquals(600, m.lifetimeSeconds());
        assertEquals(77, m.epochSeconds());
        assertArrayEquals(NONCE, m.nonce());
        assertEquals(17, m.protocol());
        assertEquals(29999, m.internalPort());
        assertEquals(30001, m.externalPort());
        assertArrayEquals(new byte[] {10, 81, 0, 3}, m.externalIp());
        byte[] refused = answer("08"); // NO_RESOURCES
        assertEquals(8, PcpMessages.decode(refused, refused.length).orElseThrow().resultCode());
    }

    @Test
    void dropsWhatIsNotAMapAnswer() {
        byte[] ok = answer("00");
        assertTrue(PcpMessages.decode(ok, 56).isEmpty(), "too short");
        assertTrue(PcpMessages.decode(ok, 61).isEmpty(), "past the buffer");
        byte[] longer = java.util.Arrays.copyOf(ok, 62);
        assertTrue(PcpMessages.decode(longer, 62).isEmpty(), "not a multiple of 4");
        for (int[] change : new int[][] {{0, 0}, {0, 1}, {1, 0x01}, {1, 0x82}}) { // version 0/1, a request, PEER
            byte[] d = ok.clone();
            d[change[0]] = (byte) change[1];
            assertTrue(PcpMessages.decode(d, d.length).isEmpty(), java.util.Arrays.toString(change));
        }
    }

    private static byte[] answer(String result) {
        return HEX.parseHex("028100" + result + "00000258" + "0000004d" + "000000000000000000000000"
                + "0102030405060708090a0b0c" + "11000000" + "752f" + "7531" + "00000000000000000000ffff0a510003");
    }
}
