package net.ztj.service.physical;

import net.ztj.core.wire.Endpoint;
import net.ztj.service.node.NodeRunner;
import net.ztj.transport.iface.LocalAddressScanner;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Every 30 s (spec 05 §10): the local addresses times the bound ports are computed and given to the node, which
 * advertises them to peers; the same list is what /status shows as {@code listeningOn}. Scanning runs on its own
 * thread; only the hand-over runs on the node's.
 */
public final class LocalAddressReport implements AutoCloseable {
    /** How often interfaces are scanned again. */
    public static final long PERIOD_MS = 30_000;

    private final Supplier<List<Integer>> ports;
    private final List<InetAddress> explicitBind;
    private volatile List<String> prefixBlacklist;
    private final NodeRunner runner;
    private final AtomicReference<List<Endpoint>> listening = new AtomicReference<>(List.of());
    private volatile Supplier<List<Endpoint>> mapped = List::of;
    private List<Endpoint> lastForNode; // guarded by this
    private volatile Runnable changeListener;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().daemon().name("local-addresses").unstarted(r));

    /**
     * @param ports           the bound UDP ports
     * @param explicitBind    {@code settings.bind}: these addresses instead of scanning interfaces
     * @param prefixBlacklist {@code settings.interfacePrefixBlacklist}
     */
    public LocalAddressReport(Supplier<List<Integer>> ports, List<InetAddress> explicitBind, List<String> prefixBlacklist,
                              NodeRunner runner) {
        this.ports = ports;
        this.explicitBind = List.copyOf(explicitBind);
        this.prefixBlacklist = List.copyOf(prefixBlacklist);
        this.runner = runner;
    }

    /** Replaces {@code settings.interfacePrefixBlacklist} (local.conf reloaded); used from the next scan. */
    public void setPrefixBlacklist(List<String> prefixes) {
        prefixBlacklist = List.copyOf(prefixes);
    }

    /** Reports once now, then every {@link #PERIOD_MS}. */
    public void start() {
        refresh();
        timer.scheduleAtFixedRate(this::refresh, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Adds the addresses a router maps to the node (port mapping) to what the node advertises, ahead of the local
     * ones as ZeroTier One adds them; /status's {@code listeningOn} keeps only the bound ones.
     */
    public void advertiseAlso(Supplier<List<Endpoint>> mappedAddresses) {
        this.mapped = mappedAddresses;
    }

    /** Reports again soon (on this report's thread), e.g. when a mapped address appeared or went away. */
    public void refreshSoon() {
        try {
            timer.execute(this::refresh);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }

    /** Runs after a scan that found the advertised addresses changed to some (on the scanning thread). */
    public void onChange(Runnable listener) {
        changeListener = listener;
    }

    /** What the node can be reached on: {@code ip/port} pairs, IPv4 first. */
    public List<Endpoint> listeningOn() {
        return listening.get();
    }

    /**
     * Scans now and hands the result to the node; true if the addresses the node advertises changed since the
     * last scan.
     */
    public synchronized boolean refresh() {
        List<byte[]> ips = explicitBind.isEmpty()
                ? LocalAddressScanner.scan(prefixBlacklist)
                : explicitBind.stream().map(InetAddress::getAddress).toList();
        List<Endpoint> advertised = pairs(ips, ports.get());
        // with nothing found the wildcard sockets are all there is, and that is what /status shows
        listening.set(ips.isEmpty() ? pairs(List.of(new byte[4], new byte[16]), ports.get()) : advertised);
        List<Endpoint> forNode = new ArrayList<>(mapped.get());
        advertised.stream().filter(e -> !isWildcard(e)).forEach(forNode::add);
        runner.execute((node, now) -> {
            node.setLocalAddresses(forNode);
            return null;
        });
        boolean changed = lastForNode != null && !lastForNode.equals(forNode);
        lastForNode = forNode;
        Runnable listener = changeListener;
        // no address at all (the old one removed, the new one not yet added): nothing could be sent, wait for it
        if (changed && !forNode.isEmpty() && listener != null) listener.run();
        return changed;
    }

    /** Every address with every port, IPv4 addresses first. */
    static List<Endpoint> pairs(List<byte[]> ips, List<Integer> ports) {
        List<Endpoint> v4 = new ArrayList<>(), v6 = new ArrayList<>();
        for (byte[] ip : ips) {
            for (int port : ports) (ip.length == 4 ? v4 : v6).add(Endpoint.of(ip, port));
        }
        v4.addAll(v6);
        return v4;
    }

    private static boolean isWildcard(Endpoint e) {
        for (byte b : e.ip()) if (b != 0) return false;
        return true;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
