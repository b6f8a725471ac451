package net.ztj.core.node.traversal;

import net.ztj.core.identity.Address;
import net.ztj.core.node.PhysicalTransport;
import net.ztj.core.node.peer.NodeContext;
import net.ztj.core.node.peer.Path;
import net.ztj.core.node.peer.Peer;
import net.ztj.core.node.peer.Sender;
import net.ztj.core.wire.Endpoint;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Hole punching towards a peer whose address a root gave us in a RENDEZVOUS (spec 02 §11.6), done so that two
 * Linux NAT routers do not defeat it, plus birthday probing for one symmetric side. I/O-free: the node's clock is
 * passed in, the transport sends.
 *
 * <p>Why ZeroTier One stays relayed behind two port-preserving MASQUERADE routers: each side sends a HELLO to the
 * other's public address at once, and whichever HELLO reaches the other router before that router's own member has
 * sent anything outward makes the router create a connection tracking entry for it (to the router itself). The
 * member's own datagram to the same pair of addresses then collides with that entry and is given another source
 * port, which the other side never hears of; every later datagram refreshes the stale entries, so it never heals.
 * Here the ordering is made safe instead:
 * <ol>
 * <li>an <em>opener</em> first: a few junk bytes with TTL {@value #OPENER_TTL}, which leave our own NAT (so it
 * creates the mapping towards the peer's address) but die in the network before the peer's router;</li>
 * <li>openers and contacts leave from every bound socket: the root told the peer about one of our mappings, and
 * only the socket behind it can answer through the peer's mapping (our roots send the RENDEZVOUS on that very
 * path, ZeroTier's may not);</li>
 * <li>the full contacts (ECHO or HELLO) only {@code CONTACT_AT} later, when the peer, which got its RENDEZVOUS at
 * the same moment, has opened its mapping too: each contact then arrives as the answer to an opened mapping;</li>
 * <li>addresses a peer pushes (PUSH_DIRECT_PATHS) of global scope are left to the next RENDEZVOUS: contacting them
 * at once would plant the very entry that collides (private and shared scopes are contacted at once, as before);</li>
 * <li>after an attempt that fails, we stay quiet towards that peer for {@value #QUIET_AFTER_FAILURE_MS} ms (later
 * RENDEZVOUS are ignored), longer than Linux keeps an unanswered UDP entry (30 s): whatever stale entry a race left
 * on either router expires, and the next attempt starts clean. Our roots also introduce a pair only once traffic
 * went both ways (or one way for 3 s), so both ends know each other and punch together.</li>
 * </ol>
 * Birthday probing (for one side whose NAT gives each destination a random port, as {@code fully-random} does):
 * such a node (our surface port, as the roots see it, is none of our bound ports) opens up to
 * {@value #BIRTHDAY_SOCKETS} extra sockets and sends an opener from each to the peer's address, so its router holds
 * that many mappings with random ports. The other side (whose NAT keeps ports) then sends up to
 * {@value #PROBE_BUDGET} ECHOs to random ports of the peer's public IP, {@value #PROBES_PER_TICK} every
 * {@value #TICK_MS} ms; with 256 mappings among 64,512 ports, 1,024 probes find one with a probability of 98%. The
 * ECHO that lands is answered from that socket, and both sides learn the path as usual. Both sides symmetric: no
 * one probes, the traffic stays relayed. Every attempt is bounded ({@value #ATTEMPT_WINDOW_MS} ms), and attempts
 * that fail back off (doubling, up to 16 times the rendezvous interval); the relayed traffic is never touched.
 *
 * <p>Confined to the node's thread.
 */
public final class HolePunch {
    /** TTL of an opener: past our NAT router and one more hop, short of the peer's router. */
    public static final int OPENER_TTL = 2;
    /** When, after the RENDEZVOUS, the full contacts go to the peer's address. */
    static final long[] CONTACT_AT = {500, 1_500, 3_000};
    /** When birthday probing starts if there is still no direct path. */
    static final long PROBE_START_MS = 3_500;
    /** Probes per attempt. */
    public static final int PROBE_BUDGET = 1_024;
    static final int PROBES_PER_TICK = 16;
    public static final long TICK_MS = 50;
    /** Extra sockets a node behind a port-randomizing NAT opens per attempt. */
    public static final int BIRTHDAY_SOCKETS = 256;
    /** How long an attempt lasts (below the 30 s between two RENDEZVOUS of a pair). */
    public static final long ATTEMPT_WINDOW_MS = 25_000;
    /** Openers are sent again this often, so the routers' unanswered mappings (30 s on Linux) stay. */
    static final long OPENER_REFRESH_MS = 10_000;
    /** After a failed attempt, the next waits this long, doubled per failure up to {@link #MAX_BACKOFF_SHIFT}. */
    static final long RETRY_AFTER_FAILURE_MS = 30_000;
    /** After a failed attempt, RENDEZVOUS about that peer are ignored this long (see the class comment). */
    public static final long QUIET_AFTER_FAILURE_MS = 33_000;
    static final int MAX_BACKOFF_SHIFT = 4;
    private static final int FIRST_PORT = 1024, PORTS = 65536 - FIRST_PORT;
    private static final byte[] OPENER = {0x5a, 0x54, 0x4a, 0x21};

    private final NodeContext ctx;
    private final Sender sender;
    private final Supplier<List<Endpoint>> surface;
    private final Map<Address, Attempt> attempts = new HashMap<>();
    private final Map<Address, Backoff> backoff = new HashMap<>();
    /** Birthday sockets kept because a path uses them, by socket. */
    private final Map<Long, Peer> kept = new HashMap<>();
    /** RENDEZVOUS about peers whose identity is being looked up. */
    private final Map<Address, Pending> pending = new HashMap<>();
    private long lastTickMs;
    private long probesSent, openersSent;

    private static final class Attempt {
        final Peer peer;
        final Endpoint target;
        final long socket;
        final long startMs;
        final boolean probe;
        final List<Long> sockets = new ArrayList<>();
        final BitSet probed = new BitSet(PORTS);
        int contacts;
        int probes;
        long lastOpenersMs;

        Attempt(Peer peer, Endpoint target, long socket, long startMs, boolean probe) {
            this.peer = peer;
            this.target = target;
            this.socket = socket;
            this.startMs = startMs;
            this.probe = probe;
        }
    }

    private record Backoff(int failures, long notBeforeMs, long quietUntilMs) {}

    private record Pending(long socket, Endpoint at, long sinceMs) {}

    /** How long a RENDEZVOUS waits for its peer's identity. */
    static final long PENDING_TIMEOUT_MS = 3_000;

    /**
     * @param surface the addresses peers see us at (spec 02 §11.7), to tell whether our NAT keeps our ports
     */
    public HolePunch(NodeContext ctx, Sender sender, Supplier<List<Endpoint>> surface) {
        this.ctx = ctx;
        this.sender = sender;
        this.surface = surface;
    }

    /** A root says {@code peer} is at {@code at}: punch towards it (see the class comment). */
    public void rendezvous(Peer peer, long socket, Endpoint at, long now) {
        if (at.scope() != Endpoint.Scope.GLOBAL) {
            // no NAT router of the Internet in between: open and contact at once, as ZeroTier One does
            opener(PhysicalTransport.ANY_SOCKET, at);
            sender.contact(peer, PhysicalTransport.ANY_SOCKET, at, now);
            return;
        }
        Address a = peer.identity.address();
        Attempt running = attempts.get(a);
        if (running != null && running.target.equals(at)) return;
        Backoff b = backoff.get(a);
        if (running == null && b != null && now < b.quietUntilMs()) return;
        if (running != null) finish(running, false, now);
        b = backoff.get(a);
        boolean hard = behindPortTranslation(at);
        boolean backingOff = b != null && now < b.notBeforeMs();
        Attempt t = new Attempt(peer, at, socket, now, !hard && !backingOff);
        attempts.put(a, t);
        opener(PhysicalTransport.ANY_SOCKET, at);
        if (hard && !backingOff) {
            for (int i = 0; i < BIRTHDAY_SOCKETS; i++) {
                long s = ctx.transport.openProbeSocket();
                if (s == PhysicalTransport.ANY_SOCKET) break;
                t.sockets.add(s);
                opener(s, at);
            }
        }
        t.lastOpenersMs = now;
        lastTickMs = now;
    }

    /**
     * A RENDEZVOUS about a peer we do not know yet (its identity is being looked up): the punch starts as soon as it
     * is known, within {@link #PENDING_TIMEOUT_MS}.
     */
    public void rendezvousPending(Address peer, long socket, Endpoint at, long now) {
        if (pending.size() < 256) pending.put(peer, new Pending(socket, at, now));
        lastTickMs = now;
    }

    /**
     * An address a peer pushed (PUSH_DIRECT_PATHS): contacted at once unless it is of global scope, which only gets
     * an opener (a contact would reach the peer's router before its member has opened a mapping towards us).
     */
    public void pushed(Peer peer, Endpoint at, long now) {
        if (at.scope() != Endpoint.Scope.GLOBAL) sender.contact(peer, PhysicalTransport.ANY_SOCKET, at, now);
    }

    /** Runs the attempts' schedules. */
    public void tick(long now) {
        lastTickMs = now;
        for (Iterator<Map.Entry<Address, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Address, Pending> e = it.next();
            Peer peer = ctx.topology.peers.get(e.getKey());
            if (peer == null && now - e.getValue().sinceMs() < PENDING_TIMEOUT_MS) continue;
            it.remove();
            if (peer != null) rendezvous(peer, e.getValue().socket(), e.getValue().at(), now);
        }
        for (Iterator<Attempt> it = attempts.values().iterator(); it.hasNext(); ) {
            Attempt t = it.next();
            if (hasDirectPath(t.peer, now)) {
                it.remove();
                finish(t, true, now);
                continue;
            }
            if (now - t.startMs >= ATTEMPT_WINDOW_MS) {
                it.remove();
                finish(t, false, now);
                continue;
            }
            while (t.contacts < CONTACT_AT.length && now - t.startMs >= CONTACT_AT[t.contacts]) {
                t.contacts++;
                sender.contact(t.peer, PhysicalTransport.ANY_SOCKET, t.target, now);
            }
            if (!t.sockets.isEmpty() && now - t.lastOpenersMs >= OPENER_REFRESH_MS) {
                t.lastOpenersMs = now;
                for (long s : t.sockets) opener(s, t.target);
            }
            if (t.probe && now - t.startMs >= PROBE_START_MS) probe(t, now);
        }
        for (Iterator<Map.Entry<Long, Peer>> it = kept.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Peer> e = it.next();
            if (!usesSocket(e.getValue(), e.getKey(), now)) {
                ctx.transport.closeProbeSocket(e.getKey());
                it.remove();
            }
        }
    }

    /** When {@link #tick} must next run: soon while an attempt runs, else never. */
    public long nextDeadline() {
        if (!attempts.isEmpty() || !pending.isEmpty()) return lastTickMs + TICK_MS;
        return kept.isEmpty() ? Long.MAX_VALUE : lastTickMs + 30_000;
    }

    /** Probes sent so far (ECHOs to guessed ports). */
    public long probesSent() {
        return probesSent;
    }

    /** Openers sent so far (low-TTL junk). */
    public long openersSent() {
        return openersSent;
    }

    /** Attempts running now. */
    public int attemptsRunning() {
        return attempts.size();
    }

    /** Birthday sockets open now (of running attempts and kept for paths). */
    public int socketsOpen() {
        int n = kept.size();
        for (Attempt t : attempts.values()) n += t.sockets.size();
        return n;
    }

    private void probe(Attempt t, long now) {
        for (int i = 0; i < PROBES_PER_TICK && t.probes < PROBE_BUDGET; i++) {
            int port = FIRST_PORT + ctx.random.nextInt(PORTS);
            if (port == t.target.port() || t.probed.get(port - FIRST_PORT)) continue;
            t.probed.set(port - FIRST_PORT);
            t.probes++;
            probesSent++;
            sender.contact(t.peer, t.socket, Endpoint.of(t.target.ip(), port), now);
        }
    }

    private void finish(Attempt t, boolean success, long now) {
        for (long s : t.sockets) {
            if (success && usesSocket(t.peer, s, now)) kept.put(s, t.peer);
            else ctx.transport.closeProbeSocket(s);
        }
        Address a = t.peer.identity.address();
        if (success) {
            backoff.remove(a);
            return;
        }
        Backoff b = backoff.get(a);
        int failures = b == null ? 1 : b.failures() + 1;
        long probeAgain = b == null ? now : b.notBeforeMs();
        if (t.probe || !t.sockets.isEmpty()) probeAgain = now + (RETRY_AFTER_FAILURE_MS << Math.min(failures - 1, MAX_BACKOFF_SHIFT));
        backoff.put(a, new Backoff(failures, probeAgain, now + QUIET_AFTER_FAILURE_MS));
    }

    private static boolean usesSocket(Peer peer, long socket, long now) {
        for (Path p : peer.paths) if (p.localSocket == socket && !p.expired(now)) return true;
        return false;
    }

    private static boolean hasDirectPath(Peer peer, long now) {
        return peer.hasAlivePath(now);
    }

    /**
     * Whether our NAT changes our ports: some global surface address of the target's family has a port none of our
     * sockets is bound to (a port-preserving NAT, or none, shows our own port).
     */
    boolean behindPortTranslation(Endpoint towards) {
        Set<Integer> ports = new HashSet<>();
        for (Endpoint e : ctx.localAddresses) ports.add(e.port());
        if (ports.isEmpty()) return false;
        for (Endpoint s : surface.get()) {
            if (s.scope() == Endpoint.Scope.GLOBAL && s.isV4() == towards.isV4() && !ports.contains(s.port())) return true;
        }
        return false;
    }

    private void opener(long socket, Endpoint at) {
        openersSent++;
        ctx.transport.send(socket, at, OPENER, 0, OPENER.length, OPENER_TTL);
    }

    /** Starts afresh after a change of our network: attempts stop (their sockets close) and backoffs are forgotten. */
    public void reset() {
        for (Attempt t : attempts.values()) for (long s : t.sockets) ctx.transport.closeProbeSocket(s);
        attempts.clear();
        pending.clear();
        backoff.clear();
    }

    /** Closes every socket this opened (the node is going away). */
    public void close() {
        for (Attempt t : attempts.values()) for (long s : t.sockets) ctx.transport.closeProbeSocket(s);
        for (long s : kept.keySet()) ctx.transport.closeProbeSocket(s);
        attempts.clear();
        kept.clear();
    }
}
