package net.ztj.controller.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteControllerStoreTest extends ControllerStoreContract {
    @TempDir
    Path home;

    @Override
    ControllerStore openStorage() {
        return SqliteControllerStore.open(home.resolve("controller.d"));
    }

    @Test
    void usesOneWalFileInAnOwnerOnlyDirectory() throws Exception {
        open().close();
        Path dir = home.resolve("controller.d");
        assertTrue(Files.isRegularFile(dir.resolve(SqliteControllerStore.FILE_NAME)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteControllerStore.FILE_NAME));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            assertTrue(rs.next());
            assertEquals("wal", rs.getString(1));
        }
        assertTrue(Files.notExists(home.resolve("controller.db")));
    }

    @Test
    void refusesASchemaNewerThanItKnows() throws Exception {
        open().close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
                + home.resolve("controller.d").resolve(SqliteControllerStore.FILE_NAME));
             Statement s = c.createStatement()) {
            s.execute("UPDATE ztj_schema SET version = 99");
        }
        StoreException e = assertThrows(StoreException.class, this::open);
        assertTrue(e.getMessage().contains("99"), e.getMessage());
    }

    @Test
    void migratesASchemaOneDatabaseIndexingItsMembers() throws Exception {
        Path dir = Files.createDirectories(home.resolve("controller.d"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteControllerStore.FILE_NAME));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ztj_schema (version INTEGER NOT NULL)");
            s.execute("INSERT INTO ztj_schema (version) VALUES (1)");
            s.execute("CREATE TABLE ztj_network (id TEXT PRIMARY KEY, revision BIGINT NOT NULL, doc TEXT NOT NULL)");
            s.execute("CREATE TABLE ztj_member (nwid TEXT NOT NULL REFERENCES ztj_network (id) ON DELETE CASCADE,"
                    + " id TEXT NOT NULL, revision BIGINT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (nwid, id))");
            s.execute("INSERT INTO ztj_network VALUES ('" + NWID + "', 1, '" + network(NWID, "a").withRevision(1).toJsonText() + "')");
            s.execute("INSERT INTO ztj_member VALUES ('" + NWID + "', 'aaaaaaaaaa', 1, '"
                    + member(NWID, "aaaaaaaaaa", true, "10.0.0.1").withRevision(1).toJsonText() + "')");
        }
        ControllerStore store = open();
        assertEquals(java.util.List.of("aaaaaaaaaa"), store.activeBridges(NWID));
        assertTrue(store.ipAssignedToOther(NWID, "10.0.0.1", "bbbbbbbbbb"));
        assertEquals("10.0.0.1", store.member(NWID, "aaaaaaaaaa").orElseThrow().ipAssignments().get(0));
    }
}
