package net.ztj.cli.zerotiercli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes text as UTF-8 bytes whatever the console's encoding, as the reference writes the bytes it has (a network
 * name is printed exactly as the service sent it).
 */
final class CliOutput {
    private CliOutput() {}

    static void print(PrintStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static void println(PrintStream out, String line) {
        print(out, line + "\n");
    }

    /** Bytes exactly as received. */
    static void raw(PrintStream out, byte[] bytes) {
        out.writeBytes(bytes);
        out.flush();
    }
}
