package net.ztj.controller.store;

import net.ztj.controller.model.MemberRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer process dies, the machine does not: a child JVM is killed (SIGKILL) while it saves members, then every
 * save that had returned must be found when the database is opened again. This shows that a save has committed (its
 * transaction is in the WAL, through the kernel) before it returns, and that the WAL a killed process leaves behind
 * is recovered on the next open.
 *
 * <p>It cannot show durability across a power loss or kernel crash: the killed process's writes stay in the page
 * cache, so {@code synchronous=OFF} would pass as well. That setting is checked directly below instead, on the
 * store's own connection.
 */
class SqliteProcessKillTest {
    private static final int RETURNED_SAVES_BEFORE_KILL = 1000;

    @TempDir
    Path dir;

    @Test
    void everyReturnedSaveSurvivesTheWriterBeingKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), SqliteKilledWriter.class.getName(), dir.toString())
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

    /** What protects a returned save against a power loss: WAL with a sync of the log at every commit. */
    @Test
    void theStoreCommitsInWalModeWithFullSynchronous() {
        try (SqliteControllerStore store = SqliteControllerStore.open(dir)) {
            String[] settings = store.transaction(c -> {
                try (Statement s = c.createStatement(); ResultSet mode = s.executeQuery("PRAGMA journal_mode")) {
                    mode.next();
                    String journal = mode.getString(1);
                    try (ResultSet sync = s.executeQuery("PRAGMA synchronous")) {
                        sync.next();
                        return new String[] {journal, sync.getString(1)};
                    }
                }
            });
            assertEquals("wal", settings[0]);
            assertEquals("2", settings[1], "synchronous=FULL is 2 (OFF 0, NORMAL 1)");
        }
    }
}
