package net.ztj.service.dns;

import net.ztj.controller.store.ControllerStore;
import net.ztj.core.identity.Address;
import net.ztj.core.node.NetworkInfo;
import net.ztj.core.wire.IpText;
import net.ztj.service.node.NodeControl;
import net.ztj.service.node.NodeUnavailableException;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The controller node's DNS server: answers for each of its networks with a {@code dns.domain} on the node's own
 * managed addresses in that network (names of that network only), and on {@code 127.0.0.1:localPort} when set (every
 * network). The node must be a member of its network: a listener is bound once the address is on the network's
 * interface (bind attempts are repeated each second until then), and closed when the address goes away, the network
 * is left or its domain removed.
 *
 * <p>Threads: a manager thread binds and unbinds; listeners have their own threads (see {@link DnsListener}); the
 * store's change calls update the zones (see {@link ZoneBook}).
 */
public final class DnsService implements AutoCloseable {
    static final long SYNC_MS = 1_000;

    private final ControllerStore store;
    private final NodeControl node;
    private final Address self;
    private final DnsSettings settings;
    private final PrintStream log;
    private final ZoneBook zones = new ZoneBook();
    private final DnsCounters counters = new DnsCounters();
    private final DnsResponder responder = new DnsResponder(zones::zones, counters);
    private final SourceRateLimit rate;
    private final Map<InetSocketAddress, DnsListener> managed = new java.util.concurrent.ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** Addresses whose bind failure was logged (once each, until bound). */
    private final java.util.Set<InetSocketAddress> failureLogged = new java.util.HashSet<>();
    private DnsListener local;
    private Thread thread;
    private volatile boolean stopped;

    public DnsService(ControllerStore store, NodeControl node, Address self, DnsSettings settings, PrintStream log) {
        this.store = store;
        this.node = node;
        this.self = self;
        this.settings = settings;
        this.log = log;
        this.rate = new SourceRateLimit(settings.queriesPerSecond());
    }

    /**
     * Loads the zones, binds the local port if set, and starts the manager.
     *
     * @throws IOException when the local port cannot be bound
     */
    public void start() throws IOException {
        store.addListener(zones);
        zones.load(store);
        if (settings.localPort() != 0) {
            local = DnsListener.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.localPort()),
                    responder, rate, id -> true, System::nanoTime, counters);
            log.println("DNS: answering for every network on " + IpText.format(local.address().getAddress().getAddress())
                    + "/" + local.address().getPort());
        }
        thread = Thread.ofPlatform().name("ztj-dns").daemon().start(this::loop);
    }

    /** The zones answered now. */
    public ZoneBook zones() {
        return zones;
    }

    public DnsCounters counters() {
        return counters;
    }

    /** The local listener's address, if one is bound. */
    public Optional<InetSocketAddress> localAddress() {
        return Optional.ofNullable(local).map(DnsListener::address);
    }

    private void loop() {
        while (!stopped) {
            try {
                sync();
            } catch (NodeUnavailableException e) {
                if (stopped) break;
            } catch (RuntimeException e) {
                log.println("ERROR: DNS server: " + e);
            }
            lock.lock();
            try {
                if (!stopped) wake.await(SYNC_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Binds a listener on each own managed address of a network with a zone; closes those no longer wanted. */
    private void sync() {
        Map<Long, Zone> now = zones.zones();
        Map<InetSocketAddress, Long> wanted = new HashMap<>();
        for (NetworkInfo n : node.networks()) {
            if ((n.networkId() >>> 24) != self.value() || !now.containsKey(n.networkId())) continue;
            for (String a : n.assignedAddresses()) {
                InetAddress ip = ZoneBook.inet(a);
                if (ip != null) wanted.putIfAbsent(new InetSocketAddress(ip, settings.port()), n.networkId());
            }
        }
        failureLogged.retainAll(wanted.keySet());
        for (var it = managed.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!wanted.containsKey(e.getKey())) {
                e.getValue().close();
                it.remove();
                log.println("DNS: no longer answering on " + text(e.getKey()));
            }
        }
        for (var e : wanted.entrySet()) {
            if (managed.containsKey(e.getKey()) || stopped) continue;
            long networkId = e.getValue();
            try {
                managed.put(e.getKey(), DnsListener.open(e.getKey(), responder, rate, id -> id == networkId,
                        System::nanoTime, counters));
                log.println("DNS: answering for " + now.get(networkId).domain() + " on " + text(e.getKey()));
                failureLogged.remove(e.getKey());
            } catch (IOException ex) {
                // usually not on the interface yet (or still tentative): tried again at the next sync
                if (failureLogged.add(e.getKey())) {
                    log.println("DNS: cannot listen on " + text(e.getKey()) + " yet (" + ex.getMessage()
                            + "); trying again every second");
                }
            }
        }
    }

    private static String text(InetSocketAddress a) {
        return IpText.format(a.getAddress().getAddress()) + "/" + a.getPort();
    }

    /** Stops listening everywhere and stops following the store. */
    @Override
    public void close() {
        stopped = true;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        store.removeListener(zones);
        managed.values().forEach(DnsListener::close);
        managed.clear();
        if (local != null) local.close();
    }

    /** For the list of addresses answered on (tests). */
    List<InetSocketAddress> boundAddresses() {
        return List.copyOf(managed.keySet());
    }
}
