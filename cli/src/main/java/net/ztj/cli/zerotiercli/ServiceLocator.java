package net.ztj.cli.zerotiercli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the API port and token (spec 05 §6.2): from {@code -p}/{@code -T}, else from the home folder ({@code -D},
 * else {@code ZEROTIER_HOME}, else /var/lib/zerotier-one): {@code zerotier-one.port}, and {@code authtoken.secret}
 * used verbatim (not trimmed, as the reference uses it), falling back to {@code $HOME/.zeroTierOneAuthToken}.
 */
final class ServiceLocator {
    static final String DEFAULT_HOME = "/var/lib/zerotier-one";
    /** Exit status when the port or token cannot be found. */
    static final int NOT_FOUND = 2;

    private ServiceLocator() {}

    /** The target, or empty after printing the reason to {@code err}. */
    static Optional<ApiTarget> locate(CliArguments args, Map<String, String> env, String argv0, PrintStream err) {
        if (args.port().isPresent() && args.token().isPresent()) {
            return Optional.of(new ApiTarget(args.host(), args.port().getAsInt(), args.token().get()));
        }
        String home = args.home().orElse(env.getOrDefault("ZEROTIER_HOME", DEFAULT_HOME));
        int port;
        if (args.port().isPresent()) {
            port = args.port().getAsInt();
        } else {
            long p = Numbers.leadingDecimal(read(Path.of(home, "zerotier-one.port")));
            if (p == 0 || p > 0xffff) {
                CliOutput.println(err, argv0 + ": missing port and zerotier-one.port not found in " + home);
                return Optional.empty();
            }
            port = (int) p;
        }
        String token = args.token().orElseGet(() -> read(Path.of(home, "authtoken.secret")));
        if (token.isEmpty() && env.containsKey("HOME")) token = read(Path.of(env.get("HOME"), ".zeroTierOneAuthToken"));
        if (token.isEmpty()) {
            CliOutput.println(err, argv0 + ": authtoken.secret not found or readable in " + home + " (try again as root)");
            return Optional.empty();
        }
        return Optional.of(new ApiTarget(args.host(), port, token));
    }

    /** The whole file, bytes kept as they are; empty if unreadable. */
    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException | SecurityException | InvalidPathException e) {
            return "";
        }
    }
}
