package net.ztj.service.node;

import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.store.ChangeListener;
import net.ztj.controller.store.ControllerStore;
import net.ztj.controller.store.SaveResult;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A controller store that is slow on demand, as a remote database can be: while {@link #delayMs} is set every call
 * sleeps that long, and while {@link #gate} is set every call waits until it is opened. Each slow call is logged as
 * {@code store-start} and {@code store-end} in the shared event log. The records live in the wrapped store.
 */
final class SlowControllerStore implements ControllerStore {
    private final ControllerStore stored;
    private final Queue<String> events;
    volatile long delayMs;
    volatile CountDownLatch gate;
    /** Counted down when a slow call starts. */
    volatile CountDownLatch slowCallStarted = new CountDownLatch(1);

    SlowControllerStore(ControllerStore stored, Queue<String> events) {
        this.stored = stored;
        this.events = events;
    }

    private <T> T call(Supplier<T> work) {
        long delay = delayMs;
        CountDownLatch g = gate;
        if (delay == 0 && g == null) return work.get();
        events.add("store-start");
        slowCallStarted.countDown();
        try {
            if (delay > 0) Thread.sleep(delay);
            if (g != null) g.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            return work.get();
        } finally {
            events.add("store-end");
        }
    }

    @Override
    public Optional<NetworkRecord> network(String nwid) {
        return call(() -> stored.network(nwid));
    }

    @Override
    public List<NetworkRecord> networks() {
        return call(stored::networks);
    }

    @Override
    public Optional<NetworkRecord> createNetwork(NetworkRecord network) {
        return call(() -> stored.createNetwork(network));
    }

    @Override
    public SaveResult<NetworkRecord> saveNetwork(NetworkRecord network) {
        return call(() -> stored.saveNetwork(network));
    }

    @Override
    public SaveResult<NetworkRecord> updateNetwork(String nwid, Function<Optional<NetworkRecord>, NetworkRecord> change) {
        return call(() -> stored.updateNetwork(nwid, change));
    }

    @Override
    public Optional<NetworkRecord> deleteNetwork(String nwid) {
        return call(() -> stored.deleteNetwork(nwid));
    }

    @Override
    public Optional<MemberRecord> member(String nwid, String address) {
        return call(() -> stored.member(nwid, address));
    }

    @Override
    public List<MemberRecord> members(String nwid) {
        return call(() -> stored.members(nwid));
    }

    @Override
    public List<String> activeBridges(String nwid) {
        return call(() -> stored.activeBridges(nwid));
    }

    @Override
    public boolean ipAssignedToOther(String nwid, String ip, String address) {
        return call(() -> stored.ipAssignedToOther(nwid, ip, address));
    }

    @Override
    public SaveResult<MemberRecord> saveMember(MemberRecord member) {
        return call(() -> stored.saveMember(member));
    }

    @Override
    public SaveResult<MemberRecord> updateMember(String nwid, String address,
                                                 Function<Optional<MemberRecord>, MemberRecord> change) {
        return call(() -> stored.updateMember(nwid, address, change));
    }

    @Override
    public Optional<MemberRecord> deleteMember(String nwid, String address) {
        return call(() -> stored.deleteMember(nwid, address));
    }

    @Override
    public void addListener(ChangeListener listener) {
        stored.addListener(listener);
    }

    @Override
    public void removeListener(ChangeListener listener) {
        stored.removeListener(listener);
    }

    @Override
    public void close() {
        stored.close();
    }
}
