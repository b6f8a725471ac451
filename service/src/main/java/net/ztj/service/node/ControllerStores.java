package net.ztj.service.node;

import net.ztj.controller.store.ControllerStore;
import net.ztj.controller.store.PostgresControllerStore;
import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.controller.store.StoreException;
import net.ztj.service.config.ControllerDb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** Opens the controller's database that local.conf names (SQLite in {@code <home>/controller.d} by default). */
public final class ControllerStores {
    private ControllerStores() {}

    /**
     * @param home the home folder: relative paths in the settings are taken from it
     * @throws StoreException when the database cannot be opened, with a one-line message naming it (never its
     *                        password)
     */
    public static ControllerStore open(ControllerDb db, Path home) {
        return switch (db) {
            case ControllerDb.Sqlite s -> {
                Path dir = sqliteDirectory(s, home);
                try {
                    yield SqliteControllerStore.open(dir);
                } catch (StoreException e) {
                    throw failure(dir.toString(), e);
                }
            }
            case ControllerDb.Postgres p -> {
                String password = p.password().orElse(null);
                if (p.passwordFile().isPresent()) {
                    Path file = home.resolve(p.passwordFile().get());
                    try {
                        password = Files.readString(file, StandardCharsets.UTF_8).strip();
                    } catch (IOException e) {
                        throw new StoreException("cannot open the controller database " + p.displayUrl()
                                + ": cannot read the password file " + file + " (" + e + ")", e);
                    }
                }
                try {
                    yield PostgresControllerStore.open(p.url(), p.user().orElse(null), password);
                } catch (StoreException e) {
                    throw failure(p.displayUrl(), e);
                }
            }
        };
    }

    /**
     * The store a starting node uses: as {@link #open}, except that a SQLite database that does not exist yet (a
     * root, an ordinary member, a controller before its first network) is opened, and so created, only when a
     * network is first written to it: until then reads answer as an empty database does and nothing is loaded.
     *
     * @throws StoreException as {@link #open}, for a database that exists (or PostgreSQL)
     */
    public static ControllerStore openWhenNeeded(ControllerDb db, Path home) {
        if (db instanceof ControllerDb.Sqlite s && !sqliteExists(s, home)) {
            return new DeferredControllerStore(() -> open(db, home));
        }
        return open(db, home);
    }

    /** Whether the SQLite database local.conf names exists (it has been written to, it may serve networks). */
    public static boolean sqliteExists(ControllerDb.Sqlite db, Path home) {
        return Files.exists(sqliteDirectory(db, home).resolve(SqliteControllerStore.FILE_NAME));
    }

    private static Path sqliteDirectory(ControllerDb.Sqlite s, Path home) {
        return s.directory().map(home::resolve).orElse(home.resolve("controller.d"));
    }

    private static StoreException failure(String where, StoreException e) {
        String why = e.getCause() instanceof SQLException sql ? sql.getMessage() : e.getMessage();
        return new StoreException("cannot open the controller database " + where + ": " + why, e);
    }
}
