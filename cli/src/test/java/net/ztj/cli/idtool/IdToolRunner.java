package net.ztj.cli.idtool;

import net.ztj.cli.ToolIo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Runs zerotier-idtool in a directory with a fixed clock and captures what it prints. */
final class IdToolRunner {
    record Result(int rc, String out, String err) {
        /** Exit 1 with exactly one line on stderr and no stack trace. */
        void assertOneLineError() {
            assertEquals(1, rc, out + err);
            assertEquals(1, err.lines().count(), err);
            assertFalse(err.contains("Exception"), err);
        }
    }

    private final Path dir;
    private final SecureRandom random;
    private final long nowMs;

    IdToolRunner(Path dir, SecureRandom random, long nowMs) {
        this.dir = dir;
        this.random = random;
        this.nowMs = nowMs;
    }

    IdToolRunner(Path dir, long nowMs) {
        this(dir, new SecureRandom(), nowMs);
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        ToolIo io = new ToolIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir, random, () -> nowMs);
        int rc = IdTool.run("zerotier-idtool", args, io);
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
