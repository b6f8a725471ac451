package net.ztj.controller.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.sqlite.SQLiteConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The default store: one SQLite file, {@value #FILE_NAME}, in a directory of its own (normally
 * {@code <home>/controller.d}; never a {@code controller.db} in the home, which makes ZeroTier One refuse to
 * start). WAL journal with {@code synchronous=FULL}, so a save that returned survives a crash or power loss.
 */
public final class SqliteControllerStore extends JdbcControllerStore {
    public static final String FILE_NAME = "ztj-controller.sqlite";
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private SqliteControllerStore(ConnectionSource source) {
        super(source);
    }

    /**
     * Opens (creating or migrating as needed) the store in {@code directory}, creating the directory with
     * owner-only permissions when missing.
     */
    public static SqliteControllerStore open(Path directory) {
        try {
            createOwnerOnly(directory.toAbsolutePath());
        } catch (IOException e) {
            throw new StoreException("cannot create " + directory, e);
        }
        Path file = directory.resolve(FILE_NAME);
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        return new SqliteControllerStore(() -> {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.enforceForeignKeys(true);
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            return config.createConnection(url);
        });
    }

    /**
     * Loads SQLite's native library (the driver unpacks and loads it on its first connection, about 0.1 s), so that a
     * starting service can do it beside other work before it {@link #open}s the store. Idempotent; a failure is left
     * for {@link #open} to report.
     */
    public static void loadDriver() {
        try {
            org.sqlite.SQLiteJDBCLoader.initialize();
        } catch (Exception e) {
            // open() meets the same failure and reports it with the store's path
        }
    }

    /**
     * Every transaction takes the write lock when it begins ({@code BEGIN IMMEDIATE}), so a read-then-write step
     * never fails half-way because another connection wrote in between: it waits (busy timeout) instead.
     */
    @Override
    boolean manualTransactions() {
        return true;
    }

    @Override
    void begin(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
    }

    @Override
    void lockSchema(Connection c) {
        // the first write of the migration takes SQLite's database-wide write lock
    }

    @Override
    String shareLockSuffix() {
        return "";
    }

    @Override
    boolean isTransient(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == 5 || code == 6; // SQLITE_BUSY, SQLITE_LOCKED
    }

    /** Creates the missing folders of {@code dir}, each 0700: set after creation, so the umask does not decide. */
    private static void createOwnerOnly(Path dir) throws IOException {
        java.util.ArrayDeque<Path> missing = new java.util.ArrayDeque<>();
        for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) missing.push(p);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (Files.isDirectory(p)) continue; // made meanwhile by someone else: keep theirs
                throw e;
            }
            if (posix) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
