package net.ztj.service.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The process's real user id, for the root check of spec 05 §2.2 step 6: the first field of the {@code Uid:} line of
 * {@code /proc/self/status}, or the output of {@code id -ru} where /proc is missing.
 */
public final class RealUid {
    private RealUid() {}

    /** The real uid; empty if it cannot be found out. */
    public static OptionalInt get() {
        OptionalInt fromProc = fromProcStatus(Path.of("/proc/self/status"));
        return fromProc.isPresent() ? fromProc : fromIdCommand();
    }

    static OptionalInt fromProcStatus(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("Uid:")) return parse(line.substring(4).trim().split("\\s+")[0]);
            }
        } catch (IOException | SecurityException e) {
            // fall through
        }
        return OptionalInt.empty();
    }

    private static OptionalInt fromIdCommand() {
        try {
            Process p = new ProcessBuilder("id", "-ru").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return p.waitFor() == 0 ? parse(out) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    private static OptionalInt parse(String s) {
        try {
            return OptionalInt.of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
