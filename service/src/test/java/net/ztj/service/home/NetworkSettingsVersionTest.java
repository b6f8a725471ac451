package net.ztj.service.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import net.ztj.service.network.NetworkSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The version of a network's settings file: absent, stable while the file stays, new after each write. */
class NetworkSettingsVersionTest {
    private static final long NWID = 0x8056c2e21c000001L;

    @Test
    void aWriteGivesANewVersionAndNothingElseDoes(@TempDir Path dir) throws Exception {
        NetworkFiles files = new NetworkFiles(dir);
        assertNull(files.settingsVersion(NWID), "no file");
        files.writeSettings(NWID, new NetworkSettings(true, true, false, false));
        Object first = files.settingsVersion(NWID);
        assertNotNull(first);
        assertEquals(first, files.settingsVersion(NWID), "read twice, unchanged");
        files.settings(NWID);
        assertEquals(first, files.settingsVersion(NWID), "reading does not change it");
        files.writeSettings(NWID, new NetworkSettings(true, false, false, false)); // same length, other content
        assertNotEquals(first, files.settingsVersion(NWID));
        assertEquals(new NetworkSettings(true, false, false, false), files.settings(NWID));
        files.remove(NWID);
        assertNull(files.settingsVersion(NWID));
    }
}
