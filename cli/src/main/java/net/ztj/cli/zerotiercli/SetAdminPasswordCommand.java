package net.ztj.cli.zerotiercli;

import net.ztj.service.json.JsonText;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code set-admin-password}: sets the password of the controller's web UI ({@code /app/}). Read from the terminal
 * without echo (asked twice), or as the first line of standard input when that is not a terminal, so it never
 * appears in the process list or the shell's history; sent with the auth token to {@code POST /app/api/password},
 * where the daemon keeps an Argon2id hash of it. Not a command of ZeroTier One's zerotier-cli.
 */
final class SetAdminPasswordCommand implements CliCommand {
    private final Supplier<Console> console;
    private final Supplier<InputStream> stdin;

    SetAdminPasswordCommand() {
        this(System::console, () -> System.in);
    }

    SetAdminPasswordCommand(Supplier<Console> console, Supplier<InputStream> stdin) {
        this.console = console;
        this.stdin = stdin;
    }

    @Override
    public int run(CliContext c) {
        String password;
        Console terminal = console.get();
        if (terminal != null && terminal.isTerminal()) {
            char[] first = terminal.readPassword("New admin password: ");
            char[] second = first == null ? null : terminal.readPassword("Again: ");
            if (first == null || second == null) return 1;
            if (!java.util.Arrays.equals(first, second)) {
                c.println("the passwords differ; nothing changed");
                return 1;
            }
            password = new String(first);
        } else {
            try {
                String line = new BufferedReader(new InputStreamReader(stdin.get(), StandardCharsets.UTF_8)).readLine();
                if (line == null) {
                    c.println("no password on standard input");
                    return 1;
                }
                password = line;
            } catch (IOException e) {
                c.println("cannot read the password: " + e.getMessage());
                return 1;
            }
        }
        ApiResponse r = c.api().post("/app/api/password", JsonText.compact(JsonText.tree(Map.of("password", password))));
        if (r.status() != 200) return Replies.failure(c, r);
        c.println("200 set-admin-password OK");
        return 0;
    }
}
