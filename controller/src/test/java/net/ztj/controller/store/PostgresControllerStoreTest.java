package net.ztj.controller.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The store contract against a real PostgreSQL server given by ZTJ_TEST_PG_URL, ZTJ_TEST_PG_USER and
 * ZTJ_TEST_PG_PASSWORD (environment or system properties; scripts/test.sh starts one when run as root). Without
 * them every test is reported as skipped, never as passed.
 */
class PostgresControllerStoreTest extends ControllerStoreContract {
    private static final String URL = setting("ZTJ_TEST_PG_URL");
    private static final String USER = setting("ZTJ_TEST_PG_USER");
    private static final String PASSWORD = setting("ZTJ_TEST_PG_PASSWORD");

    private static String setting(String name) {
        String v = System.getProperty(name);
        return v != null && !v.isBlank() ? v : System.getenv(name);
    }

    @BeforeEach
    void emptyDatabase() throws Exception {
        assumeTrue(URL != null && !URL.isBlank(), "PostgreSQL storage tests skipped: ZTJ_TEST_PG_URL is not set "
                + "(run scripts/test.sh as root to start a test server, or point ZTJ_TEST_PG_URL/_USER/_PASSWORD "
                + "at an empty database)");
        PostgresControllerStore.open(URL, USER, PASSWORD).close(); // creates the schema
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DELETE FROM ztj_member");
            s.execute("DELETE FROM ztj_network");
        }
    }

    @Test
    void survivesLosingItsConnection() throws Exception {
        ControllerStore store = open();
        store.saveNetwork(network(NWID, "before"));
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = 'ztj-controller' AND datname = current_database()");
        }
        assertEquals("before", store.network(NWID).orElseThrow().name());
        assertEquals(2, store.saveNetwork(network(NWID, "after").withRevision(1)).current().revision());
    }

    @Override
    ControllerStore openStorage() {
        return PostgresControllerStore.open(URL, USER, PASSWORD);
    }
}
