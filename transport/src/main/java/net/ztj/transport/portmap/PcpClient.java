package net.ztj.transport.portmap;

import net.ztj.core.wire.Endpoint;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * PCP (RFC 6887) MAP of a UDP port. The nonce is drawn once and kept, so renewals and the final deletion name the
 * same mapping (§11.2). A router that only speaks NAT-PMP answers with a version-0 message: that ends the attempt
 * at once instead of waiting out the retransmissions.
 */
public final class PcpClient implements MappingProtocol {
    private final Supplier<Optional<byte[]>> gateway;
    private final int serverPort;
    private final UdpExchange udp;
    private final Consumer<String> log;
    private final byte[] nonce = new byte[PcpMessages.NONCE_LENGTH];

    /** A decoded answer, or the sign of a NAT-PMP-only server. */
    private sealed interface Answer permits Mapped, OtherVersion {}

    private record Mapped(PcpMessages.MapResponse response) implements Answer {}

    private record OtherVersion() implements Answer {}

    public PcpClient(Supplier<Optional<byte[]>> gateway, int serverPort, RandomGenerator random, LongAdder dropped,
                     Consumer<String> log) {
        this.gateway = gateway;
        this.serverPort = serverPort;
        this.udp = new UdpExchange(dropped);
        this.log = log;
        random.nextBytes(nonce);
    }

    @Override
    public String name() {
        return "PCP";
    }

    @Override
    public Optional<Mapping> map(int internalPort, int suggestedExternalPort, long lifetimeSeconds) throws InterruptedException {
        Optional<Answer> answer = request(internalPort, suggestedExternalPort, lifetimeSeconds);
        if (answer.isEmpty()) return Optional.empty();
        if (!(answer.get() instanceof Mapped(PcpMessages.MapResponse r))) {
            log.accept("PCP: the router speaks only NAT-PMP");
            return Optional.empty();
        }
        if (r.resultCode() != PcpMessages.SUCCESS || r.externalPort() == 0) {
            log.accept("PCP: the router refused the mapping (result " + r.resultCode() + ")");
            return Optional.empty();
        }
        return Optional.of(new Mapping(name(), Endpoint.of(r.externalIp(), r.externalPort()), internalPort,
                r.lifetimeSeconds()));
    }

    @Override
    public void unmap(Mapping mapping) throws InterruptedException {
        request(mapping.internalPort(), 0, 0);
    }

    private Optional<Answer> request(int internalPort, int suggestedExternalPort, long lifetimeSeconds)
            throws InterruptedException {
        Optional<byte[]> gw = gateway.get();
        if (gw.isEmpty()) return Optional.empty();
        InetSocketAddress server;
        try {
            server = new InetSocketAddress(InetAddress.getByAddress(gw.get()), serverPort);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return udp.exchange(server,
                local -> PcpMessages.mapUdpRequest(nonce, local.getAddress(), internalPort, suggestedExternalPort, lifetimeSeconds),
                (d, n) -> decode(d, n, internalPort));
    }

    private Optional<Answer> decode(byte[] datagram, int length, int internalPort) {
        if (length >= 4 && datagram[0] == NatPmpMessages.VERSION && (datagram[1] & NatPmpMessages.RESPONSE_BIT) != 0) {
            return Optional.of(new OtherVersion());
        }
        return PcpMessages.decode(datagram, length)
                .filter(r -> Arrays.equals(r.nonce(), nonce) && r.protocol() == PcpMessages.UDP && r.internalPort() == internalPort)
                .map(Mapped::new);
    }
}
