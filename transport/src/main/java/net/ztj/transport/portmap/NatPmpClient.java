package net.ztj.transport.portmap;

import net.ztj.core.wire.Endpoint;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** NAT-PMP (RFC 6886): the router's external address, then a UDP mapping, as ZeroTier One's port mapper asks. */
public final class NatPmpClient implements MappingProtocol {
    private final Supplier<Optional<byte[]>> gateway;
    private final int serverPort;
    private final UdpExchange udp;
    private final Consumer<String> log;

    /**
     * @param gateway    where to send requests (normally {@link DefaultGateway#find})
     * @param serverPort {@link NatPmpMessages#SERVER_PORT} but in tests
     */
    public NatPmpClient(Supplier<Optional<byte[]>> gateway, int serverPort, java.util.concurrent.atomic.LongAdder dropped,
                        Consumer<String> log) {
        this.gateway = gateway;
        this.serverPort = serverPort;
        this.udp = new UdpExchange(dropped);
        this.log = log;
    }

    @Override
    public String name() {
        return "NAT-PMP";
    }

    @Override
    public Optional<Mapping> map(int internalPort, int suggestedExternalPort, long lifetimeSeconds) throws InterruptedException {
        Optional<InetSocketAddress> server = server();
        if (server.isEmpty()) return Optional.empty();
        Optional<NatPmpMessages.ExternalAddress> address = udp.exchange(server.get(),
                local -> NatPmpMessages.externalAddressRequest(),
                (d, n) -> NatPmpMessages.decode(d, n).filter(r -> r instanceof NatPmpMessages.ExternalAddress)
                        .map(r -> (NatPmpMessages.ExternalAddress) r));
        if (address.isEmpty()) return Optional.empty();
        if (address.get().resultCode() != NatPmpMessages.SUCCESS) {
            log.accept("NAT-PMP: the router refused the external address request (result " + address.get().resultCode() + ")");
            return Optional.empty();
        }
        Optional<NatPmpMessages.UdpMapping> mapped = request(server.get(), internalPort, suggestedExternalPort, lifetimeSeconds);
        if (mapped.isEmpty()) return Optional.empty();
        NatPmpMessages.UdpMapping m = mapped.get();
        if (m.resultCode() != NatPmpMessages.SUCCESS || m.externalPort() == 0) {
            log.accept("NAT-PMP: the router refused the mapping (result " + m.resultCode() + ")");
            return Optional.empty();
        }
        return Optional.of(new Mapping(name(), Endpoint.of(address.get().ipv4(), m.externalPort()), internalPort,
                m.lifetimeSeconds()));
    }

    @Override
    public void unmap(Mapping mapping) throws InterruptedException {
        Optional<InetSocketAddress> server = server();
        if (server.isPresent()) request(server.get(), mapping.internalPort(), 0, 0); // RFC 6886 §3.4
    }

    private Optional<NatPmpMessages.UdpMapping> request(InetSocketAddress server, int internalPort, int externalPort,
                                                        long lifetimeSeconds) throws InterruptedException {
        return udp.exchange(server, local -> NatPmpMessages.mapUdpRequest(internalPort, externalPort, lifetimeSeconds),
                (d, n) -> NatPmpMessages.decode(d, n)
                        .filter(r -> r instanceof NatPmpMessages.UdpMapping u && u.internalPort() == internalPort)
                        .map(r -> (NatPmpMessages.UdpMapping) r));
    }

    private Optional<InetSocketAddress> server() {
        return gateway.get().flatMap(ip -> {
            try {
                return Optional.of(new InetSocketAddress(InetAddress.getByAddress(ip), serverPort));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        });
    }
}
