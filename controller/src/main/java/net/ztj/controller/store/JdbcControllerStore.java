package net.ztj.controller.store;

import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.model.RecordJson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The {@link ControllerStore} contract over one JDBC connection, in SQL that SQLite and PostgreSQL both speak.
 * Each record is a JSON document (compact, sorted keys: the API's output) in a text column beside its indexed
 * IDs and revision; a member's active-bridge flag and IP assignments are also kept in indexed form, written in the
 * same transaction as its document. Writes are optimistic: read, compute, then insert-if-absent or update-if-revision-unchanged;
 * when another writer got there first nothing is written and the step is retried, so concurrent controllers on
 * one database never lose each other's changes. Within this process one lock serializes use of the connection.
 */
abstract class JdbcControllerStore implements ControllerStore {
    /**
     * Schema versions in order; version n is reached by running {@code MIGRATIONS[n - 1]}. Version 2 adds what a
     * configuration request asks of all members (spec 04 §6–§7): the active-bridge flag as a column and every
     * member's IP assignments as rows, so a request reads neither every member nor their documents.
     */
    private static final String[][] MIGRATIONS = {{
            "CREATE TABLE ztj_network (id TEXT PRIMARY KEY, revision BIGINT NOT NULL, doc TEXT NOT NULL)",
            "CREATE TABLE ztj_member (nwid TEXT NOT NULL REFERENCES ztj_network (id) ON DELETE CASCADE,"
                    + " id TEXT NOT NULL, revision BIGINT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (nwid, id))",
    }, {
            "ALTER TABLE ztj_member ADD COLUMN active_bridge BOOLEAN NOT NULL DEFAULT FALSE",
            "CREATE TABLE ztj_member_ip (nwid TEXT NOT NULL, ip TEXT NOT NULL, member TEXT NOT NULL,"
                    + " PRIMARY KEY (nwid, ip, member),"
                    + " FOREIGN KEY (nwid, member) REFERENCES ztj_member (nwid, id) ON DELETE CASCADE)",
            "CREATE INDEX ztj_member_ip_member ON ztj_member_ip (nwid, member)",
            "CREATE INDEX ztj_member_active_bridge ON ztj_member (nwid, id) WHERE active_bridge",
    }};
    private static final int MAX_ATTEMPTS = 100;

    private final ConnectionSource source;
    private Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private boolean closed;

    /** Raised inside a transaction when another writer changed the row first; the transaction is retried. */
    static final class Conflict extends Exception {
        Conflict() {
            super(null, null, false, false);
        }
    }

    /** Opens a configured connection; called again after the connection was lost (e.g. a database restart). */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException, Conflict;
    }

    JdbcControllerStore(ConnectionSource source) {
        this.source = source;
        try {
            connect();
        } catch (SQLException e) {
            throw new StoreException("cannot open the controller database: " + e.getMessage(), e);
        }
        try {
            transaction(this::migrate);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void connect() throws SQLException {
        connection = source.open();
        connection.setAutoCommit(manualTransactions());
    }

    /** After a failure: when the connection itself is gone, replaces it and returns true (worth one retry). */
    private boolean reconnectIfLost() {
        try {
            if (connection.isValid(2)) return false;
        } catch (SQLException e) {
            // treat as lost
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already broken
        }
        try {
            connect();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * True when {@link #begin} opens transactions with SQL of its own ({@code BEGIN IMMEDIATE}) and commits and
     * rollbacks are statements too; false to use JDBC's non-auto-commit mode.
     */
    boolean manualTransactions() {
        return false;
    }

    /** Starts a transaction when {@link #manualTransactions()} is true. */
    void begin(Connection c) throws SQLException {}

    /** Serializes schema migration between processes sharing the database, until the transaction ends. */
    abstract void lockSchema(Connection c) throws SQLException;

    /** Appended to the SELECT of a network row that a member write depends on (keeps it from being deleted). */
    abstract String shareLockSuffix();

    /** True for failures worth retrying the whole transaction for (deadlock, serialization, busy). */
    abstract boolean isTransient(SQLException e);

    private Void migrate(Connection c) throws SQLException {
        lockSchema(c);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS ztj_schema (version INTEGER NOT NULL)");
            int version = 0;
            try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM ztj_schema")) {
                if (rs.next()) version = rs.getInt(1);
            }
            if (version > MIGRATIONS.length) {
                throw new StoreException("the controller database has schema version " + version
                        + ", newer than this build understands (" + MIGRATIONS.length + ")");
            }
            for (int v = version; v < MIGRATIONS.length; v++) {
                for (String ddl : MIGRATIONS[v]) s.execute(ddl);
                if (v == 1) indexExistingMembers(c);
            }
            if (version < MIGRATIONS.length) {
                s.execute("DELETE FROM ztj_schema");
                s.execute("INSERT INTO ztj_schema (version) VALUES (" + MIGRATIONS.length + ")");
            }
        }
        return null;
    }

    @Override
    public Optional<NetworkRecord> network(String nwid) {
        return Optional.ofNullable(transaction(c -> selectNetwork(c, key(nwid))));
    }

    @Override
    public List<NetworkRecord> networks() {
        return transaction(c -> {
            List<NetworkRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT doc FROM ztj_network ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(NetworkRecord.fromJson(RecordJson.parse(rs.getString(1))));
            }
            return out;
        });
    }

    @Override
    public Optional<NetworkRecord> createNetwork(NetworkRecord network) {
        NetworkRecord created = transaction(c -> {
            NetworkRecord toWrite = network.withRevision(network.revision() + 1);
            return insert(c, "INSERT INTO ztj_network (id, revision, doc) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    toWrite.toJsonText(), toWrite.revision(), key(network.id())) ? toWrite : null;
        });
        if (created != null) listeners.forEach(l -> l.networkChanged(null, created));
        return Optional.ofNullable(created);
    }

    @Override
    public SaveResult<NetworkRecord> saveNetwork(NetworkRecord network) {
        return updateNetwork(network.id(), stored -> network);
    }

    @Override
    public SaveResult<NetworkRecord> updateNetwork(String nwid,
                                                   Function<Optional<NetworkRecord>, NetworkRecord> change) {
        String key = key(nwid);
        SaveResult<NetworkRecord> result = transaction(c -> {
            NetworkRecord stored = selectNetwork(c, key);
            NetworkRecord next = change.apply(Optional.ofNullable(stored));
            if (!key(next.id()).equals(key)) {
                throw new IllegalArgumentException("network " + next.id() + " saved as " + nwid);
            }
            if (stored != null && sameContent(stored.withRevision(0).toJsonText(), next.withRevision(0).toJsonText())) {
                return new SaveResult<>(stored, stored, false);
            }
            NetworkRecord toWrite = next.withRevision(nextRevision(stored == null ? null : stored.revision(),
                    next.revision()));
            if (stored == null) {
                if (!insert(c, "INSERT INTO ztj_network (id, revision, doc) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        toWrite.toJsonText(), toWrite.revision(), key)) throw new Conflict();
            } else if (!update(c, "UPDATE ztj_network SET revision = ?, doc = ? WHERE id = ? AND revision = ?",
                    toWrite.revision(), toWrite.toJsonText(), stored.revision(), key)) {
                throw new Conflict();
            }
            return new SaveResult<>(stored, toWrite, true);
        });
        if (result.changed()) listeners.forEach(l -> l.networkChanged(result.previous(), result.current()));
        return result;
    }

    @Override
    public Optional<NetworkRecord> deleteNetwork(String nwid) {
        NetworkRecord deleted = transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM ztj_network WHERE id = ? RETURNING doc")) {
                ps.setString(1, key(nwid));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? NetworkRecord.fromJson(RecordJson.parse(rs.getString(1))) : null;
                }
            }
        });
        if (deleted != null) listeners.forEach(l -> l.networkChanged(deleted, null));
        return Optional.ofNullable(deleted);
    }

    /** Migration to version 2: fills the new column and table from the member documents already stored. */
    private static void indexExistingMembers(Connection c) throws SQLException {
        List<MemberRecord> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT doc FROM ztj_member"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) all.add(MemberRecord.fromJson(RecordJson.parse(rs.getString(1))));
        }
        for (MemberRecord m : all) indexMember(c, m.networkKey(), m.key(), m, false);
    }

    /** Keeps the active-bridge column and the IP rows of one member equal to its document. */
    private static void indexMember(Connection c, String nwidKey, String addressKey, MemberRecord m, boolean wasIndexed)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ztj_member SET active_bridge = ? WHERE nwid = ? AND id = ?")) {
            ps.setBoolean(1, m.activeBridge());
            ps.setString(2, nwidKey);
            ps.setString(3, addressKey);
            ps.executeUpdate();
        }
        if (wasIndexed) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM ztj_member_ip WHERE nwid = ? AND member = ?")) {
                ps.setString(1, nwidKey);
                ps.setString(2, addressKey);
                ps.executeUpdate();
            }
        }
        Set<String> ips = new LinkedHashSet<>(m.ipAssignments());
        if (ips.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ztj_member_ip (nwid, ip, member) VALUES (?, ?, ?)")) {
            for (String ip : ips) {
                ps.setString(1, nwidKey);
                ps.setString(2, ip);
                ps.setString(3, addressKey);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public List<String> activeBridges(String nwid) {
        return transaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM ztj_member WHERE nwid = ? AND active_bridge ORDER BY id")) {
                ps.setString(1, key(nwid));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @Override
    public boolean ipAssignedToOther(String nwid, String ip, String address) {
        return transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM ztj_member_ip WHERE nwid = ? AND ip = ? AND member <> ? LIMIT 1")) {
                ps.setString(1, key(nwid));
                ps.setString(2, ip);
                ps.setString(3, key(address));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public Optional<MemberRecord> member(String nwid, String address) {
        return Optional.ofNullable(transaction(c -> selectMember(c, key(nwid), key(address))));
    }

    @Override
    public List<MemberRecord> members(String nwid) {
        return transaction(c -> {
            List<MemberRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT doc FROM ztj_member WHERE nwid = ? ORDER BY id")) {
                ps.setString(1, key(nwid));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(MemberRecord.fromJson(RecordJson.parse(rs.getString(1))));
                }
            }
            return out;
        });
    }

    @Override
    public SaveResult<MemberRecord> saveMember(MemberRecord member) {
        return updateMember(member.nwid(), member.address(), stored -> member);
    }

    @Override
    public SaveResult<MemberRecord> updateMember(String nwid, String address,
                                                 Function<Optional<MemberRecord>, MemberRecord> change) {
        String nk = key(nwid);
        String ak = key(address);
        SaveResult<MemberRecord> result = transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM ztj_network WHERE id = ?" + shareLockSuffix())) {
                ps.setString(1, nk);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new NoSuchNetworkException(nwid);
                }
            }
            MemberRecord stored = selectMember(c, nk, ak);
            MemberRecord next = change.apply(Optional.ofNullable(stored));
            if (!next.networkKey().equals(nk) || !next.key().equals(ak)) {
                throw new IllegalArgumentException("member " + next.nwid() + "/" + next.address()
                        + " saved as " + nwid + "/" + address);
            }
            if (stored != null && sameContent(stored.withRevision(0).toJsonText(), next.withRevision(0).toJsonText())) {
                return new SaveResult<>(stored, stored, false);
            }
            MemberRecord toWrite = next.withRevision(nextRevision(stored == null ? null : stored.revision(),
                    next.revision()));
            if (stored == null) {
                if (!insert(c, "INSERT INTO ztj_member (nwid, id, revision, doc) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING", toWrite.toJsonText(), toWrite.revision(), nk, ak)) {
                    throw new Conflict();
                }
            } else if (!update(c, "UPDATE ztj_member SET revision = ?, doc = ? WHERE nwid = ? AND id = ?"
                    + " AND revision = ?", toWrite.revision(), toWrite.toJsonText(), stored.revision(), nk, ak)) {
                throw new Conflict();
            }
            indexMember(c, nk, ak, toWrite, stored != null);
            return new SaveResult<>(stored, toWrite, true);
        });
        if (result.changed()) listeners.forEach(l -> l.memberChanged(result.previous(), result.current()));
        return result;
    }

    @Override
    public Optional<MemberRecord> deleteMember(String nwid, String address) {
        MemberRecord deleted = transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM ztj_member WHERE nwid = ? AND id = ? RETURNING doc")) {
                ps.setString(1, key(nwid));
                ps.setString(2, key(address));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? MemberRecord.fromJson(RecordJson.parse(rs.getString(1))) : null;
                }
            }
        });
        if (deleted != null) listeners.forEach(l -> l.memberChanged(deleted, null));
        return Optional.ofNullable(deleted);
    }

    @Override
    public void addListener(ChangeListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(ChangeListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("closing the controller database failed", e);
        } finally {
            lock.unlock();
        }
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    private static boolean sameContent(String a, String b) {
        return a.equals(b);
    }

    private static long nextRevision(Long stored, long given) {
        return (stored == null ? given : Math.max(stored, given)) + 1;
    }

    private static NetworkRecord selectNetwork(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT doc FROM ztj_network WHERE id = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? NetworkRecord.fromJson(RecordJson.parse(rs.getString(1))) : null;
            }
        }
    }

    private static MemberRecord selectMember(Connection c, String nwidKey, String addressKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT doc FROM ztj_member WHERE nwid = ? AND id = ?")) {
            ps.setString(1, nwidKey);
            ps.setString(2, addressKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? MemberRecord.fromJson(RecordJson.parse(rs.getString(1))) : null;
            }
        }
    }

    /** Runs an insert whose keys come last and whose doc and revision come after them; true if a row was added. */
    private static boolean insert(Connection c, String sql, String doc, long revision, String... keys)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String k : keys) ps.setString(i++, k);
            ps.setLong(i++, revision);
            ps.setString(i, doc);
            return ps.executeUpdate() == 1;
        }
    }

    /** Runs {@code SET revision = ?, doc = ? WHERE <keys> AND revision = ?}; true if the row was updated. */
    private static boolean update(Connection c, String sql, long revision, String doc, long expectedRevision,
                                  String... keys) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, revision);
            ps.setString(i++, doc);
            for (String k : keys) ps.setString(i++, k);
            ps.setLong(i, expectedRevision);
            return ps.executeUpdate() == 1;
        }
    }

    /** Runs {@code work} in one transaction on the store's connection (retried on conflicts); package-visible for tests. */
    <T> T transaction(Work<T> work) {
        lock.lock();
        try {
            if (closed) throw new StoreException("the controller store is closed");
            SQLException last = null;
            boolean reconnected = false;
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                try {
                    begin(connection);
                    T result = work.run(connection);
                    if (manualTransactions()) {
                        try (Statement s = connection.createStatement()) {
                            s.execute("COMMIT");
                        }
                    } else {
                        connection.commit();
                    }
                    return result;
                } catch (Conflict e) {
                    rollbackQuietly();
                    backOff(attempt);
                } catch (SQLException e) {
                    rollbackQuietly();
                    if (!isTransient(e)) {
                        if (reconnected || !reconnectIfLost()) {
                            throw new StoreException("controller database: " + e.getMessage(), e);
                        }
                        reconnected = true;
                    }
                    last = e;
                    backOff(attempt);
                } catch (RuntimeException e) {
                    rollbackQuietly();
                    throw e;
                }
            }
            throw new StoreException("controller database: gave up after " + MAX_ATTEMPTS + " conflicting attempts",
                    last);
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps a random time growing with the attempt number, so that conflicting writers spread out. */
    private static void backOff(int attempt) {
        if (attempt == 0) return;
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L + Math.min(attempt, 20) * 5L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a conflicting write");
        }
    }

    private void rollbackQuietly() {
        try {
            if (!manualTransactions()) {
                connection.rollback();
            } else {
                try (Statement s = connection.createStatement()) {
                    s.execute("ROLLBACK");
                }
            }
        } catch (SQLException ignored) {
            // no transaction was open, or the connection is broken and its next use reports it
        }
    }
}
