package net.ztj.service.port;

import net.ztj.core.identity.Address;
import net.ztj.core.network.addressing.Mac;
import net.ztj.core.network.addressing.MulticastGroup;
import net.ztj.core.network.addressing.NetworkId;
import net.ztj.core.network.addressing.NetworkMac;
import net.ztj.core.node.NetworkInfo;
import net.ztj.core.node.NetworkStatus;
import net.ztj.core.wire.IpText;
import net.ztj.service.home.NetworkFiles;
import net.ztj.service.dns.SystemDns;
import net.ztj.service.network.DeviceMap;
import net.ztj.service.network.InterfaceNames;
import net.ztj.service.network.NetworkSettings;
import net.ztj.service.node.NodeRunner;
import net.ztj.service.node.NodeUnavailableException;
import net.ztj.tap.EthernetTap;
import net.ztj.tap.IpPrefix;
import net.ztj.tap.LinkAddress;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ports of the joined networks (spec 05 §8): a manager thread keeps one tap per joined network — created at
 * join or start-up, given the network's MAC and MTU, its managed addresses and routes applied and re-applied on
 * every change (and every 30 s), its multicast groups scanned every 5 s and told to the node — and closes the tap
 * when the network is left or the service stops.
 *
 * <p>Threads: the manager thread owns the ports' applied state; the node's thread writes frames through
 * {@link #frame}, and what the taps held is written after the turn, outside the node's lock, by the thread that
 * ran it (a batch-end hook of the runner); each port has its reader thread.
 */
public final class VirtualPorts implements PortEvents, AutoCloseable {
    static final long SYNC_MS = 1_000;
    static final long SCAN_MS = 5_000;
    static final long ROUTE_SYNC_MS = 30_000;

    private final PortDriver driver;
    private final NodeRunner runner;
    private final NetworkFiles files;
    private final DeviceMap deviceMap;
    private final Address self;
    private final PrintStream err;
    private final SystemDns systemDns;
    private final Map<Long, NetworkPort> ports = new ConcurrentHashMap<>();
    private final Set<Long> failed = new HashSet<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean wakeRequested;
    private volatile boolean stopped;
    private Thread thread;
    private long lastScanMs, lastRouteSyncMs;
    /** The open ports, for the flush after each turn (no iterator per packet); written by the manager thread. */
    private volatile NetworkPort[] portArray = {};

    public VirtualPorts(PortDriver driver, NodeRunner runner, NetworkFiles files, Path deviceMap, Address self,
                        PrintStream err) {
        this(driver, runner, files, deviceMap, self, err, SystemDns.NONE);
    }

    /** @param systemDns where the pushed DNS settings of networks with allowDNS go */
    public VirtualPorts(PortDriver driver, NodeRunner runner, NetworkFiles files, Path deviceMap, Address self,
                        PrintStream err, SystemDns systemDns) {
        this.systemDns = systemDns;
        this.driver = driver;
        this.runner = runner;
        this.files = files;
        this.deviceMap = new DeviceMap(deviceMap);
        this.self = self;
        this.err = err;
        runner.addBatchEndHook(this::flushPorts);
    }

    /** After a turn of the node (outside its lock): write what the taps held. */
    private void flushPorts() {
        for (NetworkPort p : portArray) p.flushIfHeld();
    }

    /** Manager thread: after a port was added or removed. */
    private void portsChanged() {
        portArray = ports.values().toArray(NetworkPort[]::new);
    }

    public void start() {
        thread = Thread.ofPlatform().name("ztj-ports").daemon().start(this::loop);
    }

    /** Asks the manager to look at the networks now (after a join, leave or settings change). */
    public void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void frame(long networkId, long sourceMac, long destMac, int etherType, byte[] data, int off, int len) {
        NetworkPort p = ports.get(networkId);
        if (p != null) p.write(sourceMac, destMac, etherType, data, off, len);
    }

    @Override
    public void configured(long networkId) {
        wake();
    }

    /** The interface name of a network's port (the name the OS gave it), if it has one. */
    /** Each open port's frame counts. */
    public List<PortCounters> counters() {
        List<PortCounters> out = new ArrayList<>();
        for (NetworkPort p : ports.values()) out.add(p.counters());
        return out;
    }

    public java.util.Optional<String> portName(long networkId) {
        NetworkPort p = ports.get(networkId);
        return p == null ? java.util.Optional.empty() : java.util.Optional.of(p.tap.name());
    }

    private void loop() {
        while (!stopped) {
            try {
                sync(System.currentTimeMillis());
            } catch (NodeUnavailableException e) {
                if (stopped) break;
            } catch (RuntimeException e) {
                err.println("ERROR: virtual network ports: " + e);
            }
            lock.lock();
            try {
                if (!wakeRequested && !stopped) wake.await(SYNC_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
                wakeRequested = false;
            } catch (InterruptedException e) {
                break;
            } finally {
                lock.unlock();
            }
        }
    }

    private void sync(long now) {
        Map<Long, NetworkInfo> joined = new HashMap<>();
        // the groups are what this manager told the node: a change of them is no change of the configuration
        NodeRunner.PortView view = runner.portView(); // one short task: no identity formatted, no second turn
        for (NetworkInfo n : view.networks()) joined.put(n.networkId(), n.withMulticastSubscriptions(List.of()));
        for (Long id : List.copyOf(ports.keySet())) {
            if (!joined.containsKey(id)) {
                destroy(ports.remove(id));
                portsChanged();
            }
        }
        failed.retainAll(joined.keySet());
        boolean routeSync = now - lastRouteSyncMs >= ROUTE_SYNC_MS;
        boolean scan = now - lastScanMs >= SCAN_MS;
        if (routeSync) lastRouteSyncMs = now;
        if (scan) lastScanMs = now;
        boolean online = view.online();
        for (NetworkInfo n : joined.values()) {
            NetworkPort p = ports.get(n.networkId());
            if (p == null) {
                if (stopped || failed.contains(n.networkId())) continue;
                p = create(n);
                if (p == null) continue;
            }
            NetworkSettings s = settings(p);
            boolean changed = !n.equals(p.applied) || !s.equals(p.appliedSettings) || online != p.appliedOnline;
            if (changed || routeSync) apply(p, n, s, online);
            if (scan || changed) scanGroups(p, n);
            p.applied = n;
            p.appliedSettings = s;
            p.appliedOnline = online;
        }
    }

    /** The port's network settings: the file is read again only when its version changed since the last read. */
    private NetworkSettings settings(NetworkPort p) {
        Object version = files.settingsVersion(p.networkId);
        if (p.appliedSettings != null && version != null && version.equals(p.settingsVersion)) return p.appliedSettings;
        p.settingsVersion = version;
        return files.settings(p.networkId);
    }

    private NetworkPort create(NetworkInfo n) {
        long mac = NetworkMac.of(self, new NetworkId(n.networkId())).value();
        int mtu = n.status() == NetworkStatus.OK ? n.mtu() : 2800;
        String name = name(n.networkId());
        EthernetTap tap;
        int index;
        try {
            tap = driver.open(name, mac, mtu);
        } catch (IOException | RuntimeException e) {
            err.println("ERROR: unable to configure virtual network port: " + e.getMessage());
            failed.add(n.networkId());
            return null;
        }
        try {
            index = driver.ifIndex(tap);
        } catch (IOException e) {
            tap.close();
            err.println("ERROR: unable to configure virtual network port: " + e.getMessage());
            failed.add(n.networkId());
            return null;
        }
        NetworkPort p = new NetworkPort(n.networkId(), tap, index, runner, err);
        ports.put(n.networkId(), p);
        portsChanged();
        p.start();
        return p;
    }

    /** §8.2: the devicemap entry if its name is free, else zt + base32 with the first free trial. */
    private String name(long networkId) {
        java.util.Optional<String> mapped = deviceMap.entry(networkId);
        if (mapped.isPresent() && !driver.interfaceExists(mapped.get())) return mapped.get();
        for (int trial = 0; ; trial++) {
            String n = InterfaceNames.forNetwork(networkId, trial);
            if (!driver.interfaceExists(n) || trial > 1000) return n;
        }
    }

    /** §8.5–§8.6: addresses added and removed to match the allowed set, then routes, then the MTU. */
    private void apply(NetworkPort p, NetworkInfo n, NetworkSettings s, boolean online) {
        List<IpPrefix> wanted = n.status() == NetworkStatus.OK ? ManagedIps.addresses(n, s) : p.managedAddresses;
        for (IpPrefix old : p.managedAddresses) {
            if (!wanted.contains(old)) {
                try {
                    driver.removeAddress(p.ifIndex, old);
                } catch (IOException e) {
                    err.println("WARNING: could not remove " + old + " from " + p.tap.name() + ": " + e.getMessage());
                }
            }
        }
        List<IpPrefix> present = new ArrayList<>();
        try {
            for (LinkAddress la : driver.addresses(p.ifIndex)) present.add(la.address());
        } catch (IOException e) {
            // treat as none present
        }
        for (IpPrefix a : wanted) {
            if (present.contains(a)) continue;
            for (IpPrefix other : present) {
                if (other.address().equals(a.address()) && other.length() != a.length()) {
                    try {
                        driver.removeAddress(p.ifIndex, other);
                    } catch (IOException e) {
                        // the add below reports the problem
                    }
                }
            }
            try {
                driver.addAddress(p.ifIndex, p.tap.name(), a);
            } catch (IOException e) {
                err.println("WARNING: could not add " + a + " to " + p.tap.name() + ": " + e.getMessage());
            }
        }
        p.managedAddresses = wanted;

        List<IpPrefix> ours = new ArrayList<>(wanted);
        for (IpPrefix a : present) if (!ours.contains(a)) ours.add(a);
        List<ManagedIps.RouteKey> routes = n.status() == NetworkStatus.OK ? ManagedIps.routes(n, s, ours, online) : p.managedRoutes;
        for (ManagedIps.RouteKey old : p.managedRoutes) {
            if (!routes.contains(old)) removeRoute(p, old);
        }
        for (ManagedIps.RouteKey r : routes) {
            try {
                driver.addRoute(r.target(), r.via(), p.ifIndex);
            } catch (IOException e) {
                err.println("WARNING: could not add route " + r.target() + (r.via() == null ? "" : " via " + IpText.format(r.via().getAddress()))
                        + " on " + p.tap.name() + ": " + e.getMessage());
            }
        }
        p.managedRoutes = routes;
        if (n.status() == NetworkStatus.OK && n.mtu() != p.mtu()) {
            try {
                p.setMtu(n.mtu());
            } catch (IOException e) {
                err.println("WARNING: could not set MTU " + n.mtu() + " on " + p.tap.name() + ": " + e.getMessage());
            }
        }
        if (!s.allowDns()) systemDns.remove(p.tap.name());
        else if (n.status() == NetworkStatus.OK) systemDns.apply(p.tap.name(), n.dns().domain(), n.dns().servers());
    }

    private void removeRoute(NetworkPort p, ManagedIps.RouteKey r) {
        try {
            driver.removeRoute(r.target(), r.via(), p.ifIndex);
        } catch (IOException e) {
            // gone already
        }
    }

    /** §8.8: the interface's multicast MACs plus the ARP / solicited-node group of each of its addresses. */
    private void scanGroups(NetworkPort p, NetworkInfo n) {
        Set<MulticastGroup> groups = new TreeSet<>();
        try {
            for (long mac : driver.multicastMacs(p.tap.name())) groups.add(new MulticastGroup(new Mac(mac), 0));
            for (LinkAddress la : driver.addresses(p.ifIndex)) {
                groups.add(MulticastGroup.forAddressResolution(la.address().address().getAddress()));
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (groups.equals(p.groups)) return;
        p.groups = groups;
        Set<MulticastGroup> copy = Set.copyOf(groups);
        runner.execute((node, now) -> {
            node.setMulticastSubscriptions(n.networkId(), copy, now);
            return null;
        });
    }

    /** Leave: routes removed, tap closed (its addresses and kernel routes go with it). */
    private void destroy(NetworkPort p) {
        if (p == null) return;
        for (ManagedIps.RouteKey r : p.managedRoutes) removeRoute(p, r);
        systemDns.remove(p.tap.name());
        p.close();
    }

    /** Service shutdown: every port goes down as on leave (the network files stay). */
    @Override
    public void close() {
        stopped = true;
        wake();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Long id : List.copyOf(ports.keySet())) destroy(ports.remove(id));
        portsChanged();
        driver.close();
    }
}
