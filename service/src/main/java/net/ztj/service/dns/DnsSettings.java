package net.ztj.service.dns;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.service.config.LocalConf;
import net.ztj.service.json.JsonText;
import net.ztj.service.json.JsonValues;

import java.util.Set;
import java.util.function.Consumer;

/**
 * local.conf {@code settings.dns}: this build's own settings for names of members (ZeroTier One has none of them).
 *
 * @param enabled           the controller's node answers DNS for its networks that have a {@code dns.domain}
 *                          ({@code enabled}, true)
 * @param port              the port on the node's managed addresses in those networks ({@code port}, 53)
 * @param localPort         when not 0, also answers on 127.0.0.1 at this port, for every network ({@code localPort}, 0)
 * @param autoServers       a network with a domain and no servers pushes the controller node's own managed addresses
 *                          in it as its DNS servers ({@code autoServers}, false)
 * @param queriesPerSecond  queries answered per second from one source address, a burst of twice as many allowed
 *                          ({@code queriesPerSecond}, 100)
 * @param applyToSystem     on a member with allowDNS, pushed settings go to systemd-resolved ({@code applyToSystem},
 *                          true)
 */
public record DnsSettings(boolean enabled, int port, int localPort, boolean autoServers, int queriesPerSecond,
                          boolean applyToSystem) {
    public static final DnsSettings DEFAULTS = new DnsSettings(true, 53, 0, false, 100, true);
    private static final Set<String> KEYS = Set.of("enabled", "port", "localPort", "autoServers", "queriesPerSecond",
            "applyToSystem");

    /** Reads {@code settings.dns}; an unknown key or ill-typed value is named in a warning and its default kept. */
    public static DnsSettings from(LocalConf conf, Consumer<String> warnings) {
        JsonNode settings = conf.document().get("settings");
        JsonNode dns = settings == null ? null : settings.get("dns");
        if (dns == null) return DEFAULTS;
        if (!dns.isObject()) {
            warnings.accept("WARNING: local.conf: settings.dns: " + JsonText.compact(dns) + " is not an object; ignored");
            return DEFAULTS;
        }
        dns.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) warnings.accept("WARNING: local.conf: settings.dns." + k + " is not a dns setting ("
                    + String.join(", ", new java.util.TreeSet<>(KEYS)) + "); ignored");
        });
        return new DnsSettings(
                flag(dns, "enabled", DEFAULTS.enabled, warnings),
                number(dns, "port", DEFAULTS.port, 1, 65535, warnings),
                number(dns, "localPort", DEFAULTS.localPort, 0, 65535, warnings),
                flag(dns, "autoServers", DEFAULTS.autoServers, warnings),
                number(dns, "queriesPerSecond", DEFAULTS.queriesPerSecond, 1, 1_000_000, warnings),
                flag(dns, "applyToSystem", DEFAULTS.applyToSystem, warnings));
    }

    private static boolean flag(JsonNode dns, String key, boolean dflt, Consumer<String> warnings) {
        JsonNode v = dns.get(key);
        if (v == null) return dflt;
        if (!v.isBoolean()) {
            warnings.accept("WARNING: local.conf: settings.dns." + key + ": " + JsonText.compact(v)
                    + " is not true or false; " + dflt + " is used");
            return dflt;
        }
        return v.booleanValue();
    }

    private static int number(JsonNode dns, String key, int dflt, int min, int max, Consumer<String> warnings) {
        JsonNode v = dns.get(key);
        if (v == null) return dflt;
        long n = JsonValues.integer(v, Long.MIN_VALUE);
        if (!v.isIntegralNumber() || n < min || n > max) {
            warnings.accept("WARNING: local.conf: settings.dns." + key + ": " + JsonText.compact(v)
                    + " is not a number from " + min + " to " + max + "; " + dflt + " is used");
            return dflt;
        }
        return (int) n;
    }
}
