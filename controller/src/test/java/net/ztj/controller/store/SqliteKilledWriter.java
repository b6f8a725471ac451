package net.ztj.controller.store;

import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;

import java.nio.file.Path;

/**
 * Child process of {@link SqliteProcessKillTest}: saves members in a loop into the store in {@code args[0]} and prints
 * each member's address once its save has returned, until it is killed.
 */
public final class SqliteKilledWriter {
    private SqliteKilledWriter() {}

    public static void main(String[] args) {
        SqliteControllerStore store = SqliteControllerStore.open(Path.of(args[0]));
        store.saveNetwork(NetworkRecord.newNetwork(ControllerStoreContract.NWID, 1));
        for (long i = 1; ; i++) {
            String address = String.format("%010x", i);
            store.saveMember(MemberRecord.newMember(ControllerStoreContract.NWID, address, i).withAuthorized(true));
            System.out.println(address);
            System.out.flush();
        }
    }
}
