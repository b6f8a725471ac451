package net.ztj.service.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** local.conf reloaded as 1.14 does: checked every 10 s, read again when modified within the last 10 s. */
class LocalConfReloadTest {
    private static final long START = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(START);
    private final List<LocalConf> applied = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    private LocalConfReload reload(Path file) {
        return new LocalConfReload(file, clock::get, log::add, applied::add);
    }

    private static void write(Path file, String text, long modifiedMs) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMs));
    }

    @Test
    void aFileModifiedWithinTheIntervalIsReadAtTheNextCheck() throws Exception {
        Path file = dir.resolve("local.conf");
        write(file, "{\"physical\":{\"10.0.0.0/8\":{\"trustedPathId\":5}}}", START - 60_000);
        LocalConfReload r = reload(file);
        assertFalse(r.poll(START + 10_000), "modified a minute before start: nothing to reload");
        write(file, "{\"settings\":{\"primaryPort\":9994}}", START + 12_000);
        assertFalse(r.poll(START + 15_000), "checked only every 10 s");
        assertTrue(r.poll(START + 20_000), "modified 8 s before the check");
        assertEquals(9994, applied.getLast().document().path("settings").path("primaryPort").asInt());
        assertFalse(r.poll(START + 30_000), "18 s since the change: not again");
        assertEquals(1, applied.size());
    }

    @Test
    void theModificationTimeCountsInWholeSeconds() throws Exception {
        Path file = dir.resolve("local.conf");
        write(file, "{}", START + 9_999); // read as START + 9 s
        assertFalse(reload(file).poll(START + 19_800), "19.8 s - 9 s > 10 s, although only 9.8 s have passed");
        assertTrue(reload(file).poll(START + 19_000), "19 s - 9 s <= 10 s");
    }

    @Test
    void aBrokenEmptyOrMissingFileChangesNothing() throws Exception {
        Path file = dir.resolve("local.conf");
        LocalConfReload r = reload(file);
        assertFalse(r.poll(START + 10_000), "no file");
        write(file, "", START + 15_000);
        assertFalse(r.poll(START + 20_000), "an empty file");
        write(file, "{\"settings\":", START + 25_000);
        assertFalse(r.poll(START + 30_000), "not JSON");
        assertTrue(log.getLast().startsWith("ERROR: unable to parse local.conf"), log.toString());
        write(file, "[1]", START + 35_000);
        assertFalse(r.poll(START + 40_000), "not an object");
        assertTrue(applied.isEmpty());
    }
}
