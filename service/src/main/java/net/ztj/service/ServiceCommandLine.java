package net.ztj.service;

import java.util.Optional;

/**
 * The zerotier-one command line (spec 05 §2.1): switches are identified by their second character, a value is the
 * rest of the same argument ({@code -p9993}); any other argument is the home folder. {@code background} is
 * {@code -d}: after the start-up checks the service continues in a background process.
 */
record ServiceCommandLine(Optional<String> home, int port, boolean skipRootCheck, boolean background) {
    static final int DEFAULT_PORT = 9993;

    /** What parsing decided: run, or end at once with an exit code. */
    sealed interface Outcome permits Run, PrintUsage, PrintVersion, SwitchPersonality {}

    record Run(ServiceCommandLine commandLine) implements Outcome {}

    record PrintUsage(int exitCode) implements Outcome {}

    record PrintVersion() implements Outcome {}

    /** {@code -i} or {@code -q} reached before anything that ends the scan: another personality takes over. */
    record SwitchPersonality(ServiceMain.Personality personality) implements Outcome {}

    static Outcome parse(String[] args) {
        String home = null;
        int port = DEFAULT_PORT;
        boolean skipRootCheck = false;
        boolean background = false;
        for (String a : args) {
            if (!a.startsWith("-")) {
                if (home != null) return new PrintUsage(0);
                home = a;
                continue;
            }
            switch (a.length() > 1 ? a.charAt(1) : '?') {
                case 'v' -> {
                    return new PrintVersion();
                }
                case 'p' -> {
                    port = leadingDecimal(a.substring(2));
                    if (port > 65535) return new PrintUsage(1);
                }
                case 'U' -> skipRootCheck = true;
                case 'i' -> {
                    return a.length() == 2 ? new SwitchPersonality(ServiceMain.Personality.IDTOOL) : new PrintUsage(0);
                }
                case 'q' -> {
                    return a.length() == 2 ? new SwitchPersonality(ServiceMain.Personality.CLI) : new PrintUsage(0);
                }
                case 'd' -> background = true; // as the reference, whatever follows the d
                default -> {
                    return new PrintUsage(0);
                }
            }
        }
        return new Run(new ServiceCommandLine(Optional.ofNullable(home), port, skipRootCheck, background));
    }

    /** The arguments without {@code -d}: those the service is started with again in the background. */
    static java.util.List<String> withoutBackgroundSwitch(String[] args) {
        return java.util.Arrays.stream(args).filter(a -> !a.startsWith("-d")).toList();
    }

    /** The leading decimal digits (none: 0), saturating above 65535. */
    private static int leadingDecimal(String s) {
        long v = 0;
        for (int i = 0; i < s.length() && Character.isDigit(s.charAt(i)) && v <= 65536; i++) v = v * 10 + (s.charAt(i) - '0');
        return (int) Math.min(v, 65536);
    }
}
