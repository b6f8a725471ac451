package net.ztj.controller.store;

import net.ztj.controller.model.MemberRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a child JVM (SIGKILL) while it saves members, then checks that every save that had returned is on disk:
 * WAL with synchronous=FULL must not lose a committed write when the process dies.
 */
class SqliteCrashTest {
    private static final int RETURNED_SAVES_BEFORE_KILL = 1000;

    @TempDir
    Path dir;

    @Test
    void everyReturnedSaveSurvivesKillMinusNine() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), SqliteCrashWriter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> returned = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.US_ASCII))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while (returned.size() < RETURNED_SAVES_BEFORE_KILL && System.nanoTime() < deadline
                    && (line = out.readLine()) != null) {
                returned.add(line);
            }
            child.destroyForcibly(); // SIGKILL; also closes our end of its output
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(RETURNED_SAVES_BEFORE_KILL, returned.size(), "the child wrote too few members in time");
        try (SqliteControllerStore store = SqliteControllerStore.open(dir)) {
            for (String address : returned) {
                MemberRecord m = store.member(ControllerStoreContract.NWID, address).orElse(null);
                assertTrue(m != null && m.authorized(), "member " + address + " was saved but is gone");
            }
        }
    }
}
