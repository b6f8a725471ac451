package net.ztj.cli.zerotiercli;

import net.ztj.cli.ToolIo;
import net.ztj.core.Version;

import java.util.Map;
import java.util.Optional;

/**
 * zerotier-cli: parses the command line, finds the service, and runs one command (spec 05 §6). Unknown commands
 * (and none) print the usage on stderr and exit 0, as the reference does.
 */
public final class ZeroTierCli {
    private static final Map<String, CliCommand> COMMANDS = Map.ofEntries(
            Map.entry("info", new InfoCommand()),
            Map.entry("status", new InfoCommand()),
            Map.entry("listpeers", new ListPeersCommand()),
            Map.entry("peers", new PeersCommand()),
            Map.entry("listnetworks", new ListNetworksCommand()),
            Map.entry("join", new JoinCommand()),
            Map.entry("leave", new LeaveCommand()),
            Map.entry("set", new SetCommand()),
            Map.entry("get", new GetCommand()),
            Map.entry("listmoons", new ListMoonsCommand()),
            Map.entry("orbit", new OrbitCommand()),
            Map.entry("deorbit", new DeorbitCommand()),
            Map.entry("listbonds", new ListBondsCommand()),
            Map.entry("bond", new BondCommand()),
            Map.entry("dump", new DumpCommand()),
            Map.entry("set-admin-password", new SetAdminPasswordCommand()));

    private ZeroTierCli() {}

    /**
     * Runs the tool.
     *
     * @param argv0 the program name as invoked (shown in the usage and messages)
     * @param args  the arguments after the program name
     * @param env   the environment ({@code ZEROTIER_HOME}, {@code HOME})
     * @return the exit status
     */
    public static int run(String argv0, String[] args, ToolIo io, Map<String, String> env) {
        CliArguments arguments;
        switch (CliArguments.parse(args)) {
            case CliArguments.Usage u -> {
                CliUsage.print(argv0, io.out());
                return u.exitCode();
            }
            case CliArguments.Version v -> {
                CliOutput.println(io.out(), Version.text());
                return 0;
            }
            case CliArguments.Parsed p -> arguments = p.arguments();
        }
        Optional<ApiTarget> target = ServiceLocator.locate(arguments, env, argv0, io.err());
        if (target.isEmpty()) return ServiceLocator.NOT_FOUND;
        String home = arguments.home().orElse(env.getOrDefault("ZEROTIER_HOME", ServiceLocator.DEFAULT_HOME));
        CliContext context = new CliContext(argv0, arguments, new ApiClient(target.get()), io, env, home);
        String command = arguments.command();
        if (command.startsWith("/")) return new RawGetCommand().run(context);
        CliCommand c = COMMANDS.get(command);
        if (c == null) {
            CliUsage.print(argv0, io.err());
            return 0;
        }
        return c.run(context);
    }
}
