package net.ztj.tap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Guards and tools of the tests that create real interfaces: they run only as root with /dev/net/tun and
 * iproute2 present, and otherwise are reported as skipped with the reason (never passed silently).
 */
final class RootOnly {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RootOnly() {
    }

    static void assumeTapsCanBeCreated() {
        int uid = effectiveUid();
        assumeTrue(uid == 0, "skipped: creating tap devices needs root, this test runs as uid " + uid);
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "skipped: /dev/net/tun does not exist (no TUN/TAP support here)");
        assumeTrue(ipWorks(), "skipped: iproute2's `ip` command, used to check the kernel state, is not available");
    }

    /** A fresh test interface name: {@code ztjt} and 4 random hex digits. */
    static String randomName() {
        return "ztjt%04x".formatted(ThreadLocalRandom.current().nextInt(0x10000));
    }

    static int effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static boolean ipWorks() {
        try {
            run("ip", "-j", "link", "show", "lo");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Runs a command (10 s at most) and returns its standard output; a non-zero exit is an IOException. */
    static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The first element of the JSON array `ip -j ...` prints. */
    static JsonNode ipJson(String... args) throws IOException {
        String[] command = new String[args.length + 2];
        command[0] = "ip";
        command[1] = "-j";
        System.arraycopy(args, 0, command, 2, args.length);
        JsonNode array = JSON.readTree(run(command));
        if (!array.isArray() || array.isEmpty()) {
            throw new IOException("no JSON object from " + List.of(command) + ": " + array);
        }
        return array.get(0);
    }

    static boolean interfaceExists(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }

    /** Waits up to {@code ms} for the interface to disappear; true if it did. */
    static boolean awaitGone(String name, long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000;
        while (interfaceExists(name)) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
