package net.ztj.app;

import net.ztj.cli.ToolIo;
import net.ztj.cli.idtool.IdTool;
import net.ztj.service.ServiceMain;

import java.util.Arrays;
import java.util.Locale;

/**
 * One program, three personalities, chosen as ZeroTier One chooses them (spec 05 §1): the launcher passes the name
 * it was started under in {@code -Dztj.argv0}; a name containing {@code zerotier-idtool} is the identity tool, one
 * containing {@code zerotier-cli} the API client, anything else the service, whose {@code -i} and {@code -q}
 * switch to the other two.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String argv0 = System.getProperty("ztj.argv0", "zerotier-one");
        System.exit(run(argv0, args));
    }

    static int run(String argv0, String[] args) {
        String upper = argv0.toUpperCase(Locale.ROOT);
        if (upper.contains("ZEROTIER-IDTOOL")) return IdTool.run(argv0, args, ToolIo.system());
        if (upper.contains("ZEROTIER-CLI")) return Cli.run(argv0, args);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("-i")) {
                if (a.length() > 2) {
                    ServiceMain.printUsage(argv0, System.out);
                    return 0;
                }
                // the idtool sees "-i" as its program name and the arguments after it
                return IdTool.run("-i", Arrays.copyOfRange(args, i + 1, args.length), ToolIo.system());
            }
            if (a.startsWith("-q")) {
                if (a.length() > 2) {
                    ServiceMain.printUsage(argv0, System.out);
                    return 0;
                }
                return Cli.run(argv0, args);
            }
        }
        return ServiceMain.run(argv0, args, System.getenv(), System.out, System.err);
    }

    /** zerotier-cli talks to the daemon's local API, which this build does not have yet. */
    private static final class Cli {
        static int run(String argv0, String[] args) {
            System.err.println(argv0 + ": the local service API is not part of this build yet (zerotier-idtool is)");
            return 1;
        }
    }
}
