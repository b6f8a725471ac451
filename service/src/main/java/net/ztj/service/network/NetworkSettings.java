package net.ztj.service.network;

import java.util.Optional;

/**
 * The local per-network permissions of {@code networks.d/<nwid>.local.conf} (spec 05 §4.6): whether the controller
 * may set managed addresses, global addresses, the default route and DNS on this host.
 */
public record NetworkSettings(boolean allowManaged, boolean allowGlobal, boolean allowDefault, boolean allowDns) {
    /** Without a file: managed addresses allowed, the rest not. */
    public static final NetworkSettings DEFAULTS = new NetworkSettings(true, false, false, false);

    /**
     * Reads the file's lines {@code key=value}. A flag is true when its value starts with 1, t or T; a value of
     * {@code allowManaged} longer than 5 characters is a whitelist of networks, which also means true.
     */
    public static NetworkSettings parse(String text) {
        boolean managed = DEFAULTS.allowManaged, global = DEFAULTS.allowGlobal, dflt = DEFAULTS.allowDefault;
        boolean dns = DEFAULTS.allowDns;
        for (String line : text.split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) continue;
            String key = line.substring(0, eq).trim(), value = line.substring(eq + 1).trim();
            switch (key) {
                case "allowManaged" -> managed = value.length() > 5 || flag(value);
                case "allowGlobal" -> global = flag(value);
                case "allowDefault" -> dflt = flag(value);
                case "allowDNS" -> dns = flag(value);
                default -> { }
            }
        }
        return new NetworkSettings(managed, global, dflt, dns);
    }

    private static boolean flag(String v) {
        return !v.isEmpty() && "1tT".indexOf(v.charAt(0)) >= 0;
    }

    /** The four lines the reference writes, each ending in LF. */
    public String format() {
        return "allowManaged=" + bit(allowManaged) + "\nallowGlobal=" + bit(allowGlobal) + "\nallowDefault="
                + bit(allowDefault) + "\nallowDNS=" + bit(allowDns) + "\n";
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }

    /** These settings with each value the request sets as a JSON boolean replaced (spec 05 §5.6). */
    public NetworkSettings with(Optional<Boolean> managed, Optional<Boolean> global, Optional<Boolean> dflt,
                                Optional<Boolean> dns) {
        return new NetworkSettings(managed.orElse(allowManaged), global.orElse(allowGlobal), dflt.orElse(allowDefault),
                dns.orElse(allowDns));
    }
}
