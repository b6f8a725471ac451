package net.ztj.cli.idtool;

import net.ztj.cli.ToolIo;
import net.ztj.core.Version;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** zerotier-idtool: dispatches to one command per class; usage and exit codes as ZeroTier One's idtool. */
public final class IdTool {
    private static final Map<String, IdToolCommand> COMMANDS = Map.of(
            "generate", new Generate(),
            "validate", new Validate(),
            "getpublic", new GetPublic(),
            "sign", new Sign(),
            "verify", new Verify(),
            "initmoon", new InitMoon(),
            "genmoon", new GenMoon(),
            "genplanet", new GenPlanet());

    private IdTool() {}

    /**
     * Runs the tool.
     *
     * @param programName what the usage calls the program (the reference prints its argv[0])
     * @param args the arguments after the program name
     * @return the exit code
     */
    public static int run(String programName, String[] args, ToolIo io) {
        if (args.length == 0) {
            printUsage(programName, io.out());
            return 1;
        }
        IdToolCommand command = COMMANDS.get(args[0]);
        if (command == null) {
            printUsage(programName, io.out());
            return 1;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        int rc;
        try {
            rc = command.run(rest, io);
        } catch (RuntimeException e) {
            io.err().println(programName + ": " + args[0] + " failed: " + e.getMessage());
            return 1;
        }
        if (rc == IdToolCommand.USAGE || rc == IdToolCommand.USAGE_OK) {
            printUsage(programName, io.out());
            return rc == IdToolCommand.USAGE ? 1 : 0;
        }
        return rc;
    }

    /** The usage text, laid out as ZeroTier One's. */
    public static void printUsage(String programName, PrintStream out) {
        out.println("ZeroTier One version " + Version.text());
        out.println("ztj: a pure-Java implementation of ZeroTier One");
        out.println("Usage: " + programName + " <command> [<args>]");
        out.println();
        out.println("Commands:");
        out.println("  generate [<identity.secret>] [<identity.public>] [<vanity>]");
        out.println("  validate <identity.secret/public>");
        out.println("  getpublic <identity.secret>");
        out.println("  sign <identity.secret> <file>");
        out.println("  verify <identity.secret/public> <file> <signature>");
        out.println("  initmoon <identity.public of first seed>");
        out.println("  genmoon <moon json>");
        out.println(GenPlanet.USAGE_LINE);
        out.flush();
    }
}
