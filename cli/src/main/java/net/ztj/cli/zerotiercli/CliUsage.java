package net.ztj.cli.zerotiercli;

import net.ztj.core.Version;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The usage text, laid out as ZeroTier One's (help-zerotier-cli.txt), with this implementation's own second and
 * third banner lines in place of ZeroTier's copyright and licence lines, so the line count is the same.
 */
final class CliUsage {
    private CliUsage() {}

    static void print(String programName, PrintStream out) {
        String text = "ZeroTier One version " + Version.text() + " build 0 (platform 1 arch " + archCode() + ")\n"
                + "ztj: a pure-Java implementation of ZeroTier One\n"
                + "(wire-compatible with ZeroTier One " + Version.text() + "; not a product of ZeroTier, Inc.)\n"
                + "Usage: " + programName + " [-switches] <command/path> [<args>]\n"
                + "\n"
                + "Available switches:\n"
                + "  -h                      - Display this help\n"
                + "  -v                      - Show version\n"
                + "  -j                      - Display full raw JSON output\n"
                + "  -D<path>                - ZeroTier home path for parameter auto-detect\n"
                + "  -p<port>                - HTTP port (default: auto)\n"
                + "  -T<token>               - Authentication token (default: auto)\n"
                + "\n"
                + "Available commands:\n"
                + "  info                    - Display status info\n"
                + "  listpeers               - List all peers\n"
                + "  peers                   - List all peers (prettier)\n"
                + "  listnetworks            - List all networks\n"
                + "  join <network ID>          - Join a network\n"
                + "  leave <network ID>         - Leave a network\n"
                + "  set <network ID> <setting> - Set a network setting\n"
                + "  get <network ID> <setting> - Get a network setting\n"
                + "  listmoons               - List moons (federated root sets)\n"
                + "  orbit <world ID> <seed> - Join a moon via any member root\n"
                + "  deorbit <world ID>      - Leave a moon\n"
                + "  dump                    - Debug settings dump for support\n"
                + "\n"
                + "Available settings:\n"
                + "  Settings to use with [get/set] may include property names from \n"
                + "  the JSON output of \"zerotier-cli -j listnetworks\". Additionally, \n"
                + "  (ip, ip4, ip6, ip6plane, and ip6prefix can be used). For instance:\n"
                + "  zerotier-cli get <network ID> ip6plane will return the 6PLANE address\n"
                + "  assigned to this node.\n";
        CliOutput.print(out, text);
    }

    /** ZeroTier's architecture code: 1 x86, 2 x86-64, 3 ARM32, 4 ARM64, 5/6 MIPS32/64, 7/8 POWER32/64, 0 other. */
    static int archCode() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> 2;
            case "x86", "i386", "i486", "i586", "i686" -> 1;
            case "arm", "arm32" -> 3;
            case "aarch64", "arm64" -> 4;
            case "mips", "mipsel" -> 5;
            case "mips64", "mips64el" -> 6;
            case "ppc", "powerpc" -> 7;
            case "ppc64", "ppc64le" -> 8;
            default -> 0;
        };
    }
}
