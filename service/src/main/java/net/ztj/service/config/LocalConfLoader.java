package net.ztj.service.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.core.wire.Endpoint;
import net.ztj.service.json.JsonText;
import net.ztj.service.json.JsonValues;
import net.ztj.transport.udp.InetEndpoints;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Reads local.conf once and binds its {@code settings} (spec 05 §4.1, §4.4).
 *
 * <p>A file that is not JSON, or whose root is not an object, is refused ({@link LocalConfException}): the service
 * stops. Values are read as leniently as the reference reads them, so a local.conf that ZeroTier One accepts starts
 * this service the same way; a value the reference would silently misread or ignore (a port written as
 * {@code "abc"}, an object where a flag belongs, an unparsable address) is still read the same way, but named in a
 * warning, because ill-typed settings should not pass unnoticed. Unknown keys are kept (the reference keeps them
 * and reports them in /status) but also named in a warning, so a misspelt setting does not go unnoticed either.
 * The controller's database ({@code controllerDb}, {@code controllerDbPath}) is the exception: a value that does not
 * name a usable database is refused, because reading it leniently would run the controller on another database.
 */
public final class LocalConfLoader {
    private final Consumer<String> warnings;

    private LocalConfLoader(Consumer<String> warnings) {
        this.warnings = warnings;
    }

    /**
     * Loads the file; a missing, unreadable or empty file is no configuration.
     *
     * @param warnings receives one line per ill-typed setting
     * @throws LocalConfException if the content is not a JSON object
     */
    public static LocalConf load(Path file, Consumer<String> warnings) throws LocalConfException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return LocalConf.none();
        } catch (IOException | SecurityException e) {
            return LocalConf.none();
        }
        if (bytes.length == 0) return LocalConf.none();
        return parse(new String(bytes, StandardCharsets.UTF_8), warnings);
    }

    /** Parses local.conf text (not empty). */
    public static LocalConf parse(String text, Consumer<String> warnings) throws LocalConfException {
        JsonNode root;
        try {
            root = JsonText.parse(text);
        } catch (JsonText.SyntaxException e) {
            throw new LocalConfException("invalid JSON");
        }
        if (!(root instanceof ObjectNode document)) throw new LocalConfException("root element is not a JSON object");
        JsonNode settings = document.get("settings");
        if (settings == null) return new LocalConf(document, ServiceSettings.defaults());
        if (!settings.isObject()) {
            warnings.accept("WARNING: local.conf: settings: " + JsonText.compact(settings) + " is not an object; ignored");
            return new LocalConf(document, ServiceSettings.defaults());
        }
        return new LocalConf(document, new LocalConfLoader(warnings).bind(settings));
    }

    private static final java.util.Set<String> CONTROLLER_DB_KEYS = java.util.Set.of(
            "type", "path", "url", "user", "password", "passwordFile");
    /** The libpq connection keywords a {@code controllerDbPath} of the form {@code postgres:...} may use. */
    private static final java.util.Set<String> CONNINFO_KEYS = java.util.Set.of(
            "host", "port", "dbname", "user", "password", "sslmode");

    /**
     * The controller's storage. Unlike the other settings a wrong value here is refused rather than read leniently:
     * falling back to another database would start a controller with none of its networks, or split them.
     */
    private static ControllerDb controllerDb(JsonNode s) throws LocalConfException {
        JsonNode path = s.get("controllerDbPath"), db = s.get("controllerDb");
        if (path != null && db != null) {
            throw new LocalConfException("settings.controllerDb and settings.controllerDbPath both set; use one");
        }
        if (path != null) {
            if (!path.isTextual() || path.textValue().isBlank()) {
                throw new LocalConfException("settings.controllerDbPath: " + JsonText.compact(path)
                        + " is not a path or a postgres: connection string");
            }
            String text = path.textValue();
            return text.startsWith("postgres:") ? fromConninfo(text.substring("postgres:".length()))
                    : new ControllerDb.Sqlite(Optional.of(text));
        }
        if (db == null) return ControllerDb.DEFAULT;
        if (!db.isObject()) throw new LocalConfException("settings.controllerDb: " + JsonText.compact(db) + " is not an object");
        java.util.Iterator<String> keys = db.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!CONTROLLER_DB_KEYS.contains(k)) {
                throw new LocalConfException("settings.controllerDb." + k + " is not a controllerDb setting ("
                        + String.join(", ", new java.util.TreeSet<>(CONTROLLER_DB_KEYS)) + ")");
            }
        }
        String type = dbString(db, "type").orElseThrow(() ->
                new LocalConfException("settings.controllerDb.type is missing (\"sqlite\" or \"postgres\")"));
        switch (type) {
            case "sqlite" -> {
                for (String k : new String[] {"url", "user", "password", "passwordFile"}) {
                    if (db.has(k)) throw new LocalConfException("settings.controllerDb." + k + " does not apply to sqlite");
                }
                return new ControllerDb.Sqlite(dbString(db, "path"));
            }
            case "postgres" -> {
                if (db.has("path")) throw new LocalConfException("settings.controllerDb.path does not apply to postgres");
                String url = dbString(db, "url").orElseThrow(() -> new LocalConfException(
                        "settings.controllerDb.url is missing (jdbc:postgresql://host:port/database)"));
                if (!url.startsWith("jdbc:postgresql:")) {
                    throw new LocalConfException("settings.controllerDb.url: \"" + url
                            + "\" is not a jdbc:postgresql: URL");
                }
                Optional<String> password = dbString(db, "password"), passwordFile = dbString(db, "passwordFile");
                if (password.isPresent() && passwordFile.isPresent()) {
                    throw new LocalConfException("settings.controllerDb: password and passwordFile both set; use one");
                }
                return new ControllerDb.Postgres(url, dbString(db, "user"), password, passwordFile);
            }
            default -> throw new LocalConfException("settings.controllerDb.type: \"" + type
                    + "\" is not supported (\"sqlite\" or \"postgres\")");
        }
    }

    private static Optional<String> dbString(JsonNode db, String key) throws LocalConfException {
        JsonNode v = db.get(key);
        if (v == null) return Optional.empty();
        if (!v.isTextual() || v.textValue().isEmpty()) {
            throw new LocalConfException("settings.controllerDb." + key + ": " + JsonText.compact(v)
                    + " is not a non-empty string");
        }
        return Optional.of(v.textValue());
    }

    /**
     * ZeroTier's {@code postgres:} form: libpq keyword=value pairs separated by spaces ({@code host}, {@code port},
     * {@code dbname}, {@code user}, {@code password}, {@code sslmode}; no quoting).
     */
    private static ControllerDb fromConninfo(String conninfo) throws LocalConfException {
        java.util.Map<String, String> kv = new java.util.HashMap<>();
        for (String part : conninfo.trim().split("\\s+")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            if (eq <= 0 || !CONNINFO_KEYS.contains(k)) {
                throw new LocalConfException("settings.controllerDbPath: \"" + (eq < 0 ? part : k)
                        + "\" is not a supported postgres: keyword (host, port, dbname, user, password, sslmode)");
            }
            kv.put(k, part.substring(eq + 1));
        }
        String host = kv.getOrDefault("host", "localhost"), port = kv.getOrDefault("port", "5432");
        if (!port.matches("\\d{1,5}")) throw new LocalConfException("settings.controllerDbPath: port \"" + port + "\" is not a number");
        String db = kv.get("dbname");
        if (db == null || db.isEmpty()) throw new LocalConfException("settings.controllerDbPath: postgres: needs dbname=");
        String url = "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + db
                + (kv.containsKey("sslmode") ? "?sslmode=" + kv.get("sslmode") : "");
        return new ControllerDb.Postgres(url, Optional.ofNullable(kv.get("user")),
                Optional.ofNullable(kv.get("password")), Optional.empty());
    }

    /** Every {@code settings} key ZeroTier One 1.14 reads (spec 05 §4.4). */
    private static final java.util.Set<String> KNOWN = java.util.Set.of(
            "primaryPort", "secondaryPort", "tertiaryPort", "allowSecondaryPort", "portMappingEnabled",
            "allowTcpFallbackRelay", "forceTcpRelay", "tcpFallbackRelay", "bind", "interfacePrefixBlacklist",
            "allowManagementFrom", "softwareUpdate", "softwareUpdateChannel", "softwareUpdateDist", "lowBandwidthMode",
            "multicoreEnabled", "concurrency", "cpuPinningEnabled", "enableWebServer", "controllerDbPath",
            "ssoRedirectURL", "defaultBondingPolicy", "policies", "peerSpecificBonds", "redis", "controllerDb",
            "dns"); // this build's own: names of members (see net.ztj.service.dns.DnsSettings)

    private ServiceSettings bind(JsonNode s) throws LocalConfException {
        s.fieldNames().forEachRemaining(k -> {
            if (!KNOWN.contains(k)) {
                warnings.accept("WARNING: local.conf: settings." + k + " is not a setting ZeroTier One knows; kept but not used");
            }
        });
        ServiceSettings d = ServiceSettings.defaults();
        long primaryPort = integer(s, "primaryPort", -1);
        OptionalInt primary = JsonValues.isReadable(s.get("primaryPort"))
                ? OptionalInt.of((int) (primaryPort & 0xffff)) : OptionalInt.empty();
        return new ServiceSettings(
                primary,
                (int) (integer(s, "secondaryPort", 0) & 0xffff),
                (int) (integer(s, "tertiaryPort", 0) & 0xffff),
                bool(s, "allowSecondaryPort", d.allowSecondaryPort()),
                bool(s, "allowTcpFallbackRelay", d.allowTcpFallbackRelay()),
                bool(s, "forceTcpRelay", d.forceTcpRelay()),
                relayAddress(s, d.tcpFallbackRelay()),
                bindAddresses(s),
                strings(s, "interfacePrefixBlacklist"),
                networks(s, "allowManagementFrom"),
                JsonValues.string(s.get("softwareUpdate"), d.softwareUpdate()),
                JsonValues.string(s.get("softwareUpdateChannel"), d.softwareUpdateChannel()),
                controllerDb(s),
                bool(s, "portMappingEnabled", d.portMappingEnabled()));
    }

    /**
     * {@code tcpFallbackRelay}: an IPv4 {@code ip/port} (the relay carries IPv4 only, spec 05 §9.5). ZeroTier One
     * reads anything else as an empty address it cannot connect to; here it is named and the default is kept.
     */
    private Endpoint relayAddress(JsonNode s, Endpoint dflt) {
        JsonNode v = s.get("tcpFallbackRelay");
        if (v == null) return dflt;
        String text = JsonValues.string(v, "");
        try {
            Endpoint e = Endpoint.parse(text);
            if (e.isV4() && e.port() != 0) return e;
        } catch (IllegalArgumentException e) {
            // named below
        }
        warn("tcpFallbackRelay", v, "is not an IPv4 ip/port; the default " + dflt + " is used");
        return dflt;
    }

    private long integer(JsonNode s, String key, long dflt) {
        JsonNode v = s.get(key);
        long value = JsonValues.integer(v, dflt);
        if (v != null && !JsonValues.isIntegerLike(v)) {
            warn(key, v, JsonValues.isReadable(v)
                    ? "is not a number; read as " + Long.toUnsignedString(value) : "is not a number; ignored");
        }
        return value;
    }

    private boolean bool(JsonNode s, String key, boolean dflt) {
        JsonNode v = s.get(key);
        boolean value = JsonValues.bool(v, dflt);
        if (v == null) return value;
        if (!JsonValues.isReadable(v)) {
            warn(key, v, "is not a boolean; ignored");
        } else if (v.isTextual() && (v.textValue().isEmpty() || "tT1fF0".indexOf(v.textValue().charAt(0)) < 0)) {
            warn(key, v, "is not a boolean; read as " + value);
        }
        return value;
    }

    private List<String> strings(JsonNode s, String key) {
        JsonNode v = s.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        if (!v.isArray()) {
            warn(key, v, "is not an array; ignored");
            return out;
        }
        for (JsonNode e : v) {
            String text = JsonValues.string(e, "");
            if (!text.isEmpty()) out.add(text);
        }
        return out;
    }

    /**
     * {@code ip/bits} entries. Each one that is not an IP network is named and ignored; each one without
     * {@code /bits} is kept as ZeroTier One reads it (prefix length 0) and named with what that means.
     */
    private List<IpNetwork> networks(JsonNode s, String key) {
        JsonNode v = s.get(key);
        List<IpNetwork> out = new ArrayList<>();
        if (v == null) return out;
        if (!v.isArray()) {
            warn(key, v, "is not an array; ignored");
            return out;
        }
        for (JsonNode e : v) {
            String text = JsonValues.string(e, "");
            Optional<IpNetwork> n = text.isEmpty() ? Optional.empty() : IpNetwork.parse(text);
            if (n.isEmpty()) {
                warn(key, e, "is not an IP network; ignored");
                continue;
            }
            int slash = text.indexOf('/');
            String bits = slash < 0 ? null : text.substring(slash + 1);
            if (bits == null) {
                warn(key, e, "has no /bits; read as " + n.get() + meaning(n.get()));
            } else if (bits.isEmpty() || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                warn(key, e, "has unreadable /bits; read as " + n.get() + meaning(n.get()));
            }
            out.add(n.get());
        }
        return out;
    }

    /** What a prefix length of 0 means by ZeroTier One's matching (see {@link IpNetwork}); nothing for others. */
    private static String meaning(IpNetwork n) {
        if (n.bits() != 0) return "";
        if (n.ip().length == 4) return ", which allows every IPv4 address";
        boolean unspecified = true;
        for (byte b : n.ip()) unspecified &= b == 0;
        return unspecified ? ", which allows every IPv6 address" : ", which allows no address";
    }

    private List<InetAddress> bindAddresses(JsonNode s) {
        List<InetAddress> out = new ArrayList<>();
        for (String text : strings(s, "bind")) {
            Optional<IpNetwork> n = IpNetwork.parse(text);
            if (n.isPresent()) out.add(InetEndpoints.toInetAddress(n.get().ip()));
            else warnings.accept("WARNING: local.conf: settings.bind: \"" + text + "\" is not an IP address; ignored");
        }
        return out;
    }

    private void warn(String key, JsonNode value, String problem) {
        warnings.accept("WARNING: local.conf: settings." + key + ": " + JsonText.compact(value) + " " + problem);
    }
}
