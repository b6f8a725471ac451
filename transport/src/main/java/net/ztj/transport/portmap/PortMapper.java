package net.ztj.transport.portmap;

import net.ztj.core.wire.Endpoint;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Keeps one UDP port mapping for the node's tertiary port, as ZeroTier One's PortMapper does: on its own virtual
 * thread it asks the router by PCP, NAT-PMP and then UPnP IGD until one grants a mapping, renews it every
 * {@link #REFRESH_MS} (its lease is twice that), retries after {@link #RETRY_MS}, doubling up to the refresh period,
 * while none does, and removes the
 * mapping when closed. The mapped external address is read by whoever advertises the node's addresses; nothing here
 * touches the packet path.
 */
public final class PortMapper implements AutoCloseable {
    /** ZeroTier One's ZT_PORTMAPPER_REFRESH_DELAY: the mapping is asked for again this often. */
    public static final long REFRESH_MS = 300_000;
    /** The lease asked for: twice the refresh period, as the reference asks NAT-PMP for. */
    public static final long LIFETIME_S = REFRESH_MS * 2 / 1000;
    /**
     * The first wait after a round in which no protocol got a mapping; it doubles with each such round up to
     * {@link #REFRESH_MS}, the reference's wait after a failed round, so a host without a mapping router asks
     * as rarely as ZeroTier One does while one that started before its router gets its mapping soon.
     */
    public static final long RETRY_MS = REFRESH_MS / 10;
    /** How long closing waits for the removal of the mapping. */
    static final long CLOSE_WAIT_MS = 5_000;

    private final int localPort;
    private final List<MappingProtocol> protocols;
    private final Consumer<String> log;
    private final Runnable onChange;
    private final LongAdder droppedAnswers;
    private final AtomicReference<Optional<Mapping>> current = new AtomicReference<>(Optional.empty());
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean running = true;
    private MappingProtocol granting; // the protocol that holds the mapping; the mapper's thread only
    private long retryMs = RETRY_MS; // the mapper's thread only
    private Thread thread;

    /**
     * @param localPort the UDP port to map (the tertiary port)
     * @param protocols tried in this order
     * @param onChange  called (on the mapper's thread) when the mapped address appears, changes or goes away
     */
    public PortMapper(int localPort, List<MappingProtocol> protocols, Consumer<String> log, Runnable onChange) {
        this(localPort, protocols, new LongAdder(), log, onChange);
    }

    /**
     * @param droppedAnswers the counter the protocols count the answers they drop in (read by
     *                       {@link #droppedAnswers()})
     */
    public PortMapper(int localPort, List<MappingProtocol> protocols, LongAdder droppedAnswers, Consumer<String> log,
                      Runnable onChange) {
        this.localPort = localPort;
        this.protocols = List.copyOf(protocols);
        this.droppedAnswers = droppedAnswers;
        this.log = log;
        this.onChange = onChange;
    }

    /**
     * The mapper with the three protocols against the default gateway, and ZeroTier One's description for UPnP
     * mappings: {@code ZeroTier/<10 hex digits of the node address>@<port>}.
     */
    public static PortMapper forNode(int localPort, long nodeAddress, RandomGenerator random, LongAdder dropped,
                                     Consumer<String> log, Runnable onChange) {
        String name = uniqueName(nodeAddress, localPort);
        return new PortMapper(localPort, List.of(
                new PcpClient(DefaultGateway::find, NatPmpMessages.SERVER_PORT, random, dropped, log),
                new NatPmpClient(DefaultGateway::find, NatPmpMessages.SERVER_PORT, dropped, log),
                new UpnpIgdClient(name, UpnpIgdClient.ssdpGroup(), dropped, log)), dropped, log, onChange);
    }

    /** ZeroTier One's description of its UPnP mapping, by which it finds the mapping again after a restart. */
    public static String uniqueName(long nodeAddress, int localPort) {
        String hex = Long.toHexString(nodeAddress); // %010x without the formatter, which a starting daemon need not load
        return "ZeroTier/" + "0".repeat(Math.max(0, 10 - hex.length())) + hex + "@" + localPort;
    }

    /** Starts the mapper's thread. */
    public synchronized void start() {
        if (thread == null) thread = Thread.ofVirtual().name("port-mapper").start(this::run);
    }

    /** The port being mapped. */
    public int localPort() {
        return localPort;
    }

    /**
     * The router's answers the protocols dropped so far: datagrams from elsewhere or that did not decode to the
     * expected answer, SSDP answers without a usable gateway, unreadable SOAP answers.
     */
    public long droppedAnswers() {
        return droppedAnswers.sum();
    }

    /** The mapping in force, if any. */
    public Optional<Mapping> mapping() {
        return current.get();
    }

    /** What peers outside can reach the node on: the mapped external address, or nothing. */
    public List<Endpoint> externalAddresses() {
        return current.get().map(m -> List.of(m.external())).orElse(List.of());
    }

    private void run() {
        try {
            while (running) {
                Optional<Mapping> m = granting == null ? Optional.empty() : renew();
                if (m.isEmpty()) m = firstGranted();
                set(m);
                if (m.isPresent()) {
                    retryMs = RETRY_MS;
                    awaitNextRound(REFRESH_MS);
                } else {
                    awaitNextRound(retryMs);
                    retryMs = Math.min(retryMs * 2, REFRESH_MS);
                }
            }
        } catch (InterruptedException e) {
            // closed while asking
        }
    }

    private Optional<Mapping> renew() throws InterruptedException {
        Optional<Mapping> m = granting.map(localPort, current.get().map(x -> x.external().port()).orElse(localPort),
                LIFETIME_S);
        if (m.isEmpty()) log.accept("port mapping: " + granting.name() + " did not renew the mapping of " + localPort);
        return m;
    }

    private Optional<Mapping> firstGranted() throws InterruptedException {
        for (MappingProtocol p : protocols) {
            if (!running) break;
            Optional<Mapping> m = p.map(localPort, localPort, LIFETIME_S);
            if (m.isPresent()) {
                granting = p;
                return m;
            }
        }
        granting = null;
        return Optional.empty();
    }

    private void set(Optional<Mapping> m) {
        Optional<Mapping> before = current.getAndSet(m);
        boolean changed = !before.map(Mapping::external).equals(m.map(Mapping::external));
        if (changed) {
            log.accept(m.map(x -> "port mapping: " + x.protocol() + " mapped " + x.external() + " to UDP port " + localPort
                            + (x.lifetimeSeconds() == 0 ? " (permanent)" : " for " + x.lifetimeSeconds() + " s"))
                    .orElse("port mapping: no mapping of UDP port " + localPort));
            onChange.run();
        }
    }

    private void awaitNextRound(long ms) throws InterruptedException {
        lock.lock();
        try {
            long left = ms * 1_000_000L;
            while (running && left > 0) left = wake.awaitNanos(left);
        } finally {
            lock.unlock();
        }
    }

    /** Stops asking and removes the mapping from the router (waiting at most a few seconds for that). */
    @Override
    public void close() {
        running = false;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            protocols.forEach(MappingProtocol::close);
            return;
        }
        try {
            if (!t.join(java.time.Duration.ofMillis(CLOSE_WAIT_MS))) {
                t.interrupt();
                t.join(java.time.Duration.ofMillis(CLOSE_WAIT_MS));
            }
            Optional<Mapping> m = current.getAndSet(Optional.empty());
            MappingProtocol p = granting;
            if (m.isPresent() && p != null) {
                Thread remover = Thread.ofVirtual().name("port-unmapper").start(() -> {
                    try {
                        p.unmap(m.get());
                    } catch (InterruptedException e) {
                        // gave up waiting
                    }
                });
                boolean done = remover.join(java.time.Duration.ofMillis(CLOSE_WAIT_MS));
                if (!done) remover.interrupt();
                log.accept("port mapping: " + (done ? "removed " : "gave up removing ") + m.get().external() + " ("
                        + p.name() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            protocols.forEach(MappingProtocol::close);
        }
    }
}
