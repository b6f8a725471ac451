package net.ztj.service.node;

import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.store.ChangeListener;
import net.ztj.controller.store.ControllerStore;
import net.ztj.controller.store.NoSuchNetworkException;
import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.controller.store.StoreException;
import net.ztj.service.config.ControllerDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node without a controller database reads an empty one and creates nothing until a network is written; then the
 * real SQLite store is opened (and created), with the listeners added before, and a restart opens it at once.
 */
class DeferredControllerStoreTest {
    private static final String NWID = "8056c2e21c00abcd";
    private static final ControllerDb SQLITE = new ControllerDb.Sqlite(Optional.empty());

    @TempDir
    Path home;

    private Path dbFile() {
        return home.resolve("controller.d").resolve(SqliteControllerStore.FILE_NAME);
    }

    @Test
    void readsAnswerAsAnEmptyDatabaseAndCreateNothing() {
        try (ControllerStore store = ControllerStores.openWhenNeeded(SQLITE, home)) {
            DeferredControllerStore deferred = assertInstanceOf(DeferredControllerStore.class, store);
            assertEquals(List.of(), store.networks());
            assertEquals(Optional.empty(), store.network(NWID));
            assertEquals(Optional.empty(), store.member(NWID, "0123456789"));
            assertEquals(List.of(), store.members(NWID));
            assertEquals(List.of(), store.activeBridges(NWID));
            assertFalse(store.ipAssignedToOther(NWID, "10.0.0.1", "0123456789"));
            assertEquals(Optional.empty(), store.deleteMember(NWID, "0123456789"));
            assertEquals(Optional.empty(), store.deleteNetwork(NWID));
            assertThrows(NoSuchNetworkException.class,
                    () -> store.saveMember(MemberRecord.newMember(NWID, "0123456789", 1000)));
            assertThrows(NoSuchNetworkException.class, () -> store.updateMember(NWID, "0123456789",
                    m -> m.orElseGet(() -> MemberRecord.newMember(NWID, "0123456789", 1000))));
            assertFalse(deferred.isOpen());
            assertFalse(Files.exists(home.resolve("controller.d")), "nothing created");
        }
        assertFalse(Files.exists(home.resolve("controller.d")), "nor when closed");
    }

    @Test
    void theFirstNetworkOpensTheDatabaseWithTheListenersAddedBefore() {
        List<String> changed = new ArrayList<>();
        ChangeListener listener = new ChangeListener() {
            @Override
            public void networkChanged(NetworkRecord before, NetworkRecord after) {
                changed.add(after.id());
            }

            @Override
            public void memberChanged(MemberRecord before, MemberRecord after) {
                changed.add(after.address());
            }
        };
        ChangeListener removed = new ChangeListener() {
            @Override
            public void networkChanged(NetworkRecord before, NetworkRecord after) {
                changed.add("removed listener heard it");
            }
        };
        try (ControllerStore store = ControllerStores.openWhenNeeded(SQLITE, home)) {
            store.addListener(listener);
            store.addListener(removed);
            store.removeListener(removed);
            store.saveNetwork(NetworkRecord.newNetwork(NWID, 1000));
            assertTrue(((DeferredControllerStore) store).isOpen());
            assertTrue(Files.isRegularFile(dbFile()));
            store.saveMember(MemberRecord.newMember(NWID, "0123456789", 2000));
            assertEquals(List.of(NWID), store.networks().stream().map(NetworkRecord::id).toList());
            assertEquals(1, store.members(NWID).size());
        }
        assertEquals(List.of(NWID, "0123456789"), changed);
        try (ControllerStore store = ControllerStores.openWhenNeeded(SQLITE, home)) {
            assertInstanceOf(SqliteControllerStore.class, store, "a database that exists is opened at start");
            assertEquals(List.of(NWID), store.networks().stream().map(NetworkRecord::id).toList());
        }
    }

    @Test
    void aStoreThatCannotBeOpenedFailsTheWriteAndIsTriedAgain() throws Exception {
        Files.writeString(home.resolve("controller.d"), "a file where the directory belongs");
        try (ControllerStore store = ControllerStores.openWhenNeeded(SQLITE, home)) {
            assertThrows(StoreException.class, () -> store.saveNetwork(NetworkRecord.newNetwork(NWID, 1000)));
            assertEquals(List.of(), store.networks());
            Files.delete(home.resolve("controller.d"));
            store.saveNetwork(NetworkRecord.newNetwork(NWID, 1000));
            assertEquals(1, store.networks().size());
        }
    }

    @Test
    void aClosedStoreOpensNothing() {
        ControllerStore store = ControllerStores.openWhenNeeded(SQLITE, home);
        store.close();
        assertThrows(StoreException.class, () -> store.saveNetwork(NetworkRecord.newNetwork(NWID, 1000)));
        assertFalse(Files.exists(home.resolve("controller.d")));
    }
}
