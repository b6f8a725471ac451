package net.ztj.service.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** Every {@code settings} key ZeroTier One 1.14 reads (spec 05 §4.4). */
    private static final java.util.Set<String> KNOWN = java.util.Set.of(
            "primaryPort", "secondaryPort", "tertiaryPort", "allowSecondaryPort", "portMappingEnabled",
            "allowTcpFallbackRelay", "forceTcpRelay", "tcpFallbackRelay", "bind", "interfacePrefixBlacklist",
            "allowManagementFrom", "softwareUpdate", "softwareUpdateChannel", "softwareUpdateDist", "lowBandwidthMode",
            "multicoreEnabled", "concurrency", "cpuPinningEnabled", "enableWebServer", "controllerDbPath",
            "ssoRedirectURL", "defaultBondingPolicy", "policies", "peerSpecificBonds", "redis");

    private ServiceSettings bind(JsonNode s) {
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
                bindAddresses(s),
                strings(s, "interfacePrefixBlacklist"),
                networks(s, "allowManagementFrom"),
                JsonValues.string(s.get("softwareUpdate"), d.softwareUpdate()),
                JsonValues.string(s.get("softwareUpdateChannel"), d.softwareUpdateChannel()));
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

    private List<IpNetwork> networks(JsonNode s, String key) {
        List<IpNetwork> out = new ArrayList<>();
        for (String text : strings(s, key)) {
            Optional<IpNetwork> n = IpNetwork.parse(text);
            if (n.isPresent()) out.add(n.get());
            else warnings.accept("WARNING: local.conf: settings." + key + ": \"" + text + "\" is not an IP network; ignored");
        }
        return out;
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
