package net.ztj.service.node;

import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.store.ChangeListener;
import net.ztj.controller.store.ControllerStore;
import net.ztj.controller.store.NoSuchNetworkException;
import net.ztj.controller.store.SaveResult;
import net.ztj.controller.store.StoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The controller's store of a node that serves no network yet: no database exists, so every read answers what an
 * empty one would (no networks, no members; a member written to a network that does not exist is refused as the
 * real store refuses it) without creating or loading anything, and the first network written (created through the
 * API) opens the real store, which creates the database. A root or an ordinary member thus
 * never loads SQLite (its native library and schema cost 0.2-0.3 s at start), and a node that starts serving
 * networks later does so without a restart. Listeners added before the store is opened are handed to it when it
 * is. Thread-safe: the API's threads and the controller's thread use it at once.
 */
final class DeferredControllerStore implements ControllerStore {
    private final Supplier<ControllerStore> opener;
    private final List<ChangeListener> listeners = new ArrayList<>(); // guarded by this, until opened
    private volatile ControllerStore opened;
    private boolean closed; // guarded by this

    /** @param opener opens (creating) the real store; it may throw {@link StoreException}, and is asked again then */
    DeferredControllerStore(Supplier<ControllerStore> opener) {
        this.opener = opener;
    }

    /** Whether the real store has been opened. */
    boolean isOpen() {
        return opened != null;
    }

    /** The real store, opened now if it was not. */
    private ControllerStore open() {
        ControllerStore s = opened;
        if (s != null) return s;
        synchronized (this) {
            if (opened != null) return opened;
            if (closed) throw new StoreException("the controller's store is closed");
            s = opener.get();
            for (ChangeListener l : listeners) s.addListener(l);
            listeners.clear();
            opened = s;
            return s;
        }
    }

    /** What the real store answers to {@code read}, or {@code none}, an empty database's answer, while it is not open. */
    private <T> T ifOpen(Function<ControllerStore, T> read, T none) {
        ControllerStore s = opened;
        return s == null ? none : read.apply(s);
    }

    /** The real store for a write to a network's members; none is open, so that network does not exist. */
    private ControllerStore openedFor(String nwid) {
        ControllerStore s = opened;
        if (s == null) throw new NoSuchNetworkException(nwid); // a member needs its network: none yet
        return s;
    }

    @Override
    public Optional<NetworkRecord> network(String nwid) {
        return ifOpen(s -> s.network(nwid), Optional.empty());
    }

    @Override
    public List<NetworkRecord> networks() {
        return ifOpen(ControllerStore::networks, List.of());
    }

    @Override
    public Optional<NetworkRecord> createNetwork(NetworkRecord network) {
        return open().createNetwork(network);
    }

    @Override
    public SaveResult<NetworkRecord> saveNetwork(NetworkRecord network) {
        return open().saveNetwork(network);
    }

    @Override
    public SaveResult<NetworkRecord> updateNetwork(String nwid, Function<Optional<NetworkRecord>, NetworkRecord> change) {
        return open().updateNetwork(nwid, change);
    }

    @Override
    public Optional<NetworkRecord> deleteNetwork(String nwid) {
        return ifOpen(s -> s.deleteNetwork(nwid), Optional.empty());
    }

    @Override
    public Optional<MemberRecord> member(String nwid, String address) {
        return ifOpen(s -> s.member(nwid, address), Optional.empty());
    }

    @Override
    public List<MemberRecord> members(String nwid) {
        return ifOpen(s -> s.members(nwid), List.of());
    }

    @Override
    public List<String> activeBridges(String nwid) {
        return ifOpen(s -> s.activeBridges(nwid), List.of());
    }

    @Override
    public boolean ipAssignedToOther(String nwid, String ip, String address) {
        return ifOpen(s -> s.ipAssignedToOther(nwid, ip, address), false);
    }

    @Override
    public SaveResult<MemberRecord> saveMember(MemberRecord member) {
        return openedFor(member.nwid()).saveMember(member);
    }

    @Override
    public SaveResult<MemberRecord> updateMember(String nwid, String address,
                                                 Function<Optional<MemberRecord>, MemberRecord> change) {
        return openedFor(nwid).updateMember(nwid, address, change);
    }

    @Override
    public Optional<MemberRecord> deleteMember(String nwid, String address) {
        return ifOpen(s -> s.deleteMember(nwid, address), Optional.empty());
    }

    @Override
    public void addListener(ChangeListener listener) {
        synchronized (this) {
            if (opened == null) {
                listeners.add(listener);
                return;
            }
        }
        opened.addListener(listener);
    }

    @Override
    public void removeListener(ChangeListener listener) {
        synchronized (this) {
            if (opened == null) {
                listeners.remove(listener);
                return;
            }
        }
        opened.removeListener(listener);
    }

    @Override
    public void close() {
        ControllerStore s;
        synchronized (this) {
            closed = true;
            s = opened;
        }
        if (s != null) s.close();
    }
}
