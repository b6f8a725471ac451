package net.ztj.controller.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A store in a PostgreSQL database that several controller instances may share (e.g. for fail-over). Every
 * operation is one transaction; writes are row-level, revision-checked upserts, so concurrent instances never lose
 * each other's changes. Schema creation and migration are serialized by a transaction-scoped advisory lock.
 */
public final class PostgresControllerStore extends JdbcControllerStore {
    /** Key of the advisory lock held while creating or migrating the schema ("ZTJC"). */
    private static final long SCHEMA_LOCK_KEY = 0x5A544A43L;

    private PostgresControllerStore(ConnectionSource source) {
        super(source);
    }

    /**
     * Connects to {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db}) and creates or migrates the schema.
     *
     * @param user     null to use the URL's or the driver's default
     * @param password null for none
     */
    public static PostgresControllerStore open(String jdbcUrl, String user, String password) {
        Properties props = new Properties();
        if (user != null) props.setProperty("user", user);
        if (password != null) props.setProperty("password", password);
        props.setProperty("ApplicationName", "ztj-controller");
        return new PostgresControllerStore(() -> {
            Connection c = DriverManager.getConnection(jdbcUrl, props);
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
            }
            return c;
        });
    }

    @Override
    void lockSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK_KEY + ")");
        }
    }

    @Override
    String shareLockSuffix() {
        return " FOR SHARE";
    }

    @Override
    boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state); // serialization failure, deadlock
    }
}
