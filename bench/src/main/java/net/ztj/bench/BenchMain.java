package net.ztj.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The jar's entry point: JMH's own command line (same options, same table), followed by a summary that converts
 * packet throughput to MB/s (ops/s x payload bytes / 10^6, with MB = 10^6 bytes) and puts each figure beside its
 * target. Listing and help options are handed to {@link org.openjdk.jmh.Main} unchanged.
 */
public final class BenchMain {
    /** Target per benchmark: MB/s for throughput benchmarks, milliseconds (at most) for time benchmarks. */
    private static final Map<String, String> TARGETS = Map.of(
            "PacketArmorBench.salsa20Poly1305", ">= 400 MB/s",
            "AesGmacSivBench.encrypt", ">= 1000 MB/s",
            "AesGmacSivBench.decrypt", ">= 1000 MB/s",
            "IdentityBench.generate", "median <= ~500 ms (ZeroTier One C++)");
    private static final Map<String, Double> MIN_MBPS = Map.of(
            "PacketArmorBench.salsa20Poly1305", 400.0,
            "AesGmacSivBench.encrypt", 1000.0,
            "AesGmacSivBench.decrypt", 1000.0);
    private static final double MAX_GENERATE_MS = 500.0;
    private static final String TARGET_SIZE = "1400";
    private static final String ADD_OPENS = "--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED";

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Error parsing command line:");
            System.err.println(" " + e.getMessage());
            System.exit(1);
            return;
        }
        if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers()
                || cmd.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Collection<RunResult> results;
        try {
            // AesGmacSiv reaches the JDK's GHASH intrinsic only when the forked JVM opens its package (as the
            // launchers do); -jvmArgsPrepend keeps each benchmark's own @Fork(jvmArgsAppend = ...)
            List<String> prepend = new ArrayList<>(List.of(ADD_OPENS));
            if (cmd.getJvmArgsPrepend().hasValue()) prepend.addAll(cmd.getJvmArgsPrepend().get());
            results = new Runner(new OptionsBuilder().parent(cmd).jvmArgsPrepend(prepend.toArray(String[]::new))
                    .build()).run();
        } catch (RunnerException e) {
            System.err.print("ERROR: ");
            e.printStackTrace(System.err);
            System.exit(1);
            return;
        }
        summarize(results);
    }

    private static void summarize(Collection<RunResult> results) {
        if (results.isEmpty()) return;
        System.out.println();
        System.out.println("Summary (one thread; MB = 10^6 bytes; MB/s = ops/s x size / 10^6)");
        System.out.printf(Locale.ROOT, "%-54s %-40s %s%n", "Benchmark", "Figure", "Target");
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            String name = shortName(p.getBenchmark());
            Result<?> primary = r.getPrimaryResult();
            double perUnit = primary.getScore();
            TimeUnit tu = p.getTimeUnit();
            String figure;
            String verdict = "";
            switch (p.getMode()) {
                case Throughput -> {
                    double opsPerSecond = perUnit * TimeUnit.SECONDS.toNanos(1) / tu.toNanos(1);
                    String size = p.getParam("size");
                    if (size != null) {
                        double mbps = opsPerSecond * Integer.parseInt(size) / 1e6;
                        figure = String.format(Locale.ROOT, "%.0f MB/s", mbps);
                        Double min = MIN_MBPS.get(name);
                        // the targets are stated for 1,400-byte packets
                        if (min != null && size.equals(TARGET_SIZE)) verdict = mbps >= min ? "  MET" : "  MISSED";
                    } else {
                        figure = String.format(Locale.ROOT, "%.0f ops/s", opsPerSecond);
                    }
                }
                case AverageTime, SingleShotTime -> {
                    double ms = toMillis(perUnit, tu);
                    figure = String.format(Locale.ROOT, "%.2f ms/op", ms);
                    if (name.startsWith("ControllerRequestBench.")) {
                        figure += String.format(Locale.ROOT, " (%.0f requests/s)", 1000 / ms);
                    }
                }
                case SampleTime -> {
                    double median = toMillis(primary.getStatistics().getPercentile(50.0), tu);
                    figure = String.format(Locale.ROOT, "median %.1f ms", median);
                    if (name.equals("IdentityBench.generate")) {
                        verdict = median <= MAX_GENERATE_MS ? "  MET" : "  MISSED";
                        figure += String.format(Locale.ROOT, " (mean %.1f, n=%d)", toMillis(perUnit, tu),
                                primary.getSampleCount());
                    }
                }
                default -> figure = String.format(Locale.ROOT, "%.3f %s", perUnit, primary.getScoreUnit());
            }
            String label = name + (p.getParam("size") != null ? " [" + p.getParam("size") + " B]" : "")
                    + (p.getParam("store") != null ? " [" + p.getParam("store") + "]" : "");
            String target = TARGETS.get(name);
            if (target != null && p.getParam("size") != null && !p.getParam("size").equals(TARGET_SIZE)) {
                target = "(target is for " + TARGET_SIZE + " B)";
                verdict = "";
            }
            System.out.printf(Locale.ROOT, "%-54s %-40s %s%s%n", label, figure, target == null ? "-" : target, verdict);
        }
    }

    private static double toMillis(double value, TimeUnit unit) {
        return value * unit.toNanos(1) / 1e6;
    }

    private static String shortName(String benchmark) {
        String prefix = BenchMain.class.getPackageName() + ".";
        return benchmark.startsWith(prefix) ? benchmark.substring(prefix.length()) : benchmark;
    }
}
