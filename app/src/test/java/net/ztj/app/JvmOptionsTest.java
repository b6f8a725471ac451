package net.ztj.app;

import net.ztj.service.warmup.HeapCompaction;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's JVM options (bin/zerotier-one.jvm-options, which the launchers, the package and bench/tunnel.sh use)
 * as a JVM started with them applies them: the Serial collector, and an old generation that the one collection
 * after the start-up ({@link HeapCompaction#compact}) gives back to the system when the start promoted garbage
 * into it, instead of keeping it committed (and resident) for the daemon's life.
 */
class JvmOptionsTest {
    private static final Path OPTIONS = Path.of("").toAbsolutePath().getParent().resolve("bin/zerotier-one.jvm-options");
    private static final int MB = 1024 * 1024;

    @Test
    void theCollectionAfterTheStartGivesThePromotedGarbageBack() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + OPTIONS, "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        String[] f = out.strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");
        long before = Long.parseLong(f[0]);
        long after = Long.parseLong(f[1]);
        long live = Long.parseLong(f[2]);
        assertTrue(before >= 24L * MB, "the probe's garbage was promoted: " + out);
        assertTrue(after <= before / 2, "the old generation shrank after the collection: " + out);
        assertTrue(after >= live, out);
    }

    /**
     * C2 compiles the branches its profile never saw instead of leaving a trap in them: traffic unlike the start's
     * warm-up (a TCP load after pings, ARP after TCP) then costs no deoptimization and no recompilation, which on
     * two cores with four JVMs compiling was the daemons' first-seconds throughput and latency (docs/performance.md).
     */
    @Test
    void theJitCompilesUnseenBranchesInsteadOfTrapping() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + OPTIONS, "-cp", System.getProperty("java.class.path"), FlagProbe.class.getName())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        assertEquals("PerMethodTrapLimit=0", out.strip().lines().reduce((a, b) -> b).orElseThrow(), out);
    }

    /** Prints the JIT's trap limit as the JVM started with the daemon's options has it. */
    public static final class FlagProbe {
        public static void main(String[] args) {
            var diag = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            System.out.println("PerMethodTrapLimit=" + diag.getVMOption("PerMethodTrapLimit").getValue());
        }
    }

    /** Run in a JVM with the daemon's options: fills the old generation, drops most of it, compacts. */
    public static final class Probe {
        public static void main(String[] args) {
            MemoryPoolMXBean tenured = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(m -> m.getName().equals("Tenured Gen")).findFirst()
                    .orElseThrow(() -> new AssertionError("not the Serial collector"));
            List<byte[]> kept = new ArrayList<>();
            List<byte[]> dropped = new ArrayList<>();
            for (int i = 0; i < 48; i++) dropped.add(new byte[512 * 1024]); // outlives young collections: promoted
            for (int i = 0; i < 8; i++) kept.add(new byte[512 * 1024]);
            long before = tenured.getUsage().getCommitted();
            dropped.clear();
            HeapCompaction.compact();
            long after = tenured.getUsage().getCommitted();
            System.out.println(before + " " + after + " " + kept.size() * 512L * 1024);
        }
    }
}
