package net.ztj.app;

import net.ztj.cli.ToolIo;
import net.ztj.cli.idtool.IdTool;
import net.ztj.cli.zerotiercli.ZeroTierCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The personality switches of zerotier-one: {@code -q} is zerotier-cli and {@code -i} the idtool, nothing more. */
class MainTest {
    @TempDir
    Path dir;

    record Outcome(String out, String err, int exit) {}

    /** Runs the program as if started under {@code argv0}; never the service with a home folder (see below). */
    private Outcome run(String argv0, String... args) {
        return capture(io -> Main.run(argv0, args, io, Map.of("HOME", dir.toString())));
    }

    private Outcome capture(java.util.function.ToIntFunction<ToolIo> program) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        ToolIo io = new ToolIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir, new SecureRandom(), () -> 1_700_000_000_000L);
        int exit = program.applyAsInt(io);
        return new Outcome(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), exit);
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void dashQIsTheCliWithItsOutputAndExitCode() {
        assertEquals(new Outcome("1.14.1\n", "", 0), run("zerotier-one", "-q", "-v"));
        // no service behind this home folder: the CLI's connection error and exit code, and no usage after it
        String[][] cases = {{"-D" + dir, "info"}, {"-D" + dir, "-j", "listnetworks"}, {"bogus-command"}, {"-h"}};
        for (String[] c : cases) {
            // ZeroTier One hands the CLI its whole argument list and its own program name; the CLI ignores -q
            Outcome asCli = capture(io -> ZeroTierCli.run("zerotier-one", c, io, Map.of("HOME", dir.toString())));
            assertEquals(asCli, run("zerotier-one", prepend("-q", c)), String.join(" ", c));
        }
        assertNotEquals(0, run("zerotier-one", "-q", "-D" + dir, "info").exit());
    }

    @Test
    void dashIIsTheIdtoolNamedByTheFirstArgument() throws Exception {
        Outcome help = run("zerotier-one", "-i");
        assertEquals(capture(io -> IdTool.run("-i", new String[0], io)), help);
        assertTrue(help.out().contains("Usage: -i <command> [<args>]"), help.out());

        Outcome generated = run("zerotier-idtool", "generate", "id.secret", "id.public");
        assertEquals(0, generated.exit());
        Outcome direct = run("zerotier-idtool", "getpublic", "id.secret");
        assertEquals(0, direct.exit());
        assertEquals(direct, run("zerotier-one", "-i", "getpublic", "id.secret"));
        assertEquals(Files.readString(dir.resolve("id.public")).strip(), direct.out().strip());
    }

    @Test
    void switchesBeforeThePersonalityAreScannedFirst() {
        // ZeroTier One's main() scans left to right: -v ends the scan before -q is reached
        assertEquals(new Outcome("1.14.1\n", "", 0), run("zerotier-one", "-v", "-q", "info"));
        Outcome usage = run("zerotier-one", "-h");
        assertEquals(0, usage.exit());
        assertEquals(usage, run("zerotier-one", "-qx"));
        assertEquals(usage, run("zerotier-one", "-ix"));
    }
}
