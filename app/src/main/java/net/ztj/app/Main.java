package net.ztj.app;

import net.ztj.cli.ToolIo;
import net.ztj.cli.idtool.IdTool;
import net.ztj.cli.zerotiercli.ZeroTierCli;
import net.ztj.service.ServiceMain;
import net.ztj.service.relay.TcpRelayCommand;
import net.ztj.service.warmup.AotTraining;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * One program, three personalities, chosen as ZeroTier One chooses them (spec 05 §1): the launcher passes the name
 * it was started under in {@code -Dztj.argv0}; a name containing {@code zerotier-idtool} is the identity tool, one
 * containing {@code zerotier-cli} the API client, anything else the service, whose {@code -i} and {@code -q}
 * switch to the other two. Our addition: {@code zerotier-one --tcp-relay[=port]} runs the TCP fallback relay server
 * (a switch ZeroTier One answers with its usage, so it cannot mean anything else there).
 */
public final class Main {
    /** The name scripts/build.sh runs the jar under to train the JDK's ahead-of-time cache. */
    static final String AOT_TRAINING = "ZTJ-AOT-TRAINING";

    private Main() {}

    public static void main(String[] args) {
        String argv0 = System.getProperty("ztj.argv0", "zerotier-one");
        System.exit(run(argv0, args, ToolIo.system(), System.getenv()));
    }

    /**
     * Runs the personality {@code argv0} and {@code args} select and returns its exit code. {@code zerotier-one -q
     * ...} is exactly {@code zerotier-cli} with the same arguments, and {@code zerotier-one -i ...} the idtool with
     * the arguments shifted by one, as ZeroTier One's main() hands them over.
     */
    static int run(String argv0, String[] args, ToolIo io, Map<String, String> env) {
        String upper = argv0.toUpperCase(Locale.ROOT);
        if (upper.contains("ZEROTIER-IDTOOL")) return IdTool.run(argv0, args, io);
        if (upper.contains("ZEROTIER-CLI")) return ZeroTierCli.run(argv0, args, io, env);
        if (upper.equals(AOT_TRAINING)) return AotTraining.run(io.err()); // scripts/build.sh only
        if (TcpRelayCommand.selected(args)) return TcpRelayCommand.run(argv0, args, io.out(), io.err());
        return switch (ServiceMain.personality(args)) {
            // the idtool's program name is the first argument: "-i" when the switch comes first
            case IDTOOL -> IdTool.run(args[0], Arrays.copyOfRange(args, 1, args.length), io);
            case CLI -> ZeroTierCli.run(argv0, args, io, env);
            case SERVICE -> ServiceMain.run(argv0, args, env, io.out(), io.err(),
                    BackgroundRelaunch.forThisProcess(argv0, args, io.err()));
        };
    }
}
