package net.ztj.cli.zerotiercli;

import java.util.Set;

/**
 * {@code set <network id> <name>=<value>}: only {@code allowManaged}, {@code allowGlobal}, {@code allowDefault} and
 * {@code allowDNS} are sent, true iff the value starts with {@code t} or {@code 1}; any other name does nothing
 * (exit 0), as in the reference.
 */
final class SetCommand implements CliCommand {
    private static final Set<String> SETTABLE = Set.of("allowManaged", "allowGlobal", "allowDefault", "allowDNS");

    @Override
    public int run(CliContext c) {
        String nwid = c.args().arg1(), setting = c.args().arg2();
        if (Replies.byteLength(nwid) != 16) {
            CliOutput.println(c.io().err(), "invalid format: must be a 16-digit (network) ID");
            return 2;
        }
        if (setting.isEmpty()) {
            CliOutput.println(c.io().err(), "invalid format: include a property name to set");
            return 2;
        }
        int eq = setting.indexOf('=');
        if (eq < 0) {
            CliUsage.print(c.argv0(), c.io().err());
            return 2;
        }
        String name = setting.substring(0, eq);
        if (!SETTABLE.contains(name)) return 0;
        String value = setting.substring(eq + 1);
        boolean on = value.startsWith("t") || value.startsWith("1");
        ApiResponse r = c.api().post("/network/" + nwid, "{\"" + name + "\":" + on + "}");
        if (r.status() != 200) return Replies.failure(c, r);
        Replies.raw(c, r);
        return 0;
    }
}
