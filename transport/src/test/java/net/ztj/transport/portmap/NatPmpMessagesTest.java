package net.ztj.transport.portmap;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NatPmpMessagesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void requestsHaveRfc6886sLayout() {
        assertArrayEquals(new byte[] {0, 0}, NatPmpMessages.externalAddressRequest());
        // version 0, opcode 1 (UDP), reserved, internal 29999, suggested external 29999, lifetime 600
        assertEquals("00010000752f752f00000258", HEX.formatHex(NatPmpMessages.mapUdpRequest(29999, 29999, 600)));
        assertEquals("00010000752f000000000000", HEX.formatHex(NatPmpMessages.mapUdpRequest(29999, 0, 0)));
    }

    @Test
    void decodesTheExternalAddressAnswer() {
        byte[] d = HEX.parseHex("008000000000012c0a510003");
        NatPmpMessages.ExternalAddress a = (NatPmpMessages.ExternalAddress) NatPmpMessages.decode(d, d.length).orElseThrow();
        assertEquals(0, a.resultCode());
        assertEquals(300, a.epochSeconds());
        assertArrayEquals(new byte[] {10, 81, 0, 3}, a.ipv4());
    }

    @Test
    void decodesTheMappingAnswerAndARefusal() {
        byte[] d = HEX.parseHex("008100000000012c752f7530ffffffff");
        NatPmpMessages.UdpMapping m = (NatPmpMessages.UdpMapping) NatPmpMessages.decode(d, d.length).orElseThrow();
        assertEquals(29999, m.internalPort());
        assertEquals(30000, m.externalPort());
        assertEquals(0xffffffffL, m.lifetimeSeconds());
        byte[] refused = HEX.parseHex("008100020000012c752f000000000000");
        assertEquals(2, NatPmpMessages.decode(refused, refused.length).orElseThrow().resultCode());
    }

    @Test
    void dropsWhatIsNotAnAnswer() {
        for (String bad : new String[] {
                "", "0080", "00800000000001", // too short
                "0080000000000000", // external address answer without its address
                "0081000000000000752f", // mapping answer cut short
                "020000000000012c0a510003", // another version (PCP)
                "000000000000012c0a510003", // a request, not an answer
                "008200000000012c752f7530ffffffff", // TCP mapping: never asked for
                "00ff00000000012c752f7530ffffffff"}) {
            byte[] d = HEX.parseHex(bad);
            assertTrue(NatPmpMessages.decode(d, d.length).isEmpty(), bad);
        }
        byte[] d = HEX.parseHex("008000000000012c0a510003");
        assertTrue(NatPmpMessages.decode(d, d.length + 1).isEmpty(), "a length past the buffer");
    }
}
