package net.ztj.cli.zerotiercli;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The parsed command line (spec 05 §6.1). Switches are recognised by their second character with the value attached
 * ({@code -p9993}); the first other argument is the command, the second {@code arg1}, and each further one
 * overwrites {@code arg2}.
 *
 * @param host the API host, an IP literal ({@code -H}, default 127.0.0.1)
 * @param argv every argument as given, switches included (one command reads words by position, as the reference)
 */
record CliArguments(boolean json, OptionalInt port, Optional<String> home, String host, Optional<String> token,
                    String command, String arg1, String arg2, java.util.List<String> argv) {
    static final String DEFAULT_HOST = "127.0.0.1";

    /** What parsing decided. */
    sealed interface Outcome permits Parsed, Usage, Version {}

    record Parsed(CliArguments arguments) implements Outcome {}

    /** Print the usage to stdout and exit with this code. */
    record Usage(int exitCode) implements Outcome {}

    /** Print the version and exit 0. */
    record Version() implements Outcome {}

    static Outcome parse(String[] args) {
        boolean json = false;
        OptionalInt port = OptionalInt.empty();
        String home = null, host = DEFAULT_HOST, token = null, command = "", arg1 = "", arg2 = "";
        for (String a : args) {
            if (!a.startsWith("-")) {
                if (!arg1.isEmpty()) arg2 = a;
                else if (!command.isEmpty()) arg1 = a;
                else command = a;
                continue;
            }
            String value = a.length() > 2 ? a.substring(2) : "";
            switch (a.length() > 1 ? a.charAt(1) : '?') {
                case 'q' -> {
                    if (!value.isEmpty()) return new Usage(1);
                }
                case 'j' -> {
                    if (!value.isEmpty()) return new Usage(1);
                    json = true;
                }
                case 'p' -> {
                    long p = Numbers.leadingDecimal(value);
                    if (p == 0 || p > 0xffff) return new Usage(1);
                    port = OptionalInt.of((int) p);
                }
                case 'D' -> {
                    if (value.isEmpty()) return new Usage(1);
                    home = value;
                }
                case 'H' -> {
                    if (value.isEmpty()) return new Usage(1);
                    host = value;
                }
                case 'T' -> {
                    if (value.isEmpty()) return new Usage(1);
                    token = value;
                }
                case 'v' -> {
                    if (!value.isEmpty()) return new Usage(1);
                    return new Version();
                }
                default -> {
                    return new Usage(0);
                }
            }
        }
        return new Parsed(new CliArguments(json, port, Optional.ofNullable(home), host, Optional.ofNullable(token),
                command, arg1, arg2, java.util.List.of(args)));
    }
}
