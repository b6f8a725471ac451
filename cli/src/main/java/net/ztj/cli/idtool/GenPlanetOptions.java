package net.ztj.cli.idtool;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link GenPlanet}: {@code <out file> <root>... [--id <id>] [--key <file>]
 * [--next-key <file>] [--timestamp <ms>]}, options anywhere, also as {@code --option=value}.
 *
 * @param id        the world ID text, or null for the default
 * @param keyFile   the signing key file, or null for {@code <out file>.signing-key.secret}
 * @param nextKey   the key file whose public key the next revision must be signed with, or null for the signing key
 * @param timestamp the revision text, or null for now
 */
record GenPlanetOptions(String outFile, List<String> roots, String id, String keyFile, String nextKey, String timestamp) {
    static final String DEFAULT_KEY_SUFFIX = ".signing-key.secret";

    /** @throws InputError for an unknown option, a missing option value, an option given twice or no out file */
    static GenPlanetOptions parse(List<String> args) throws InputError {
        List<String> positional = new ArrayList<>();
        String id = null, key = null, next = null, timestamp = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                positional.add(a);
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            String value;
            if (eq >= 0) value = a.substring(eq + 1);
            else if (i + 1 < args.size()) value = args.get(++i);
            else throw new InputError("option " + name + " needs a value");
            switch (name) {
                case "--id" -> id = once(id, value, name);
                case "--key" -> key = once(key, value, name);
                case "--next-key" -> next = once(next, value, name);
                case "--timestamp" -> timestamp = once(timestamp, value, name);
                default -> throw new InputError("unknown option " + name);
            }
        }
        if (positional.isEmpty()) throw new InputError("genplanet needs an output file and at least one root");
        return new GenPlanetOptions(positional.get(0), List.copyOf(positional.subList(1, positional.size())), id,
                key, next, timestamp);
    }

    private static String once(String previous, String value, String name) throws InputError {
        if (previous != null) throw new InputError("option " + name + " given twice");
        return value;
    }

    /** The signing key file to use. */
    String keyFileOrDefault() {
        return keyFile != null ? keyFile : outFile + DEFAULT_KEY_SUFFIX;
    }
}
