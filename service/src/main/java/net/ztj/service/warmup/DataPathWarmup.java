package net.ztj.service.warmup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.engine.ConfigBuilder;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.config.ConfigRequestMetadata;
import net.ztj.core.node.ControllerRequest;
import net.ztj.core.node.LocalController;
import net.ztj.core.node.NetworkInfo;
import net.ztj.core.node.NetworkStatus;
import net.ztj.core.node.Node;
import net.ztj.core.node.NodeConfig;
import net.ztj.core.node.NodeEvents;
import net.ztj.core.node.PhysicalTransport;
import net.ztj.core.network.dictionary.Dictionary;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.crypto.C25519;
import net.ztj.tap.LinuxTap;
import net.ztj.transport.udp.UdpTransport;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs the node's data path in memory before the first real packet, so that the JIT has compiled it when traffic
 * comes. A freshly started JVM interprets: the first few hundred packets through the tunnel then cost a millisecond
 * or more each, which is what a user sees as slow pings and a slow first transfer (issue 9 measured 4 ms round trips
 * at 200 ms intervals, against 0.8 ms once compiled).
 *
 * <p>Three nodes of this class's own (with fixed identities, so no proof of work is computed) exchange HELLOs, a network
 * configuration and then Ethernet frames of the sizes a tunnel carries (full-MTU TCP segments, ACKs, pings) in both
 * directions, through the same code the daemon runs: switch, rules, credentials, FRAME, armor (AES-GMAC-SIV),
 * fragmentation and reassembly. The "wire" is a queue in memory; nothing touches the network, the disk or the clock
 * (the nodes run on a simulated clock). The warm-up takes about a second of one core.
 */
public final class DataPathWarmup {
    /** {@code -Dztj.warmup=false} disables the warm-up at start (for measurements of a cold daemon). */
    public static final String PROPERTY = "ztj.warmup";
    /** Frames exchanged by {@link #runDefault()}: enough for C2 to compile the per-frame methods. */
    public static final int DEFAULT_ROUNDS = 40_000;

    // Three identities made once with zerotier-idtool for this purpose only (never used on a network).
    private static final String MEMBER_SECRET = "18ebbe5729:0:d2e39fc8451f3ab5cfcd71a7dcd8de0379c58665833b72fcd93f9e0ba9ef"
            + "2e1a0e96450bd3ba55f0c0ff14b2ddade3f247d713751b89ed54f677fd405fbcc10a:c21fcb43021c7eba562557f678f148d53cce9a"
            + "67230e8da904bca14b47ad9c6c8188e0fa0d3772d0e64a43a627555fe6002bc268834db3d0521284ae569061b8";
    private static final String CONTROLLER_SECRET = "67349a6552:0:dfff563d18968c996aefb8a79df801ca732f32c4968ecb6b4909f5e"
            + "729754d6b75115a08e7d3b496a981aff3ad3a4272de2432e701a58b49c7d09c5c5bdfd128:e167a6c36238723b24e5b84577ea24e0b3e"
            + "8a59877e5fa1265fc791c7a949d8e7f8e90f9e6d06d548a3ffdf435a44b7bbd610c7ef6dbddeba955625b4a9aa872";
    private static final String THIRD_SECRET = "4817986f32:0:d1beeb9f0e976102b308c964a8cfa7afed5d2df7436e90da99dc7f7106b8867b74a1a8919c78cb6367f0a9d"
            + "9d53042a6d01d4cc66412b374fa11002ac2635aaa:294f0def80be5ad5fdc61efeb25e4b207d6fa8436a76bb18bba4bc67b0"
            + "9be20edb70b306f249c0d54d208ccd3b36ade34880fe4249b9ab13be85f5a73c4d369f";
    // addresses of the in-memory wire only (TEST-NET-1): no datagram is ever sent to them
    private static final Endpoint[] AT = {Endpoint.parse("192.0.2.1/9993"), Endpoint.parse("192.0.2.2/9993"),
        Endpoint.parse("192.0.2.3/9993")};

    /**
     * What a run did.
     *
     * @param framesDelivered frames that came out of the receiving node's port (both directions)
     * @param elapsedNanos    the run's wall time
     */
    public record Result(long framesDelivered, long elapsedNanos) {}

    private DataPathWarmup() {}

    /** Whether the warm-up is enabled (the default; {@code -Dztj.warmup=false} turns it off). */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
    }

    /**
     * How long a root's warm-up waits after the API came up for a client to have had an answer (the first
     * {@code /status} saying ONLINE) before it starts anyway.
     */
    public static final long ROOT_API_WAIT_MS = 1_000;

    /** Longest wait of {@link #startInBackground} for its start condition. */
    public static final long READY_WAIT_MS = 10_000;

    /**
     * Starts the warm-up ({@link #runDefault(boolean)}) on a daemon thread of its own and returns at once. The
     * thread first waits until {@code ready} (the daemon passes "the node is ONLINE"; checked every 50 ms, at most
     * {@link #READY_WAIT_MS}), so that the warm-up does not delay the node's start: a root's warm-up at start had
     * doubled its start-to-ONLINE. Failures are reported on {@code err} (the daemon works without it, only slower at
     * first).
     */
    public static Thread startInBackground(boolean root, java.util.function.BooleanSupplier ready, java.io.PrintStream err) {
        return Thread.ofPlatform().daemon().name("ztj-warmup").start(() -> {
            try {
                if (!awaitReady(ready, READY_WAIT_MS)) return;
                long started = System.nanoTime();
                Result r = runDefault(root);
                err.printf("INFO: data path warm-up (%s): %d frames in %d ms%n", root ? "relay" : "Ethernet",
                        r.framesDelivered(), (System.nanoTime() - started) / 1_000_000);
                HeapCompaction.compact(); // the start's garbage back to the system, once
            } catch (RuntimeException e) {
                err.println("WARNING: data path warm-up failed (the node works, but its first packets are slower): " + e);
            }
        });
    }

    /**
     * Waits until {@code ready} holds, checking every 50 ms for at most {@code limitMs}: true when it held or the time
     * ran out (the warm-up runs then anyway), false if {@code ready} threw (the node stopped) or the thread was
     * interrupted.
     */
    static boolean awaitReady(java.util.function.BooleanSupplier ready, long limitMs) {
        long giveUp = System.nanoTime() + limitMs * 1_000_000;
        try {
            while (!ready.getAsBoolean()) {
                if (System.nanoTime() - giveUp >= 0) return true;
                Thread.sleep(50);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Datagrams and tap frames of the edges' own warm-ups (see {@link #runDefault}). */
    public static final int EDGE_ROUNDS = 20_000;
    /**
     * Rounds of the node when the JVM runs from the ahead-of-time cache: its training ran {@link #DEFAULT_ROUNDS}
     * and stored the methods' profiles (JEP 515), with which C2 compiles the per-frame methods after a tenth of the
     * rounds (checked with {@code -XX:+PrintCompilation}: {@code processWirePacket}, {@code processVirtualNetworkFrame},
     * AES-GMAC-SIV at tier 4 after 4,000 rounds with the cache, still at tier 3 after 5,000 without it).
     */
    public static final int CACHED_ROUNDS = 4_000;
    /** {@code -Dztj.warmup.rounds=N} sets the node's rounds of {@link #runDefault} (for measurements). */
    public static final String ROUNDS_PROPERTY = "ztj.warmup.rounds";
    /** Edge rounds with the cache: the socket and tap calls reach their compiled tier (2) within them. */
    public static final int CACHED_EDGE_ROUNDS = 2_000;

    /**
     * Whether this JVM runs from an ahead-of-time cache ({@code -XX:AOTCache}, as the launchers start the daemon once
     * {@code scripts/build.sh} trained one) that it could map: a cache the JVM refuses (another jar, other options)
     * leaves it with no class archive at all, which {@code java.vm.info} shows by not saying "sharing". The option
     * is looked for on the command line and in {@code JDK_JAVA_OPTIONS} / {@code JAVA_TOOL_OPTIONS}, not through the
     * management beans, which would load some 50 classes of java.management into every daemon. False where it is
     * not found (an option given in an argument file, say: the warm-up is then the longer one).
     */
    public static boolean fromAotCache() {
        if (!System.getProperty("java.vm.info", "").contains("sharing")) return false;
        for (String env : new String[] {"JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS"}) {
            if (System.getenv().getOrDefault(env, "").contains(AOT_CACHE_OPTION)) return true;
        }
        for (String arg : ProcessHandle.current().info().arguments().orElse(new String[0])) {
            if (arg.startsWith(AOT_CACHE_OPTION)) return true;
        }
        return false;
    }

    private static final String AOT_CACHE_OPTION = "-XX:AOTCache=";

    /**
     * {@link #run}, then the edges the daemon's packets cross besides the node: the UDP sockets (over loopback,
     * {@link UdpTransport#warmUp}) and the tap's system calls (over a pipe, {@link LinuxTap#warmUp}). From an
     * ahead-of-time cache it runs {@link #CACHED_ROUNDS} and {@link #CACHED_EDGE_ROUNDS} (about half the CPU: most
     * of what is left is C2 compiling the path, which the first real packets would cost anyway), otherwise
     * {@link #DEFAULT_ROUNDS} and {@link #EDGE_ROUNDS} (also in the cache's training run, whose profiles the short
     * warm-up relies on).
     */
    public static Result runDefault() {
        return runDefault(false);
    }

    /**
     * {@link #runDefault()} for a member, or for a root of the planet ({@code root}): the same rounds relayed
     * ({@link #runRelayed}) and the UDP sockets, no tap (a root has no network of its own).
     */
    public static Result runDefault(boolean root) {
        boolean cached = fromAotCache();
        int rounds = Integer.getInteger(ROUNDS_PROPERTY, cached ? CACHED_ROUNDS : DEFAULT_ROUNDS);
        Result core = root ? runRelayed(rounds) : run(rounds);
        signatures(SIGNATURE_ROUNDS);
        int edge = cached ? CACHED_EDGE_ROUNDS : EDGE_ROUNDS;
        UdpTransport.warmUp(edge);
        if (root) return core;
        try {
            LinuxTap.warmUp(edge);
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            // not Linux, or no eventfd: the tap path stays cold, nothing else changes
        }
        return core;
    }

    /** Signature verifications of the warm-up ({@link #signatures}). */
    public static final int SIGNATURE_ROUNDS = 300;

    /**
     * Verifies a signature {@code rounds} times (and a forged one once), after building the verifier's tables: a
     * node verifies signatures on its packet path (a renewed network configuration, the certificates its peers push
     * when their controller renewed them, every minute or so), and an uncompiled verifier held a packet for
     * milliseconds there. Returns how many verified.
     */
    static int signatures(int rounds) {
        C25519.prepare();
        C25519.KeyPair keys = C25519.generate(new java.security.SecureRandom());
        byte[] message = new byte[256];
        byte[] signature = C25519.sign(keys.privateKey(), message);
        int good = 0;
        for (int i = 0; i < rounds; i++) if (C25519.verify(keys.publicKey(), message, signature)) good++;
        signature[0] ^= 1;
        if (C25519.verify(keys.publicKey(), message, signature)) good--; // never: a forged one does not verify
        return good;
    }

    /**
     * Runs {@code rounds} rounds; each sends a full-size frame one way and a small one back, between the three
     * members in turn.
     *
     * <p>Two details make the compiled code the one production uses. The frames enter the nodes through calls the
     * JIT cannot inline into this method's loop (a method handle held in a local), so {@code processWirePacket}
     * and {@code processVirtualNetworkFrame} are compiled as methods of their own, as the receive threads call
     * them; inlined into a loop here they would stay cold for the daemon. And each node has a transport and an
     * event sink of a class of its own, three of each, so the calls to the edges are compiled as virtual calls:
     * a single class seen here would be inlined, and the daemon's own classes would then throw the compiled code
     * away on their first packet.
     *
     * @throws IllegalStateException if the nodes could not set up their network (a defect)
     */
    public static Result run(int rounds) {
        return run(rounds, false);
    }

    /**
     * Like {@link #run}, but the in-memory wire drops every datagram between members 0 and 2 (as a firewall between
     * two members behind NATs would), so all their frames cross node 1, the planet's root, which relays them: the
     * warm-up of a daemon that is a root, whose own work is relaying (it carries no frames of its own).
     */
    public static Result runRelayed(int rounds) {
        return run(rounds, true);
    }

    private static Result run(int rounds, boolean relayed) {
        long started = System.nanoTime();
        Identity controller = Identity.fromString(CONTROLLER_SECRET);
        Identity[] ids = {Identity.fromString(MEMBER_SECRET), controller, Identity.fromString(THIRD_SECRET)};
        SecureRandom random = new SecureRandom();
        C25519.KeyPair worldKey = C25519.generate(random);
        World planet = World.sign(WorldType.PLANET, 1, 1, worldKey.publicKey(),
                List.of(new World.Root(controller.publicOnly(), List.of(AT[1]))), worldKey.privateKey());

        Clock clock = new Clock();
        Wire wire = new Wire(clock, relayed);
        long[] delivered = new long[1];
        NodeEvents[] sinks = {
            new NodeEvents() {
                @Override
                public void virtualNetworkFrame(long nwid, long src, long dst, int type, int vlan, byte[] d, int o, int l) {
                    delivered[0]++;
                }
            },
            new NodeEvents() {
                @Override
                public void virtualNetworkFrame(long nwid, long src, long dst, int type, int vlan, byte[] d, int o, int l) {
                    delivered[0]++;
                }
            },
            new NodeEvents() {
                @Override
                public void virtualNetworkFrame(long nwid, long src, long dst, int type, int vlan, byte[] d, int o, int l) {
                    delivered[0]++;
                }
            }};
        Node[] nodes = new Node[3];
        for (int i = 0; i < 3; i++) {
            nodes[i] = new Node(ids[i], planet, NodeConfig.DEFAULTS, wire.port(i), sinks[i], new SplittableRandom(i),
                    clock.now);
            wire.attach(AT[i], nodes[i]);
        }
        long nwid = (controller.address().value() << 24) | 0x7a7a;
        InMemoryController inMemory = new InMemoryController(controller, nwid, random);
        ArrayDeque<ControllerRequest> asked = new ArrayDeque<>();
        nodes[1].setController(asked::add); // answered between ticks, as the daemon's controller thread would
        for (int i = 0; i < 3; i++) tick(clock, wire, nodes);
        for (Node n : nodes) n.join(nwid, clock.now);
        for (int i = 0; i < 4; i++) {
            tick(clock, wire, nodes);
            ControllerRequest r;
            while ((r = asked.poll()) != null) {
                nodes[1].controllerAnswered(r, inMemory.request(r.requester(), r.networkId(), r.metadata(),
                        r.packetId(), clock.now), clock.now);
                wire.deliver();
            }
        }
        long[] macs = new long[3];
        for (int i = 0; i < 3; i++) {
            NetworkInfo info = nodes[i].network(nwid).orElseThrow();
            if (info.status() != NetworkStatus.OK) throw new IllegalStateException("warm-up network not configured: " + info.status());
            macs[i] = info.mac();
        }
        byte[] segment = frame(2800, 0x45, 6);   // a TCP segment at the default MTU (two datagrams)
        byte[] ack = frame(52, 0x45, 6);         // its acknowledgement
        byte[] echo = frame(84, 0x45, 1);        // a ping
        MethodHandle frameIn = FRAME_IN;         // a local: not a constant the JIT could inline through
        wire.entry = WIRE_IN;
        try {
            for (int i = 0; i < rounds; i++) {
                int pair = relayed ? 2 : (i >>> 6) % 3; // 64 rounds per pair of members, then the next pair
                boolean forward = (i & 32) == 0;
                int x = forward ? pair : (pair + 1) % 3, y = forward ? (pair + 1) % 3 : pair;
                byte[] back = (i & 7) == 0 ? echo : ack;
                long d1 = (long) frameIn.invokeExact(nodes[x], clock.now, nwid, macs[x], macs[y], 0x0800, 0, segment, 0,
                        segment.length);
                wire.deliver();
                long d2 = (long) frameIn.invokeExact(nodes[y], clock.now, nwid, macs[y], macs[x], 0x0800, 0, back, 0,
                        back.length);
                wire.deliver();
                if ((i & 1023) == 1023) tick(clock, wire, nodes);
            }
        } catch (Throwable t) {
            throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
        }
        return new Result(delivered[0], System.nanoTime() - started);
    }

    private static final MethodHandle FRAME_IN, WIRE_IN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            FRAME_IN = lookup.findVirtual(Node.class, "processVirtualNetworkFrame", MethodType.methodType(long.class,
                    long.class, long.class, long.class, long.class, int.class, int.class, byte[].class, int.class, int.class));
            WIRE_IN = lookup.findVirtual(Node.class, "processWirePacket", MethodType.methodType(long.class,
                    long.class, long.class, Endpoint.class, byte[].class, int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** An Ethernet payload that looks like an IPv4 packet of the given protocol. */
    private static byte[] frame(int length, int versionIhl, int protocol) {
        byte[] f = new byte[length];
        new SplittableRandom(length).nextBytes(f);
        f[0] = (byte) versionIhl;
        f[2] = (byte) (length >>> 8);
        f[3] = (byte) length;
        f[9] = (byte) protocol;
        return f;
    }

    private static void tick(Clock clock, Wire wire, Node... nodes) {
        clock.now += 5_000;
        for (Node n : nodes) {
            n.processBackgroundTasks(clock.now);
            wire.deliver();
        }
    }

    private static final class Clock {
        long now = 1_700_000_000_000L;
    }

    /** Datagrams are queued (copied) and delivered in order after each step, as a socket would. */
    private static final class Wire {
        private record Pending(Node to, Endpoint from, byte[] data, int len) {}

        private final Map<Endpoint, Node> nodes = new HashMap<>();
        private final ArrayDeque<Pending> queue = new ArrayDeque<>();
        /** Buffers of delivered datagrams, reused (the node copies what it keeps, as it must for a socket's buffer). */
        private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
        private final Clock clock;
        /** How datagrams enter a node (set to a handle once set-up is done). */
        MethodHandle entry;

        /** Whether datagrams between members 0 and 2 are dropped (see {@link DataPathWarmup#runRelayed}). */
        private final boolean relayed;

        Wire(Clock clock, boolean relayed) {
            this.clock = clock;
            this.relayed = relayed;
        }

        /** The transport of node {@code i}: each of a class of its own (see {@link DataPathWarmup#run}). */
        PhysicalTransport port(int i) {
            Endpoint self = AT[i];
            return switch (i) {
                case 0 -> (socket, to, data, off, len, ttl) -> queue(self, to, data, off, len);
                case 1 -> (socket, to, data, off, len, ttl) -> queue(self, to, data, off, len);
                default -> (socket, to, data, off, len, ttl) -> queue(self, to, data, off, len);
            };
        }

        private boolean queue(Endpoint self, Endpoint to, byte[] data, int off, int len) {
            Node target = nodes.get(to);
            if (target == null) return true;
            if (relayed && (self == AT[0] && to.equals(AT[2]) || self == AT[2] && to.equals(AT[0]))) return true;
            byte[] copy = spare.poll();
            if (copy == null || copy.length < len) copy = new byte[Math.max(len, 1600)];
            System.arraycopy(data, off, copy, 0, len);
            queue.add(new Pending(target, self, copy, len));
            return true;
        }

        void attach(Endpoint at, Node node) {
            nodes.put(at, node);
        }

        void deliver() {
            Pending p;
            MethodHandle in = entry;
            while ((p = queue.poll()) != null) {
                clock.now++;
                if (in == null) {
                    p.to().processWirePacket(clock.now, 1, p.from(), p.data(), 0, p.len());
                } else {
                    try {
                        long ignored = (long) in.invokeExact(p.to(), clock.now, 1L, p.from(), p.data(), 0, p.len());
                    } catch (Throwable t) {
                        throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
                    }
                }
                spare.push(p.data());
            }
        }
    }

    /** The controller of the warm-up network: public, every member authorized, configuration built as ours does. */
    private static final class InMemoryController implements LocalController {
        private final Identity self;
        private final NetworkRecord network;
        private final SecureRandom random;

        InMemoryController(Identity self, long nwid, SecureRandom random) {
            this.self = self;
            this.random = random;
            ObjectNode doc = NetworkRecord.newNetwork(String.format("%016x", nwid), 0).toJson();
            doc.put("private", false);
            this.network = NetworkRecord.fromJson(doc);
        }

        @Override
        public Answer request(Identity requester, long networkId, byte[] metadata, long packetId, long nowMs) {
            if (networkId != Long.parseUnsignedLong(network.id(), 16)) return new Error(net.ztj.core.wire.ErrorCode.OBJ_NOT_FOUND, null);
            ObjectNode doc = MemberRecord.newMember(network.id(), requester.address().toString(), nowMs).toJson();
            doc.put("authorized", true).put("identity", requester.toPublicString());
            ConfigRequestMetadata md;
            try {
                md = ConfigRequestMetadata.fromDictionary(Dictionary.parse(metadata, 1024));
            } catch (RuntimeException e) { // MalformedException included
                md = ConfigRequestMetadata.fromDictionary(new Dictionary(1024));
            }
            ConfigBuilder.Issued issued = ConfigBuilder.build(self, network, MemberRecord.fromJson(doc),
                    requester.publicOnly(), List.of(), ip -> false, md, nowMs, random);
            return new Config(issued.config().toDictionary().toBytes());
        }
    }
}
