package net.ztj.service;

import net.ztj.core.Version;
import net.ztj.core.identity.Identity;
import net.ztj.service.home.IdentityStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The zerotier-one command line (spec 05 §2.1). This build prepares the home folder and the node identity; the
 * daemon itself (UDP, peers, local API) is not part of it yet.
 */
public final class ServiceMain {
    /** The platform default home folder on Linux. */
    public static final String DEFAULT_HOME = "/var/lib/zerotier-one";

    /** What the command line asked for. */
    public record Options(Path home, int port, boolean skipRootCheck) {}

    private ServiceMain() {}

    /** Exit code of the process. */
    public static int run(String programName, String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String homeArg = null;
        int port = 9993;
        boolean skipRootCheck = false;
        for (String a : args) {
            if (a.startsWith("-")) {
                char sw = a.length() > 1 ? a.charAt(1) : '?';
                switch (sw) {
                    case 'v' -> {
                        out.println(Version.text());
                        return 0;
                    }
                    case 'p' -> {
                        port = leadingDecimal(a.substring(2));
                        if (port > 65535) {
                            printUsage(programName, out);
                            return 1;
                        }
                    }
                    case 'U' -> skipRootCheck = true;
                    case 'd' -> {
                        err.println(programName + ": -d (fork into the background) is not supported by the Java "
                                + "build; run it under systemd or with '&'");
                        return 1;
                    }
                    default -> {
                        printUsage(programName, out);
                        return 0;
                    }
                }
            } else if (homeArg == null) {
                homeArg = a;
            } else {
                printUsage(programName, out);
                return 0;
            }
        }
        Path home = Path.of(homeArg != null ? homeArg : env.getOrDefault("ZEROTIER_HOME", DEFAULT_HOME));
        try {
            Files.createDirectories(home);
        } catch (IOException | SecurityException e) {
            err.println(programName + ": fatal error: home path does not exist, and could not create. Please verify "
                    + "local system permissions.");
            return 1;
        }
        Identity id;
        try {
            id = new IdentityStore(home).loadOrGenerate(new SecureRandom());
        } catch (IdentityStore.InvalidStoredIdentityException e) {
            err.println(programName + ": fatal error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println(programName + ": fatal error: cannot write the identity in " + home + ": " + e.getMessage());
            return 1;
        }
        out.println("ztj: home folder " + home.toAbsolutePath() + ", node address " + id.address()
                + " (identity.secret, identity.public)");
        out.println("ztj: the daemon (UDP port " + port + ", peers, local API) is not part of this build yet.");
        printUsage(programName, out);
        return 0;
    }

    private static int leadingDecimal(String s) {
        long v = 0;
        for (int i = 0; i < s.length() && Character.isDigit(s.charAt(i)) && v <= 65536; i++) v = v * 10 + (s.charAt(i) - '0');
        return (int) Math.min(v, 65536);
    }

    /** The usage text, laid out as ZeroTier One's. */
    public static void printUsage(String programName, PrintStream out) {
        List<String> l = new ArrayList<>();
        l.add("ZeroTier One version " + Version.text());
        l.add("ztj: a pure-Java implementation of ZeroTier One");
        l.add("Usage: " + programName + " [-switches] [home directory]");
        l.add("");
        l.add("Available switches:");
        l.add("  -h                - Display this help");
        l.add("  -v                - Show version");
        l.add("  -U                - Skip privilege check and do not attempt to drop privileges");
        l.add("  -p<port>          - Port for UDP and TCP/HTTP (default: 9993, 0 for random)");
        l.add("  -i                - Generate and manage identities (zerotier-idtool)");
        l.add("  -q                - Query API (zerotier-cli)");
        l.forEach(out::println);
        out.flush();
    }
}
