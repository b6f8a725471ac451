package net.ztj.core.node.multicast;

import net.ztj.core.identity.Address;
import net.ztj.core.network.addressing.MulticastGroup;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The multicast directory (spec 03 §6): which nodes subscribe to which group of which network, learned from LIKEs
 * and gather replies and forgotten 600 s after their last LIKE; and the multicasts waiting for more recipients to be
 * learned (at most 32 per group, each for 5 s).
 */
public final class Multicaster {
    public static final long LIKE_EXPIRE_MS = 600_000;
    public static final long TRANSMIT_TIMEOUT_MS = 5_000;
    public static final long EXPLICIT_GATHER_SPACING_MS = 60_000;
    public static final int MAX_PENDING_PER_GROUP = 32;
    public static final int MAX_GATHER_RECIPIENTS = 16;

    public record Key(long networkId, MulticastGroup group) {}

    /** A multicast still looking for recipients: the packet payload template and who already got it. */
    public static final class Pending {
        final long createdMs;
        final int limit;
        final Address origin;
        final Set<Address> sentTo = new HashSet<>();
        final PendingSend send;

        Pending(long createdMs, int limit, Address origin, PendingSend send) {
            this.createdMs = createdMs;
            this.limit = limit;
            this.origin = origin;
            this.send = send;
        }
    }

    /** Sends a waiting multicast to one more member. */
    @FunctionalInterface
    public interface PendingSend {
        void to(Address member, long now);
    }

    public static final class Group {
        final LinkedHashMap<Address, Long> members = new LinkedHashMap<>();
        final ArrayDeque<Pending> pending = new ArrayDeque<>();
        long lastExplicitGatherMs = Long.MIN_VALUE / 2;
    }

    private final Map<Key, Group> groups = new HashMap<>();

    public Group group(long networkId, MulticastGroup g) {
        return groups.computeIfAbsent(new Key(networkId, g), k -> new Group());
    }

    public Group existing(long networkId, MulticastGroup g) {
        return groups.get(new Key(networkId, g));
    }

    /** Records (or refreshes) a subscriber; a queued multicast goes to it at once if it still needs recipients. */
    public void add(long networkId, MulticastGroup g, Address member, long now) {
        Group grp = group(networkId, g);
        grp.members.put(member, now);
        for (Iterator<Pending> it = grp.pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (member.equals(p.origin) || p.sentTo.contains(member)) continue;
            p.sentTo.add(member);
            p.send.to(member, now);
            if (p.sentTo.size() >= p.limit) it.remove();
        }
    }

    public void remove(long networkId, MulticastGroup g, Address member) {
        Group grp = groups.get(new Key(networkId, g));
        if (grp != null) grp.members.remove(member);
    }

    public int known(long networkId, MulticastGroup g) {
        Group grp = groups.get(new Key(networkId, g));
        return grp == null ? 0 : grp.members.size();
    }

    /** The known members of a group in random order. */
    public List<Address> shuffledMembers(long networkId, MulticastGroup g, RandomGenerator random) {
        Group grp = groups.get(new Key(networkId, g));
        if (grp == null || grp.members.isEmpty()) return List.of();
        List<Address> out = new ArrayList<>(grp.members.keySet());
        Collections.shuffle(out, random);
        return out;
    }

    /**
     * The addresses a gather answer lists (spec 03 §6.3): ourselves first if we subscribe, then known members in
     * random order without the requester, up to {@code limit}.
     */
    public Gathered gather(Address self, boolean weSubscribe, long networkId, MulticastGroup g, Address requester,
                    long limit, RandomGenerator random) {
        long cap = Math.min(limit, 65535);
        List<Address> out = new ArrayList<>();
        if (weSubscribe && cap > 0) out.add(self);
        for (Address a : shuffledMembers(networkId, g, random)) {
            if (out.size() >= cap || out.size() >= 1000) break; // 1000 × 5 bytes keeps the reply in one packet
            if (a.equals(requester) || a.equals(self)) continue;
            out.add(a);
        }
        return new Gathered(known(networkId, g) + (weSubscribe ? 1 : 0), out);
    }

    public record Gathered(long totalKnown, List<Address> members) {}

    /** Queues a multicast that did not reach enough members yet; the oldest goes when 32 wait. */
    public void queue(long networkId, MulticastGroup g, Pending p) {
        Group grp = group(networkId, g);
        if (grp.pending.size() >= MAX_PENDING_PER_GROUP) grp.pending.pollFirst();
        grp.pending.addLast(p);
    }

    public void forgetNetwork(long networkId) {
        groups.keySet().removeIf(k -> k.networkId() == networkId);
    }

    /** Drops subscribers not heard from for 600 s and multicasts older than 5 s. */
    public void expire(long now) {
        for (Iterator<Group> it = groups.values().iterator(); it.hasNext(); ) {
            Group grp = it.next();
            grp.members.values().removeIf(t -> now - t >= LIKE_EXPIRE_MS);
            grp.pending.removeIf(p -> now - p.createdMs >= TRANSMIT_TIMEOUT_MS);
            if (grp.members.isEmpty() && grp.pending.isEmpty() && now - grp.lastExplicitGatherMs > EXPLICIT_GATHER_SPACING_MS) {
                it.remove();
            }
        }
    }
}
