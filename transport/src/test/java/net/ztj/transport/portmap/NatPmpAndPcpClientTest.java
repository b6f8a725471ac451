package net.ztj.transport.portmap;

import net.ztj.core.wire.Endpoint;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NAT-PMP and PCP clients against a fake router on loopback. */
class NatPmpAndPcpClientTest {
    private static final byte[] LOOPBACK = {127, 0, 0, 1};
    private final LongAdder dropped = new LongAdder();
    private final List<String> log = new ArrayList<>();

    @Test
    void natPmpAsksForTheAddressThenTheMappingAndDropsJunkOnTheWay() throws Exception {
        try (FakeUdpServer router = new FakeUdpServer(req -> switch (req[1]) {
            case 0 -> List.of(new byte[] {1, 2, 3}, bytes(0, 128, 0, 0, 0, 0, 0, 9, 10, 81, 0, 3));
            case 1 -> List.of(mappingAnswer(req, 29999 + 5, ByteBuffer.wrap(req).getInt(8)));
            default -> List.of();
        })) {
            NatPmpClient client = new NatPmpClient(() -> Optional.of(LOOPBACK), router.port(), dropped, log::add);
            Mapping m = client.map(29999, 29999, 600).orElseThrow();
            assertEquals(new Mapping("NAT-PMP", Endpoint.parse("10.81.0.3/30004"), 29999, 600), m);
            assertEquals(1, dropped.sum(), "the 3-byte datagram");
            router.requests.clear();
            client.unmap(m);
            byte[] delete = router.requests.take();
            assertEquals(ByteBuffer.wrap(NatPmpMessages.mapUdpRequest(29999, 0, 0)), ByteBuffer.wrap(delete));
        }
    }

    @Test
    void natPmpTakesARefusalAsNoMapping() throws Exception {
        try (FakeUdpServer router = new FakeUdpServer(req -> req[1] == 0
                ? List.of(bytes(0, 128, 0, 0, 0, 0, 0, 9, 10, 81, 0, 3))
                : List.of(bytes(0, 129, 0, 2, 0, 0, 0, 9, req[4], req[5], 0, 0, 0, 0, 0, 0)))) {
            NatPmpClient client = new NatPmpClient(() -> Optional.of(LOOPBACK), router.port(), dropped, log::add);
            assertTrue(client.map(29999, 29999, 600).isEmpty());
            assertTrue(log.getFirst().contains("refused the mapping (result 2)"), log.toString());
        }
    }

    @Test
    void pcpMapsWithItsNonceAndKeepsItForTheDeletion() throws Exception {
        try (FakeUdpServer router = new FakeUdpServer(req -> List.of(pcpAnswer(req, 0, 31000)))) {
            PcpClient client = new PcpClient(() -> Optional.of(LOOPBACK), router.port(), new Random(1), dropped, log::add);
            Mapping m = client.map(29999, 29999, 600).orElseThrow();
            assertEquals(new Mapping("PCP", Endpoint.parse("10.81.0.3/31000"), 29999, 600), m);
            byte[] first = router.requests.take();
            assertEquals(127, first[20] & 0xff, "the client address the server sees");
            client.unmap(m);
            byte[] delete = router.requests.take();
            assertEquals(0, ByteBuffer.wrap(delete).getInt(4), "lifetime 0");
            assertEquals(ByteBuffer.wrap(first, 24, 12), ByteBuffer.wrap(delete, 24, 12), "same nonce");
        }
    }

    @Test
    void pcpIgnoresAnswersForAnotherNonceAndGivesUpAtOnceOnANatPmpOnlyRouter() throws Exception {
        try (FakeUdpServer router = new FakeUdpServer(req -> {
            byte[] other = pcpAnswer(req, 0, 31000);
            other[24] ^= 1;
            return List.of(other, bytes(0, 0x81, 0, 1, 0, 0, 0, 9)); // then NAT-PMP's "unsupported version"
        })) {
            PcpClient client = new PcpClient(() -> Optional.of(LOOPBACK), router.port(), new Random(1), dropped, log::add);
            assertTrue(client.map(29999, 29999, 600).isEmpty());
            assertEquals(1, router.requests.size(), "no retransmission after the version-0 answer");
            assertEquals(1, dropped.sum(), "the answer with another nonce");
            assertTrue(log.getFirst().contains("only NAT-PMP"), log.toString());
        }
    }

    @Test
    void noGatewayNoRequest() throws Exception {
        assertTrue(new NatPmpClient(Optional::empty, 1, dropped, log::add).map(1, 1, 1).isEmpty());
        assertTrue(new PcpClient(Optional::empty, 1, new Random(1), dropped, log::add).map(1, 1, 1).isEmpty());
    }

    private static byte[] mappingAnswer(byte[] req, int externalPort, int lifetime) {
        return ByteBuffer.allocate(16).put((byte) 0).put((byte) 129).putShort((short) 0).putInt(9)
                .put(req, 4, 2).putShort((short) externalPort).putInt(lifetime).array();
    }

    private static byte[] pcpAnswer(byte[] req, int result, int externalPort) {
        ByteBuffer b = ByteBuffer.allocate(60).put((byte) 2).put((byte) 0x81).put((byte) 0).put((byte) result);
        b.put(req, 4, 4).putInt(9).put(new byte[12]);
        b.put(req, 24, 16).putShort(40, ByteBuffer.wrap(req).getShort(40)).position(42);
        b.putShort((short) externalPort).put(PcpMessages.as16(new byte[] {10, 81, 0, 3}));
        return b.array();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }
}
