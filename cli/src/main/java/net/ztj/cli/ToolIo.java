package net.ztj.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.function.LongSupplier;

/**
 * What a command-line tool touches of the outside world, passed in so commands can be run and checked in tests.
 *
 * @param out standard output
 * @param err standard error
 * @param cwd the directory relative paths are resolved against
 * @param random the source of key material
 * @param clockMs the wall clock in milliseconds since the epoch
 */
public record ToolIo(PrintStream out, PrintStream err, Path cwd, SecureRandom random, LongSupplier clockMs) {
    /** The process's own streams, working directory, a strong random source and the system clock. */
    public static ToolIo system() {
        return new ToolIo(System.out, System.err, Path.of("").toAbsolutePath(), new SecureRandom(),
                System::currentTimeMillis);
    }

    /** Resolves a path given on the command line. */
    public Path resolve(String path) {
        return cwd.resolve(path);
    }
}
