package net.ztj.controller.store;

import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;

/**
 * Told about every committed change made through a store, so the controller can push new configurations to
 * members (spec 04 §10). Called after the commit on the thread that made the change; {@code before} is null for a
 * created record, {@code after} null for a deleted one. Saves that change nothing are not reported. Deleting a
 * network reports the network only, not each of its members. Listeners must be quick and must not throw.
 */
public interface ChangeListener {
    default void networkChanged(NetworkRecord before, NetworkRecord after) {}

    default void memberChanged(MemberRecord before, MemberRecord after) {}
}
