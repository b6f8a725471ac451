package net.ztj.service.node;

import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.store.ControllerStore;
import net.ztj.controller.store.PostgresControllerStore;
import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.controller.store.StoreException;
import net.ztj.service.config.ControllerDb;
import net.ztj.service.config.LocalConfLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The daemon opens the controller database local.conf names: SQLite in controller.d unless PostgreSQL is chosen. */
class ControllerStoresTest {
    private static final String PG_URL = setting("ZTJ_TEST_PG_URL");
    private static final String PG_USER = setting("ZTJ_TEST_PG_USER");
    private static final String PG_PASSWORD = setting("ZTJ_TEST_PG_PASSWORD");
    private static final String NWID = "8056c2e21c00abcd";

    @TempDir
    Path home;

    private static String setting(String name) {
        String v = System.getProperty(name);
        return v != null && !v.isBlank() ? v : System.getenv(name);
    }

    private static ControllerDb fromLocalConf(String settings) throws Exception {
        return LocalConfLoader.parse("{\"settings\":" + settings + "}", w -> {}).settings().controllerDb();
    }

    @Test
    void sqliteInControllerDByDefault() throws Exception {
        try (ControllerStore store = ControllerStores.open(fromLocalConf("{}"), home)) {
            assertInstanceOf(SqliteControllerStore.class, store);
        }
        assertTrue(Files.isRegularFile(home.resolve("controller.d").resolve(SqliteControllerStore.FILE_NAME)));
        try (ControllerStore store = ControllerStores.open(fromLocalConf("{\"controllerDbPath\":\"elsewhere\"}"), home)) {
            assertInstanceOf(SqliteControllerStore.class, store);
        }
        assertTrue(Files.isRegularFile(home.resolve("elsewhere").resolve(SqliteControllerStore.FILE_NAME)));
    }

    @Test
    void postgresWhenLocalConfChoosesIt() throws Exception {
        assumeTrue(PG_URL != null && !PG_URL.isBlank(), "PostgreSQL part skipped: ZTJ_TEST_PG_URL is not set (run "
                + "scripts/test.sh as root to start a test server, or set ZTJ_TEST_PG_URL/_USER/_PASSWORD)");
        Files.writeString(home.resolve("controller.pw"), PG_PASSWORD + "\n");
        ControllerDb db = fromLocalConf("{\"controllerDb\":{\"type\":\"postgres\",\"url\":\"" + PG_URL
                + "\",\"user\":\"" + PG_USER + "\",\"passwordFile\":\"controller.pw\"}}");
        try (ControllerStore store = ControllerStores.open(db, home)) {
            assertInstanceOf(PostgresControllerStore.class, store);
            store.deleteNetwork(NWID);
            store.saveNetwork(NetworkRecord.newNetwork(NWID, 1000));
        }
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement s = c.createStatement()) {
            assertTrue(s.executeQuery("SELECT 1 FROM ztj_network WHERE id = '" + NWID + "'").next(),
                    "the network was written to the PostgreSQL database");
            s.execute("DELETE FROM ztj_network WHERE id = '" + NWID + "'");
        }
        assertFalse(Files.exists(home.resolve("controller.d")), "no SQLite file beside it");
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsOneClearLine() {
        StoreException e = assertThrows(StoreException.class, () -> ControllerStores.open(new ControllerDb.Postgres(
                "jdbc:postgresql://127.0.0.1:1/nothing?password=leak&connectTimeout=2", Optional.of("u"),
                Optional.of("secret"), Optional.empty()), home));
        assertTrue(e.getMessage().startsWith("cannot open the controller database jdbc:postgresql://127.0.0.1:1/nothing: "),
                e.getMessage());
        assertFalse(e.getMessage().contains("leak") || e.getMessage().contains("secret"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());

        StoreException noFile = assertThrows(StoreException.class, () -> ControllerStores.open(new ControllerDb.Postgres(
                "jdbc:postgresql://127.0.0.1:1/nothing", Optional.empty(), Optional.empty(), Optional.of("missing.pw")),
                home));
        assertTrue(noFile.getMessage().contains("cannot read the password file"), noFile.getMessage());
    }
}
