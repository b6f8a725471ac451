package net.ztj.service.config;

import java.util.Optional;

/**
 * Where the embedded controller keeps its networks and members (spec 04 §1, §15; local.conf
 * {@code settings.controllerDb} or {@code settings.controllerDbPath}, spec 05 §4.4). SQLite in the home folder is the
 * default; PostgreSQL lets several controller instances share one database.
 */
public sealed interface ControllerDb {
    /** The default: {@code <home>/controller.d}. */
    ControllerDb DEFAULT = new Sqlite(Optional.empty());

    /**
     * One SQLite file in a directory of its own.
     *
     * @param directory as written in local.conf, relative paths taken from the home folder; empty for
     *                  {@code <home>/controller.d}
     */
    record Sqlite(Optional<String> directory) implements ControllerDb {}

    /**
     * A PostgreSQL database.
     *
     * @param url          {@code jdbc:postgresql://host:port/db}
     * @param user         empty for the URL's or the driver's default
     * @param password     given in local.conf itself (visible in /config; prefer {@code passwordFile})
     * @param passwordFile a file holding the password (trailing line break ignored), relative paths taken from the
     *                     home folder; read when the database is opened
     */
    record Postgres(String url, Optional<String> user, Optional<String> password, Optional<String> passwordFile)
            implements ControllerDb {
        /** The URL without its query string, which may carry credentials: safe for messages. */
        public String displayUrl() {
            int q = url.indexOf('?');
            return q < 0 ? url : url.substring(0, q);
        }
    }
}
