package net.ztj.app;

import net.ztj.cli.ToolIo;
import net.ztj.cli.idtool.IdTool;
import net.ztj.cli.zerotiercli.ZeroTierCli;
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
        if (upper.contains("ZEROTIER-CLI")) return ZeroTierCli.run(argv0, args, ToolIo.system(), System.getenv());
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
                // as ZeroTier One 1.14.1 does: the CLI runs, then the service's usage follows and the exit status is 0
                // (its -q case falls through to the usage; service-console.txt shows "zerotier-one -q -v")
                ZeroTierCli.run(argv0, args, ToolIo.system(), System.getenv());
                ServiceMain.printUsage(argv0, System.out);
                return 0;
            }
        }
        return ServiceMain.run(argv0, args, System.getenv(), System.out, System.err);
    }
}
