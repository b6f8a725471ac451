package net.ztj.transport.portmap;

import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.IpText;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * UPnP IGD port mapping: SSDP discovery of the gateway, its description, then the WANIPConnection actions
 * GetExternalIPAddress, GetSpecificPortMappingEntry, AddPortMapping (with a lease, renewed by adding the same
 * mapping again) and DeletePortMapping. As ZeroTier One does, a port already mapped under our description is taken
 * over, and a port mapped for someone else makes it try the next one.
 *
 * <p>The gateway speaks plain HTTP on the LAN, so each request goes on a plain socket of its own ({@link UpnpHttp}:
 * no proxy, no redirects, {@code Connection: close}): unlike {@code java.net.http.HttpClient}, it starts no selector
 * thread and never builds the default TLS context, which parses the JDK's CA certificates and loads some 500
 * classes into every daemon that maps a port; unlike {@code HttpURLConnection}, it never sends a request on a
 * connection kept from an earlier one, which the gateway may have closed meanwhile.
 */
public final class UpnpIgdClient implements MappingProtocol {
    static final int SEARCH_MX_S = 2;
    static final long SEARCH_WAIT_MS = 3_000;
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    /** External ports tried from the suggested one on (the reference tries 60, a second apart). */
    static final int PORT_TRIES = 16;

    private final String description;
    private final InetSocketAddress searchTarget;
    private final LongAdder dropped;
    private final Consumer<String> log;
    private boolean closed;
    /** The request in flight, disconnected by {@link #close} so that a closing daemon does not wait on it. */
    private Socket inFlight;
    private IgdDescription.ControlPoint igd; // found by the last discovery, kept while it answers

    /**
     * @param description  the mapping's description: ZeroTier One's {@code ZeroTier/<address>@<port>}, by which a
     *                     mapping of ours is recognised after a restart
     * @param searchTarget {@code 239.255.255.250:1900} but in tests
     */
    public UpnpIgdClient(String description, InetSocketAddress searchTarget, LongAdder dropped, Consumer<String> log) {
        this.description = description;
        this.searchTarget = searchTarget;
        this.dropped = dropped;
        this.log = log;
    }

    /** The multicast address SSDP searches go to. */
    public static InetSocketAddress ssdpGroup() {
        return new InetSocketAddress(InetAddress.ofLiteral(SsdpMessages.MULTICAST_GROUP), SsdpMessages.PORT);
    }

    @Override
    public String name() {
        return "UPnP";
    }

    @Override
    public Optional<Mapping> map(int internalPort, int suggestedExternalPort, long lifetimeSeconds) throws InterruptedException {
        if (igd == null && (igd = discover().orElse(null)) == null) return Optional.empty();
        Optional<Mapping> mapped = mapOn(igd, internalPort, suggestedExternalPort, lifetimeSeconds);
        if (mapped.isEmpty()) igd = null; // look for the gateway again next time
        return mapped;
    }

    private Optional<Mapping> mapOn(IgdDescription.ControlPoint cp, int internalPort, int suggested, long lifetimeSeconds)
            throws InterruptedException {
        Optional<InetAddress> lan = localAddressTowards(cp.controlUrl());
        Optional<String> external = ok(action(cp, "GetExternalIPAddress", Map.of()))
                .map(v -> v.getOrDefault("NewExternalIPAddress", ""));
        if (lan.isEmpty() || external.isEmpty()) return Optional.empty();
        byte[] externalIp;
        try {
            externalIp = IpText.parse(external.get());
        } catch (IllegalArgumentException e) {
            log.accept("UPnP: the gateway gave no usable external address: '" + external.get() + "'");
            return Optional.empty();
        }
        String client = lan.get().getHostAddress();
        for (int i = 0; i < PORT_TRIES; i++) {
            int port = suggested + i >= 65535 ? suggested + i - 65535 + 1025 : suggested + i;
            Optional<SoapMessages.Result> existing = action(cp, "GetSpecificPortMappingEntry", entryKey(port));
            if (ok(existing).filter(v -> !isOurs(v, client, internalPort)).isPresent()) continue; // someone else's
            Optional<SoapMessages.Result> added = action(cp, "AddPortMapping", add(port, internalPort, client, lifetimeSeconds));
            long lease = lifetimeSeconds;
            if (added.orElse(null) instanceof SoapMessages.Fault f && f.errorCode() == SoapMessages.ONLY_PERMANENT_LEASES) {
                lease = 0;
                added = action(cp, "AddPortMapping", add(port, internalPort, client, 0));
            }
            if (added.orElse(null) instanceof SoapMessages.Ok) {
                return Optional.of(new Mapping(name(), Endpoint.of(externalIp, port), internalPort, lease));
            }
            if (!(added.orElse(null) instanceof SoapMessages.Fault f && f.errorCode() == SoapMessages.CONFLICT_IN_MAPPING_ENTRY)) {
                log.accept("UPnP: AddPortMapping of " + port + " failed: " + added.map(Object::toString).orElse("no answer"));
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public void unmap(Mapping mapping) throws InterruptedException {
        if (igd != null) action(igd, "DeletePortMapping", entryKey(mapping.external().port()));
    }

    /** Sends no further request and aborts the one in flight. */
    @Override
    public synchronized void close() {
        closed = true;
        if (inFlight != null) {
            try {
                inFlight.close();
            } catch (IOException e) {
                // it is closed as far as we are concerned
            }
        }
    }

    private boolean isOurs(Map<String, String> entry, String client, int internalPort) {
        return description.equals(entry.get("NewPortMappingDescription")) && client.equals(entry.get("NewInternalClient"))
                && String.valueOf(internalPort).equals(entry.get("NewInternalPort"));
    }

    private static Map<String, String> entryKey(int externalPort) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("NewRemoteHost", "");
        a.put("NewExternalPort", String.valueOf(externalPort));
        a.put("NewProtocol", "UDP");
        return a;
    }

    private Map<String, String> add(int externalPort, int internalPort, String client, long lease) {
        Map<String, String> a = entryKey(externalPort);
        a.put("NewInternalPort", String.valueOf(internalPort));
        a.put("NewInternalClient", client);
        a.put("NewEnabled", "1");
        a.put("NewPortMappingDescription", description);
        a.put("NewLeaseDuration", String.valueOf(lease));
        return a;
    }

    private static Optional<Map<String, String>> ok(Optional<SoapMessages.Result> r) {
        return r.filter(x -> x instanceof SoapMessages.Ok).map(x -> ((SoapMessages.Ok) x).values());
    }

    /** Searches for a gateway and reads the description of the first that answers with a usable service. */
    Optional<IgdDescription.ControlPoint> discover() throws InterruptedException {
        try (DatagramSocket socket = new DatagramSocket()) {
            try {
                socket.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 2); // UDA 1.1 §1.1.2
            } catch (IOException | UnsupportedOperationException e) {
                // the default of 1 reaches the router as well
            }
            for (String st : new String[] {SsdpMessages.IGD_V1, SsdpMessages.IGD_V2}) {
                byte[] search = SsdpMessages.search(st, SEARCH_MX_S);
                socket.send(new DatagramPacket(search, search.length, searchTarget));
            }
            long deadline = System.nanoTime() + SEARCH_WAIT_MS * 1_000_000L;
            byte[] in = new byte[SsdpMessages.MAX_RESPONSE];
            while (true) {
                if (Thread.interrupted()) throw new InterruptedException();
                long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
                if (leftMs <= 0) return Optional.empty();
                socket.setSoTimeout((int) leftMs);
                DatagramPacket p = new DatagramPacket(in, in.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    return Optional.empty();
                }
                Optional<SsdpMessages.Answer> answer = SsdpMessages.decode(in, p.getLength())
                        // the description must come from the host that answered, not from wherever it points
                        .filter(a -> a.location().getHost().equals(p.getAddress().getHostAddress()));
                if (answer.isEmpty()) {
                    dropped.increment();
                    continue;
                }
                Optional<IgdDescription.ControlPoint> cp = fetch(answer.get().location())
                        .flatMap(doc -> IgdDescription.parse(doc, answer.get().location()));
                if (cp.isPresent()) return cp;
                dropped.increment();
            }
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            return Optional.empty();
        }
    }

    private Optional<byte[]> fetch(URI location) throws InterruptedException {
        return send(location, null, null, IgdDescription.MAX_LENGTH).filter(r -> r.status() == 200).map(UpnpHttp.Answer::body);
    }

    private Optional<SoapMessages.Result> action(IgdDescription.ControlPoint cp, String action, Map<String, String> args)
            throws InterruptedException {
        Optional<SoapMessages.Result> result = send(cp.controlUrl(), SoapMessages.soapAction(cp.serviceType(), action),
                SoapMessages.request(cp.serviceType(), action, args), SoapMessages.MAX_LENGTH)
                .filter(r -> r.status() == 200 || r.status() == 500) // a UPnP error comes as 500 with a Fault
                .flatMap(r -> SoapMessages.decode(r.body()));
        if (result.isEmpty()) dropped.increment();
        return result;
    }

    /**
     * One HTTP request on a connection of its own: a GET, or a SOAP POST of {@code body} when {@code soapAction} is
     * given. The answer (an error status's too: a UPnP fault comes with 500), or empty when the request failed or
     * the answer was not one {@link UpnpHttp} takes (a body longer than {@code maxLength} among them).
     */
    private Optional<UpnpHttp.Answer> send(URI url, String soapAction, byte[] body, int maxLength) throws InterruptedException {
        Socket socket = null;
        try {
            if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) return Optional.empty(); // the LAN's UPnP is plain HTTP
            InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(url.getHost()), url.getPort() > 0 ? url.getPort() : 80);
            socket = new Socket(Proxy.NO_PROXY);
            synchronized (this) {
                if (closed) return Optional.empty();
                inFlight = socket;
            }
            int timeout = (int) HTTP_TIMEOUT.toMillis();
            socket.connect(to, timeout);
            socket.setSoTimeout(timeout);
            OutputStream out = socket.getOutputStream();
            out.write(UpnpHttp.request(url, soapAction, body));
            out.flush();
            return Optional.of(UpnpHttp.read(new BufferedInputStream(socket.getInputStream()), maxLength));
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            return Optional.empty();
        } finally {
            if (socket != null) {
                synchronized (this) {
                    if (inFlight == socket) inFlight = null;
                }
                try {
                    socket.close();
                } catch (IOException e) {
                    // nothing more to do with it
                }
            }
        }
    }

    /** The address of this host on the way to the gateway: the internal client to map to. */
    private static Optional<InetAddress> localAddressTowards(URI url) {
        try (DatagramSocket probe = new DatagramSocket()) {
            int port = url.getPort() > 0 ? url.getPort() : 80;
            probe.connect(new InetSocketAddress(InetAddress.getByName(url.getHost()), port));
            InetAddress local = probe.getLocalAddress();
            return local.isAnyLocalAddress() ? Optional.empty() : Optional.of(local);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
