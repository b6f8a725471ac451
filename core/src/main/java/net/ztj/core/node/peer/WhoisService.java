package net.ztj.core.node.peer;

import net.ztj.core.node.DropReason;
import net.ztj.core.identity.Address;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.PacketHeader;
import net.ztj.core.wire.Verb;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Identities we are waiting for (spec 02 §11.8): WHOIS to the best upstream at most every 500 ms per address,
 * outbound messages and inbound packets held for up to 5 s until the identity arrives.
 */
public final class WhoisService {
    /** An application message for a peer whose identity is not known yet. */
    public record PendingSend(Verb verb, byte[] payload, long queuedMs) {}

    /** A received packet from an unknown sender, kept for a retry. */
    public record PendingPacket(long localSocket, Endpoint from, byte[] packet, long receivedMs) {}

    private static final class Pending {
        long lastWhoisMs = Long.MIN_VALUE / 2;
        final ArrayDeque<PendingSend> sends = new ArrayDeque<>();
    }

    private final NodeContext ctx;
    private final Sender sender;
    private final Map<Address, Pending> pending = new HashMap<>();
    private final ArrayDeque<PendingPacket> packets = new ArrayDeque<>();

    public WhoisService(NodeContext ctx, Sender sender) {
        this.ctx = ctx;
        this.sender = sender;
    }

    /** Asks for an identity (rate limited) and optionally queues a message for when it arrives. */
    public void request(Address a, PendingSend send, long now) {
        Pending p = pending.computeIfAbsent(a, k -> new Pending());
        if (send != null) {
            if (p.sends.size() >= Timing.TX_QUEUE_PER_PEER) p.sends.pollFirst();
            p.sends.addLast(send);
        }
        if (now - p.lastWhoisMs >= Timing.WHOIS_RETRY_DELAY) {
            p.lastWhoisMs = now;
            Peer up = sender.bestUpstream(now, a);
            if (up != null) sender.send(up, Verb.WHOIS, new ByteWriter(5).u40(a.value()).toByteArray(), now);
        }
    }

    /** Holds a packet from an unknown sender and asks who it is. */
    public void holdPacket(Address source, long socket, Endpoint from, byte[] packet, long now) {
        if (packets.size() >= Timing.RX_QUEUE_TOTAL) {
            packets.pollFirst();
            ctx.drop(DropReason.UNKNOWN_PEER);
        }
        packets.addLast(new PendingPacket(socket, from, packet, now));
        request(source, null, now);
    }

    public boolean waitingFor(Address a) {
        return pending.containsKey(a);
    }

    /** The identity arrived: returns the queued sends and the held packets from that address. */
    public Released release(Address a) {
        Pending p = pending.remove(a);
        List<PendingPacket> held = new ArrayList<>();
        for (Iterator<PendingPacket> it = packets.iterator(); it.hasNext(); ) {
            PendingPacket pp = it.next();
            if (Address.fromBytes(pp.packet(), PacketHeader.IDX_SOURCE).equals(a)) {
                held.add(pp);
                it.remove();
            }
        }
        return new Released(p == null ? List.of() : List.copyOf(p.sends), held);
    }

    public record Released(List<PendingSend> sends, List<PendingPacket> packets) {}

    /** Retries WHOIS and expires what waited too long. */
    public void tick(long now) {
        while (!packets.isEmpty() && now - packets.peekFirst().receivedMs() > Timing.QUEUE_TIMEOUT) {
            packets.pollFirst();
            ctx.drop(DropReason.UNKNOWN_PEER);
        }
        for (Iterator<Map.Entry<Address, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Address, Pending> e = it.next();
            Pending p = e.getValue();
            p.sends.removeIf(s -> now - s.queuedMs() > Timing.QUEUE_TIMEOUT);
            boolean packetsWaiting = packets.stream().anyMatch(pp -> Address.fromBytes(pp.packet(), PacketHeader.IDX_SOURCE).equals(e.getKey()));
            if (p.sends.isEmpty() && !packetsWaiting && now - p.lastWhoisMs > Timing.QUEUE_TIMEOUT) {
                it.remove();
            } else if (now - p.lastWhoisMs >= Timing.WHOIS_RETRY_DELAY) {
                p.lastWhoisMs = now;
                Peer up = sender.bestUpstream(now, e.getKey());
                if (up != null) sender.send(up, Verb.WHOIS, new ByteWriter(5).u40(e.getKey().value()).toByteArray(), now);
            }
        }
    }

    /** The next time {@link #tick} has work, or Long.MAX_VALUE. */
    public long nextDeadline() {
        if (pending.isEmpty() && packets.isEmpty()) return Long.MAX_VALUE;
        long d = Long.MAX_VALUE;
        for (Pending p : pending.values()) d = Math.min(d, p.lastWhoisMs + Timing.WHOIS_RETRY_DELAY);
        if (!packets.isEmpty()) d = Math.min(d, packets.peekFirst().receivedMs() + Timing.QUEUE_TIMEOUT);
        return d;
    }
}
