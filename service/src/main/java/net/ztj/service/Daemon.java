package net.ztj.service;

import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.controller.store.StoreException;
import net.ztj.core.identity.Identity;
import net.ztj.core.identity.IdentityHasher;
import net.ztj.core.world.World;
import net.ztj.service.api.ApiServer;
import net.ztj.service.api.LocalApi;
import net.ztj.service.api.ServiceState;
import net.ztj.service.api.http.AnswerWatch;
import net.ztj.service.api.app.AdminPassword;
import net.ztj.service.api.app.StaticAssets;
import net.ztj.service.api.app.WebApp;
import net.ztj.service.config.ControllerDb;
import net.ztj.service.config.LocalConf;
import net.ztj.service.config.LocalConfException;
import net.ztj.service.config.LocalConfFile;
import net.ztj.service.config.LocalConfReload;
import net.ztj.service.config.LocalConfLoader;
import net.ztj.service.config.ServiceSettings;
import net.ztj.service.dns.DnsService;
import net.ztj.service.dns.DnsSettings;
import net.ztj.service.dns.ResolvedDns;
import net.ztj.service.dns.SystemDns;
import net.ztj.service.home.HomeFolder;
import net.ztj.service.home.IdentityStore;
import net.ztj.service.home.MoonFiles;
import net.ztj.service.home.NetworkFiles;
import net.ztj.service.home.PlanetFile;
import net.ztj.service.home.PortFile;
import net.ztj.service.home.TokenFile;
import net.ztj.service.metrics.ServiceMetrics;
import net.ztj.service.network.DeviceMap;
import net.ztj.service.node.ControllerExecutor;
import net.ztj.service.node.ControllerStores;
import net.ztj.service.node.CoreContext;
import net.ztj.service.node.MemberPresence;
import net.ztj.service.node.NodeCoreFactory;
import net.ztj.service.node.NodeRunner;
import net.ztj.core.node.peer.CachedPeer;
import net.ztj.service.config.LegacyTrustedPaths;
import net.ztj.service.config.LocalPathPolicy;
import net.ztj.service.home.PeerFiles;
import net.ztj.service.home.PeersDirCleaner;
import net.ztj.service.physical.LocalAddressReport;
import net.ztj.service.physical.NetworkChangeWatch;
import net.ztj.service.physical.UdpBinding;
import net.ztj.service.port.PortDriver;
import net.ztj.service.port.PortEvents;
import net.ztj.service.port.VirtualPorts;
import net.ztj.service.warmup.DataPathWarmup;
import net.ztj.transport.portmap.PortMapper;
import net.ztj.transport.ports.PortProbe;
import net.ztj.transport.ports.RandomPorts;
import net.ztj.transport.tcprelay.TcpFallback;
import net.ztj.transport.udp.UdpTransport;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * The running service (spec 05 §2.3): starts its parts in the reference's order and stops them in reverse. Each
 * part is its own class; this one only wires them.
 */
public final class Daemon implements AutoCloseable {
    /** The web UI's admin password (an Argon2id hash), in the home folder. */
    public static final String ADMIN_PASSWORD_FILE = "adminpassword.secret";
    /**
     * What the daemon is started with.
     *
     * @param homeText        the home path as given or derived, for /status
     * @param commandLinePort {@code -p} (9993 by default); {@code settings.primaryPort} overrides it
     * @param routerPortMapping whether the service has a port mapper (see {@link ServiceEnvironment}); without one
     *                        it is as ZeroTier One built without miniupnpc: no tertiary port, portMappingEnabled false
     */
    public record Options(HomeFolder home, String homeText, int commandLinePort, NodeCoreFactory coreFactory,
                          SecureRandom random, LongSupplier clockMs, PrintStream err,
                          java.util.Optional<java.util.function.Supplier<PortDriver>> ports,
                          boolean routerPortMapping) {}

    private final Deque<AutoCloseable> parts;
    private final int primaryPort;

    private Daemon(Deque<AutoCloseable> parts, int primaryPort) {
        this.parts = parts;
        this.primaryPort = primaryPort;
    }

    /**
     * Starts everything; on failure, what was started is stopped again.
     *
     * @throws ServiceFailure with the reference's message
     */
    public static Daemon start(Options o) throws ServiceFailure {
        Deque<AutoCloseable> parts = new ArrayDeque<>();
        try {
            return start(o, parts);
        } catch (ServiceFailure | RuntimeException e) {
            closeAll(parts);
            throw e;
        }
    }

    private static Daemon start(Options o, Deque<AutoCloseable> parts) throws ServiceFailure {
        StartAhead.linkSockets(); // beside the identity and local.conf below
        HomeFolder home = o.home();
        String authToken = token(home, "authtoken.secret", o.random(), o.err());
        String metricsToken = token(home, "metricstoken.secret", o.random(), o.err()); // guards /metrics
        // its proof of work is checked on a thread of its own while local.conf is read and the sockets are bound
        IdentityStore.Loading loading = identity(home,
                () -> new IdentityStore(home.path()).startLoading(o.random(), o.err()::println));
        LocalConf conf = localConf(home, o.err());
        ServiceSettings settings = conf.settings();
        DnsSettings dnsSettings = DnsSettings.from(conf, o.err()::println);

        if (settings.controllerDb() instanceof ControllerDb.Sqlite db && ControllerStores.sqliteExists(db, home.path())) {
            // a node that serves networks opens its database at start: the driver loads beside the sockets' binding
            StartAhead.run("ztj-start-ahead-sqlite", SqliteControllerStore::loadDriver);
        }
        int configuredPort = settings.primaryPort().orElse(o.commandLinePort()) & 0xffff;
        int primary = primaryPort(configuredPort, o.random());
        writePortFile(home, primary);

        NodeRunner runner = new NodeRunner(o.clockMs(), o.err());
        TcpFallback relay = tcpFallback(settings, runner, o);
        parts.push(relay);
        UdpTransport transport = new UdpTransport(relay.udpSink());
        // what the node sends during one turn of its lock leaves together (sendmmsg) at the turn's end
        transport.setBatching(true);
        runner.addBatchEndHook(transport::flush);
        parts.push(transport);
        parts.push(runner); // stopped before the sockets and the relay it sends on
        UdpBinding binding = new UdpBinding(transport, settings.bind());
        int secondary;
        if (settings.forceTcpRelay()) {
            secondary = 0; // spec 05 §9.1: with forceTcpRelay no UDP socket is bound
        } else {
            if (!binding.bindPort(primary)) throw cannotBind(configuredPort);
            secondary = secondaryPort(binding, settings, o);
        }
        int tertiary = o.routerPortMapping() && settings.portMappingEnabled() && !settings.forceTcpRelay()
                ? tertiaryPort(binding, settings, o) : 0;

        Identity identity = identity(home, loading::await);
        home.deleteLegacyIddb();
        MoonFiles moons = new MoonFiles(home.file("moons.d"));
        PlanetFile planet = new PlanetFile(home.file("planet"));
        NetworkFiles networks = new NetworkFiles(home.file("networks.d"));
        VirtualPorts ports = o.ports().map(driver -> new VirtualPorts(driver.get(), runner, networks,
                home.file("devicemap"), identity.address(), o.err(), dnsSettings.applyToSystem()
                ? ResolvedDns.forThisHost(o.err()::println) : SystemDns.NONE)).orElse(null);
        NodeCoreFactory.Created core;
        try {
            core = o.coreFactory().create(new CoreContext(identity, planet, moons, home, relay.over(transport), o.random(),
                    o.clockMs().getAsLong(), settings.controllerDb(), ports == null ? PortEvents.NONE : ports,
                    o.clockMs(), runner::execute, dnsSettings.autoServers()));
        } catch (StoreException e) {
            throw ServiceFailure.fatal(e.getMessage());
        }
        if (core.planetInEffect().isPresent()) writePlanet(planet, core.planetInEffect().get());
        core.controller().ifPresent(parts::push);
        core.controllerExecutor().ifPresent(parts::push); // stopped before the storage it reads
        runner.start(core.core());
        java.util.function.Supplier<java.util.Map<net.ztj.service.config.IpNetwork, Long>> legacyTrusted =
                () -> LegacyTrustedPaths.read(home.file(LegacyTrustedPaths.FILE_NAME), o.err()::println);
        java.util.concurrent.atomic.AtomicReference<LocalPathPolicy> pathPolicy = new java.util.concurrent.atomic
                .AtomicReference<>(LocalPathPolicy.from(conf.document(), legacyTrusted.get(), o.err()::println));
        usePathPolicy(runner, pathPolicy.get());
        PeerFiles peerFiles = new PeerFiles(home.file("peers.d"), o.err()::println);
        PeersDirCleaner peersCleaner = new PeersDirCleaner(peerFiles, o.clockMs());
        parts.push(peersCleaner);
        peersCleaner.start();
        checkCachedPeers(peerFiles.readAll(), runner);
        parts.push(() -> { // closed before the runner stops
            try {
                peerFiles.writeAll(runner.call((node, now) -> node.peersToCache(now)));
            } catch (RuntimeException e) {
                o.err().println("peers.d not written: " + e.getMessage());
            }
        });
        for (long nwid : networks.joined()) { // spec 05 §2.3 step 11; queued: the start does not wait for the node
            byte[] config = networks.readConfig(nwid);
            runner.execute((node, now) -> node.join(nwid, config, now));
        }
        if (ports != null) {
            parts.push(ports); // ports go down before the node stops
            ports.start();
        }

        // read at scrape time: the parts made below (the DNS server, the port mapper) add themselves as they come
        ServiceMetrics metrics = new ServiceMetrics(runner, o.clockMs());
        if (dnsSettings.enabled() && core.controller().isPresent()) {
            DnsService dns = new DnsService(core.controller().get(), runner, identity.address(), dnsSettings, o.err());
            parts.push(dns);
            metrics.withDns(dns::counters);
            try {
                dns.start();
            } catch (IOException e) {
                throw ServiceFailure.fatal("cannot bind the DNS server's local port " + dnsSettings.localPort() + ": "
                        + e.getMessage(), e);
            }
        }

        LocalAddressReport addresses = new LocalAddressReport(transport::ports, settings.bind(),
                settings.interfacePrefixBlacklist(), runner);
        parts.push(addresses);
        if (tertiary != 0) {
            PortMapper mapper = PortMapper.forNode(tertiary, identity.address().value(), o.random(), new LongAdder(),
                    o.err()::println, addresses::refreshSoon);
            metrics.withPortMapper(() -> mapper);
            addresses.advertiseAlso(mapper::externalAddresses);
            parts.push(mapper); // the mapping is removed first on the way down
            mapper.start();
        }
        addresses.start();

        LocalConfFile confFile = LocalConfFile.at(home.file("local.conf"), conf);
        LocalConfReload reload = new LocalConfReload(home.file("local.conf"), o.clockMs(), o.err()::println, c -> {
            confFile.reloaded(c);
            usePathPolicy(runner, pathPolicy.updateAndGet(
                    p -> p.reloaded(c.document(), legacyTrusted.get(), o.err()::println)));
            addresses.setPrefixBlacklist(c.settings().interfacePrefixBlacklist());
            relay.reload(c.settings().tcpFallback()).ifPresent(o.err()::println);
        });
        parts.push(reload);
        reload.start();

        core.controllerExecutor().ifPresent(c -> metrics.withController(c.metrics()));
        metrics.withTransports(relay, ports == null ? null : ports::counters);
        ApiServer api;
        AnswerWatch handler;
        try {
            handler = new AnswerWatch(LocalApi.handler(runner,
                    () -> new ServiceState(o.homeText(), primary, secondary, tertiary, addresses.listeningOn(),
                            relay.active(), o.routerPortMapping()),
                    confFile, moons, networks,
                    portNames(ports, new DeviceMap(home.file("devicemap"))), core.controller(),
                    core.controllerExecutor().map(ControllerExecutor::presence).orElseGet(MemberPresence::new),
                    identity.address(), o.random(), authToken, metricsToken, metrics,
                    webApp(core, home, authToken, o), o.clockMs()));
            api = ApiServer.start(primary, !settings.allowManagementFrom().isEmpty(), handler, o.err());
        } catch (ApiServer.BindException e) {
            throw ServiceFailure.controlPlane();
        }
        parts.push(api);
        // what ONLINE and the API do not wait for starts now, in the background (closed first on the way down)
        AfterStart later = new AfterStart(List.of(
                () -> {
                    NetworkChangeWatch changes = new NetworkChangeWatch(addresses, runner, o.err()::println);
                    changes.start();
                    return changes;
                }), o.err()::println);
        parts.push(later);
        later.start();
        // the path is compiled before its first packets: a root's relay path once it is ONLINE and has told a client
        // so (or ROOT_API_WAIT_MS after the API came up when none asks: its members start after that), so that the
        // warm-up does not compete for the CPU with the first answers (members wait for their root: its start is not
        // delayed); any other node's Ethernet path at once (done before its networks have their configuration, its
        // ports their addresses)
        if (DataPathWarmup.enabled()) {
            boolean root = isPlanetRoot(core.planetInEffect(), identity);
            long apiUp = System.nanoTime();
            DataPathWarmup.startInBackground(root, root ? () -> runner.status().online() && (handler.answered()
                    || System.nanoTime() - apiUp >= DataPathWarmup.ROOT_API_WAIT_MS * 1_000_000) : () -> true, o.err());
        }
        return new Daemon(parts, primary);
    }

    /**
     * Hands the node the peers of peers.d, each once its identity has been checked (the memory-hard hash) on a thread
     * of its own: on the node's thread, a start with cached peers held every call to the node (the networks' joins,
     * the API's) behind one hash per peer, which a cold JVM on a busy machine took seconds to compute.
     */
    private static void checkCachedPeers(List<CachedPeer> cached, NodeRunner runner) {
        if (cached.isEmpty()) return;
        Thread.ofPlatform().daemon().name("ztj-peers-check").start(() -> {
            IdentityHasher hasher = new IdentityHasher(); // 2 MiB, dropped with the thread
            for (CachedPeer peer : cached) {
                boolean valid = peer.identity().locallyValidate(hasher);
                runner.execute((node, now) -> node.addCachedPeer(peer, now, valid)); // an invalid one is counted there
            }
        });
    }

    /** Hands the node the local.conf path policy (at start, and after each reload of local.conf). */
    private static void usePathPolicy(NodeRunner runner, LocalPathPolicy policy) {
        runner.execute((node, now) -> {
            node.setPathPolicy(policy);
            return null;
        });
    }

    /** Whether this node is one of the roots of the planet in effect (a root relays; it joins no network). */
    static boolean isPlanetRoot(Optional<byte[]> planet, Identity self) {
        try {
            return planet.map(b -> World.deserialize(b, 0, b.length)).map(w -> w.roots().stream()
                    .anyMatch(r -> r.identity().address().equals(self.address()))).orElse(false);
        } catch (RuntimeException e) { // the core accepted it; a planet it cannot read again is no root's
            return false;
        }
    }

    /**
     * The controller's web UI, when this node runs a controller; its admin password is kept in
     * {@value #ADMIN_PASSWORD_FILE} (set with {@code zerotier-cli set-admin-password}).
     */
    private static Optional<WebApp> webApp(NodeCoreFactory.Created core, HomeFolder home, String authToken, Options o)
            throws ServiceFailure {
        if (core.controller().isEmpty()) return Optional.empty();
        try {
            AdminPassword password = AdminPassword.load(home.file(ADMIN_PASSWORD_FILE));
            return Optional.of(new WebApp(authToken, password, new StaticAssets(), o.random(), o.clockMs()));
        } catch (IOException e) {
            throw ServiceFailure.fatal("cannot read " + ADMIN_PASSWORD_FILE + ": " + e.getMessage(), e);
        }
    }

    /** The TCP relay beside the UDP sockets (spec 05 §9.5); its connection events go to the log. */
    private static TcpFallback tcpFallback(ServiceSettings settings, NodeRunner runner, Options o) throws ServiceFailure {
        try {
            return new TcpFallback(settings.tcpFallback(), runner, o.clockMs(), o.err()::println);
        } catch (IOException e) {
            throw ServiceFailure.fatal("cannot start the TCP relay client: " + e.getMessage(), e);
        }
    }

    /** A network's interface as the API shows it: its port's name, or the name the port is meant to get. */
    private static LongFunction<String> portNames(VirtualPorts ports, DeviceMap deviceMap) {
        return nwid -> (ports == null ? Optional.<String>empty() : ports.portName(nwid))
                .orElseGet(() -> deviceMap.intendedName(nwid));
    }

    private static String token(HomeFolder home, String name, SecureRandom random, PrintStream err) throws ServiceFailure {
        try {
            return TokenFile.readOrCreate(home.file(name), random, err::println);
        } catch (IOException e) {
            throw ServiceFailure.fatal(name + " could not be written (try running with -U to prevent dropping of privileges)");
        }
    }

    /** A step of loading the identity: reading and parsing it, or awaiting its check. */
    private interface IdentityStep<T> {
        T run() throws IOException, IdentityStore.InvalidStoredIdentityException;
    }

    /** Runs {@code step}; a tampered or invalid identity, or one that cannot be written, stops the start. */
    private static <T> T identity(HomeFolder home, IdentityStep<T> step) throws ServiceFailure {
        try {
            return step.run();
        } catch (IdentityStore.InvalidStoredIdentityException e) {
            throw ServiceFailure.fatal(e.getMessage());
        } catch (IOException e) {
            throw ServiceFailure.fatal("unable to write identity.secret in " + home.path() + ": " + e.getMessage(), e);
        }
    }

    private static LocalConf localConf(HomeFolder home, PrintStream err) throws ServiceFailure {
        try {
            return LocalConfLoader.load(home.file("local.conf"), err::println);
        } catch (LocalConfException e) {
            throw ServiceFailure.localConf(e.getMessage());
        }
    }

    /** Step 5: the configured port if it is free for UDP and TCP; for 0, a random free one. */
    private static int primaryPort(int configured, SecureRandom random) throws ServiceFailure {
        if (configured != 0) {
            if (PortProbe.isFree(configured)) return configured;
            throw cannotBind(configured);
        }
        OptionalInt chosen = RandomPorts.primary(random, PortProbe::isFree);
        if (chosen.isEmpty()) throw cannotBind(configured);
        return chosen.getAsInt();
    }

    private static ServiceFailure cannotBind(int configured) {
        return ServiceFailure.fatal("cannot bind to local control interface port " + configured);
    }

    /** §9.1: a configured secondary port (with the reference's warning), else a random one, unless disallowed. */
    private static int secondaryPort(UdpBinding binding, ServiceSettings settings, Options o) {
        if (!settings.allowSecondaryPort()) return 0;
        if (settings.secondaryPort() != 0 || settings.tertiaryPort() != 0) {
            o.err().println("WARNING: using manually-specified secondary and/or tertiary ports. This can cause NAT issues.");
        }
        if (settings.secondaryPort() != 0) {
            return binding.bindPort(settings.secondaryPort()) ? settings.secondaryPort() : 0;
        }
        return binding.bindRandomPort(o.random()).orElse(0);
    }

    /**
     * The port to map on the router (ZeroTier One binds a third port for it, as explicitly mapped ports confuse some
     * NATs): the configured {@code tertiaryPort}, else a random one by the secondary port's procedure; 0 if it
     * cannot be bound.
     */
    private static int tertiaryPort(UdpBinding binding, ServiceSettings settings, Options o) {
        if (settings.tertiaryPort() != 0) return binding.bindPort(settings.tertiaryPort()) ? settings.tertiaryPort() : 0;
        return binding.bindRandomPort(o.random()).orElse(0);
    }

    private static void writePortFile(HomeFolder home, int port) throws ServiceFailure {
        try {
            PortFile.write(home.file("zerotier-one.port"), port);
        } catch (IOException e) {
            throw ServiceFailure.fatal("unable to write " + home.file("zerotier-one.port") + ": " + e.getMessage(), e);
        }
    }

    private static void writePlanet(PlanetFile planet, byte[] world) {
        try {
            planet.writeIfChanged(world);
        } catch (IOException e) {
            // the reference goes on without it as well
        }
    }

    /** The primary port in use (UDP and the API). */
    public int primaryPort() {
        return primaryPort;
    }

    /** Stops the API, the address reports, the node and the sockets, in that order. */
    @Override
    public void close() {
        closeAll(parts);
    }

    private static void closeAll(Deque<AutoCloseable> parts) {
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception e) {
                // go on stopping the rest
            }
        }
    }
}
