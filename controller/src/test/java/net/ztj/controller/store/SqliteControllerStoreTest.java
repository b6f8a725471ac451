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
}
