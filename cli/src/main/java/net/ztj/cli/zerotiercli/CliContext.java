package net.ztj.cli.zerotiercli;

import net.ztj.cli.ToolIo;

import java.util.Map;

/**
 * What a command works with.
 *
 * @param argv0 the program name as invoked
 * @param home  the home folder used for auto-detection (for {@code dump})
 */
record CliContext(String argv0, CliArguments args, ApiClient api, ToolIo io, Map<String, String> env, String home) {
    /** The command as typed (the failure lines name it). */
    String command() {
        return args.command();
    }

    void print(String text) {
        CliOutput.print(io.out(), text);
    }

    void println(String line) {
        CliOutput.println(io.out(), line);
    }

    long nowMs() {
        return io.clockMs().getAsLong();
    }
}
