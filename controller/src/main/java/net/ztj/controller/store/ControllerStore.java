package net.ztj.controller.store;

import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Durable storage of the controller's networks and their members.
 *
 * <p>Contract, shared by every implementation and checked by the storage contract tests:
 * <ul>
 * <li>Records are keyed by lowercase network ID and lowercase member address; lookups ignore letter case, and a
 *     record keeps the {@code id}/{@code nwid} text it was saved with (spec 04 §16.6).</li>
 * <li>Revisions (spec 04 §9.2): a save compares the new record with the stored one ignoring {@code revision};
 *     if they differ it is written with revision = max(stored, given) + 1 (a new record: given + 1, so 1 for a
 *     fresh record), otherwise nothing is written. Revisions of a record only ever grow.</li>
 * <li>Every write is atomic and durable when the method returns: after a crash a record is either the one
 *     returned or an older one, never a torn mixture.</li>
 * <li>{@code update*} methods read, apply the given function and write in one step: a concurrent writer (another
 *     thread or, for shared databases, another controller process) never has its change lost. The function may be
 *     called more than once when a conflict forces a retry, so it must be free of side effects.</li>
 * <li>Members exist only within a stored network: writing a member of a missing network throws
 *     {@link NoSuchNetworkException}; deleting a network deletes its members.</li>
 * <li>Listings are ordered by ID. Listeners (see {@link ChangeListener}) hear about changes made through this
 *     instance only.</li>
 * <li>Failures of the storage itself are {@link StoreException}s.</li>
 * </ul>
 */
public interface ControllerStore extends AutoCloseable {

    Optional<NetworkRecord> network(String nwid);

    /** All networks, ordered by ID. */
    List<NetworkRecord> networks();

    /**
     * Stores {@code network} only if no network with its ID exists (network ID allocation, spec 04 §9.1).
     *
     * @return the stored record (revision given + 1), or empty when the ID is taken
     */
    Optional<NetworkRecord> createNetwork(NetworkRecord network);

    /** Creates or replaces a network, bumping its revision when it changed. */
    SaveResult<NetworkRecord> saveNetwork(NetworkRecord network);

    /**
     * Atomically replaces the network {@code nwid} with {@code change} applied to what is stored (empty when
     * there is none); the result is saved as by {@link #saveNetwork}.
     */
    SaveResult<NetworkRecord> updateNetwork(String nwid, Function<Optional<NetworkRecord>, NetworkRecord> change);

    /** Deletes a network and all its members; returns the deleted network. */
    Optional<NetworkRecord> deleteNetwork(String nwid);

    Optional<MemberRecord> member(String nwid, String address);

    /** The members of one network, ordered by address; empty when the network does not exist. */
    List<MemberRecord> members(String nwid);

    /**
     * The lowercase addresses of the network's members whose {@code activeBridge} is set, in order; read on every
     * configuration request (spec 04 §7), so without reading every member.
     */
    List<String> activeBridges(String nwid);

    /**
     * Whether a member of the network other than {@code address} has {@code ip} (text as in its
     * {@code ipAssignments}) assigned: the pool assignment's "already taken" test (spec 04 §6.4), one address at a
     * time so that a request does not read every member.
     */
    boolean ipAssignedToOther(String nwid, String ip, String address);

    /**
     * Creates or replaces a member, bumping its revision when it changed.
     *
     * @throws NoSuchNetworkException when its network is not stored
     */
    SaveResult<MemberRecord> saveMember(MemberRecord member);

    /**
     * Atomically replaces the member with {@code change} applied to what is stored (empty when there is none);
     * saved as by {@link #saveMember}. The result must keep the same network ID and address.
     *
     * @throws NoSuchNetworkException when the network is not stored
     */
    SaveResult<MemberRecord> updateMember(String nwid, String address,
                                          Function<Optional<MemberRecord>, MemberRecord> change);

    /** Deletes one member; returns it. */
    Optional<MemberRecord> deleteMember(String nwid, String address);

    void addListener(ChangeListener listener);

    void removeListener(ChangeListener listener);

    /** Releases the database; later calls fail with {@link StoreException}. */
    @Override
    void close();
}
