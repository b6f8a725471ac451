package net.ztj.controller.engine;

import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.store.ChangeListener;
import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.addressing.NetworkId;
import net.ztj.core.network.credentials.CredentialType;
import net.ztj.core.network.credentials.Revocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.random.RandomGenerator;

/**
 * What the controller pushes after a change (spec 04 §10): it remembers, per authorized member, the identity and
 * request metadata of its last genuine request; a changed network or member is re-issued to the members that asked
 * within the last 120 s, and a member losing its authorization (or deleted, or its network deleted) is revoked at
 * every online member of the network.
 *
 * <p>Threads: the store's listener methods run on whatever thread changed the store and only enqueue; everything
 * else runs on the controller's thread.
 */
final class MemberPushes implements ChangeListener {
    static final long ONLINE_MS = 120_000;

    record Remembered(Identity identity, byte[] metadata, long lastRequestMs) {}

    private sealed interface Change permits NetworkChange, MemberChange {}

    private record NetworkChange(String nwid, boolean deleted) implements Change {}

    private record MemberChange(MemberRecord before, MemberRecord after) implements Change {}

    /** What the drain decided: configurations to re-issue and revocations to send. */
    record Work(List<Remembered> reissue, List<Long> reissueNetworks, List<Address> revokeTargets,
                List<Long> revokeNetworks) {}

    private final Queue<Change> changes = new ConcurrentLinkedQueue<>();
    private final Map<Long, Map<Address, Remembered>> byNetwork = new HashMap<>();

    @Override
    public void networkChanged(NetworkRecord before, NetworkRecord after) {
        changes.add(new NetworkChange(after != null ? after.id() : before.id(), after == null));
    }

    @Override
    public void memberChanged(MemberRecord before, MemberRecord after) {
        changes.add(new MemberChange(before, after));
    }

    /** Something every member's configuration depends on changed in the network: re-issue to all online ones. */
    void networkTouched(String nwid) {
        changes.add(new NetworkChange(nwid, false));
    }

    /** A genuine request was answered with a configuration. */
    void issued(long networkId, Identity member, byte[] metadata, long now) {
        byNetwork.computeIfAbsent(networkId, k -> new HashMap<>())
                .put(member.address(), new Remembered(member, metadata, now));
    }

    private List<Address> online(long networkId, long now) {
        List<Address> out = new ArrayList<>();
        Map<Address, Remembered> m = byNetwork.get(networkId);
        if (m == null) return out;
        for (Remembered r : m.values()) if (now - r.lastRequestMs() < ONLINE_MS) out.add(r.identity().address());
        return out;
    }

    /**
     * Turns the queued changes into pushes. {@code reissue} runs the request pipeline for one member (packet ID 0),
     * {@code revocation} signs a revocation of one member; both are supplied by the controller.
     */
    List<net.ztj.core.node.LocalController.Push> drain(long now, Reissue reissue, RandomGenerator random,
                                                       java.util.function.UnaryOperator<Revocation> sign) {
        List<net.ztj.core.node.LocalController.Push> out = new ArrayList<>();
        Change c;
        while ((c = changes.poll()) != null) {
            switch (c) {
                case NetworkChange n -> {
                    long networkId = Long.parseUnsignedLong(n.nwid(), 16);
                    Map<Address, Remembered> m = byNetwork.get(networkId);
                    if (m == null) continue;
                    if (n.deleted()) {
                        List<Address> to = online(networkId, now);
                        for (Address target : List.copyOf(m.keySet())) {
                            out.add(revoke(networkId, target, to, now, random, sign));
                        }
                        byNetwork.remove(networkId);
                    } else {
                        for (Remembered r : List.copyOf(m.values())) {
                            if (now - r.lastRequestMs() < ONLINE_MS) reissue.run(networkId, r, out);
                        }
                    }
                }
                case MemberChange mc -> {
                    MemberRecord any = mc.after() != null ? mc.after() : mc.before();
                    long networkId = Long.parseUnsignedLong(any.nwid(), 16);
                    Address target = new Address(Long.parseUnsignedLong(any.address(), 16));
                    boolean wasAuthorized = mc.before() != null && mc.before().authorized();
                    boolean isAuthorized = mc.after() != null && mc.after().authorized();
                    Map<Address, Remembered> m = byNetwork.get(networkId);
                    if (wasAuthorized && !isAuthorized) {
                        List<Address> to = online(networkId, now);
                        if (!to.contains(target)) to.add(target);
                        out.add(revoke(networkId, target, to, now, random, sign));
                        if (m != null) m.remove(target);
                        continue;
                    }
                    Remembered r = m == null ? null : m.get(target);
                    if (r != null && isAuthorized && now - r.lastRequestMs() < ONLINE_MS) reissue.run(networkId, r, out);
                }
            }
        }
        return out;
    }

    private static net.ztj.core.node.LocalController.Push revoke(long networkId, Address target, List<Address> to,
                                                                 long now, RandomGenerator random,
                                                                 java.util.function.UnaryOperator<Revocation> sign) {
        Revocation r = Revocation.create(random.nextInt() & 0xffffffffL, new NetworkId(networkId), 0, now,
                Revocation.FLAG_FAST_PROPAGATE, target, CredentialType.COM);
        return new net.ztj.core.node.LocalController.RevocationPush(List.copyOf(to), sign.apply(r));
    }

    /** Re-runs the request pipeline for a remembered member and adds the resulting push, if any. */
    @FunctionalInterface
    interface Reissue {
        void run(long networkId, Remembered member, List<net.ztj.core.node.LocalController.Push> out);
    }

    void forgetExpired(long now) {
        for (Iterator<Map<Address, Remembered>> it = byNetwork.values().iterator(); it.hasNext(); ) {
            Map<Address, Remembered> m = it.next();
            m.values().removeIf(r -> now - r.lastRequestMs() > 10 * ONLINE_MS);
            if (m.isEmpty()) it.remove();
        }
    }
}
