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

    @Override
    public Optional<NetworkRecord> network(String nwid) {
        ControllerStore s = opened;
        return s == null ? Optional.empty() : s.network(nwid);
    }

    @Override
    public List<NetworkRecord> networks() {
        ControllerStore s = opened;
        return s == null ? List.of() : s.networks();
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
        ControllerStore s = opened;
        return s == null ? Optional.empty() : s.deleteNetwork(nwid);
    }

    @Override
    public Optional<MemberRecord> member(String nwid, String address) {
        ControllerStore s = opened;
        return s == null ? Optional.empty() : s.member(nwid, address);
    }

    @Override
    public List<MemberRecord> members(String nwid) {
        ControllerStore s = opened;
        return s == null ? List.of() : s.members(nwid);
    }

    @Override
    public List<String> activeBridges(String nwid) {
        ControllerStore s = opened;
        return s == null ? List.of() : s.activeBridges(nwid);
    }

    @Override
    public boolean ipAssignedToOther(String nwid, String ip, String address) {
        ControllerStore s = opened;
        return s != null && s.ipAssignedToOther(nwid, ip, address);
    }

    @Override
    public SaveResult<MemberRecord> saveMember(MemberRecord member) {
        ControllerStore s = opened;
        if (s == null) throw new NoSuchNetworkException(member.nwid()); // a member needs its network: none yet
        return s.saveMember(member);
    }

    @Override
    public SaveResult<MemberRecord> updateMember(String nwid, String address,
                                                 Function<Optional<MemberRecord>, MemberRecord> change) {
        ControllerStore s = opened;
        if (s == null) throw new NoSuchNetworkException(nwid);
        return s.updateMember(nwid, address, change);
    }

    @Override
    public Optional<MemberRecord> deleteMember(String nwid, String address) {
        ControllerStore s = opened;
        return s == null ? Optional.empty() : s.deleteMember(nwid, address);
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
