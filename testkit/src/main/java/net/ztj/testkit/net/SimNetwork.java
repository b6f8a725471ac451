package net.ztj.testkit.net;

import net.ztj.core.wire.Endpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The simulated internet: hosts with public addresses, NAT boxes with hosts behind them, one-way latency and
 * optional random loss. Datagrams travel as events on the {@link SimClock}.
 *
 * <p>TTL model: leaving a NAT costs one hop and crossing the open network another, so a datagram sent with TTL 2
 * from behind a NAT opens the sender's mapping but never arrives (ZeroTier's hole-punching "junk" datagram).
 */
public final class SimNetwork {
    private final SimClock clock;
    private final long latencyMs;
    private final List<SimHost> hosts = new ArrayList<>();
    private final List<Nat> nats = new ArrayList<>();
    private final Random random;
    private double lossRate;
    private Tap tap;

    /** Sees every datagram put on the wire (before NAT translation), e.g. to capture packets in tests. */
    public interface Tap {
        void sent(Endpoint from, Endpoint to, byte[] data);
    }

    public void setTap(Tap tap) {
        this.tap = tap;
    }
    long nextSocketId = 1;
    private long delivered;
    private long dropped;

    public SimNetwork(SimClock clock, long latencyMs, long seed) {
        this.clock = clock;
        this.latencyMs = latencyMs;
        this.random = new Random(seed);
    }

    public SimClock clock() {
        return clock;
    }

    /** A host on the open network. */
    public SimHost addHost(String ip) {
        SimHost h = new SimHost(this, ip, null);
        hosts.add(h);
        return h;
    }

    public Nat addNat(String publicIp, NatType type, long mappingTimeoutMs) {
        Nat n = new Nat(this, publicIp, type, mappingTimeoutMs);
        nats.add(n);
        return n;
    }

    /** A host behind a NAT, with a private address. */
    public SimHost addHostBehind(Nat nat, String privateIp) {
        SimHost h = new SimHost(this, privateIp, nat);
        hosts.add(h);
        return h;
    }

    /** Fraction of datagrams lost at random (0 by default). */
    public void setLossRate(double lossRate) {
        this.lossRate = lossRate;
    }

    public long delivered() {
        return delivered;
    }

    public long dropped() {
        return dropped;
    }

    void transmit(SimSocket from, Endpoint to, byte[] data, int ttl) {
        SimHost src = from.host;
        if (!src.up) {
            dropped++;
            return;
        }
        Endpoint source = src.endpoint(from.port);
        if (tap != null) tap.sent(source, to, data);
        // same private network behind one NAT: delivered directly
        SimHost local = findHost(to.ip(), src.nat);
        if (src.nat != null && local != null) {
            schedule(local, to.port(), source, data);
            return;
        }
        if (src.nat != null) {
            source = src.nat.outbound(source, to, clock.nowMs());
            ttl--;
        }
        ttl--; // the open network
        if (ttl <= 0 || (lossRate > 0 && random.nextDouble() < lossRate)) {
            dropped++;
            return;
        }
        Endpoint origin = source;
        clock.after(latencyMs, () -> arriveFromOutside(origin, to, data));
    }

    private void arriveFromOutside(Endpoint source, Endpoint to, byte[] data) {
        for (Nat n : nats) {
            if (Arrays.equals(n.publicIp, to.ip())) {
                Endpoint inside = n.inbound(to.port(), source, clock.nowMs());
                if (inside == null) {
                    dropped++;
                    return;
                }
                SimHost h = findHost(inside.ip(), n);
                deliverNow(h, inside.port(), source, data);
                return;
            }
        }
        deliverNow(findHost(to.ip(), null), to.port(), source, data);
    }

    private void schedule(SimHost h, int port, Endpoint source, byte[] data) {
        clock.after(latencyMs, () -> deliverNow(h, port, source, data));
    }

    private void deliverNow(SimHost h, int port, Endpoint source, byte[] data) {
        SimSocket s = h == null || !h.up ? null : h.sockets.get(port);
        if (s == null || s.receiver == null) {
            dropped++;
            return;
        }
        delivered++;
        s.receiver.receive(s, source, data);
    }

    private SimHost findHost(byte[] ip, Nat behind) {
        for (SimHost h : hosts) if (h.nat == behind && Arrays.equals(h.ip, ip)) return h;
        return null;
    }
}
