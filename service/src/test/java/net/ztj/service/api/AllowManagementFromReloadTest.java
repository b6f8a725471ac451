package net.ztj.service.api;

import net.ztj.service.config.LocalConf;
import net.ztj.service.config.LocalConfFile;
import net.ztj.service.config.LocalConfReload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /config/settings} as 1.14 applies it: the change is stored and shown at once, and applied when the
 * service reloads the file it wrote (here {@code allowManagementFrom}, read by the API at each request).
 */
class AllowManagementFromReloadTest {
    @TempDir
    Path dir;

    @Test
    void aPostedSettingIsAppliedAtTheNextReload() throws Exception {
        Path file = dir.resolve("local.conf");
        LocalConfFile conf = LocalConfFile.at(file, LocalConf.none());
        AccessControl access = new AccessControl("t", "", () -> conf.applied().settings().allowManagementFrom(),
                AccessControl.SessionCheck.NONE);
        InetAddress lan = InetAddress.getByName("10.55.0.2");
        assertFalse(access.sourceAllowed(lan));

        conf.updateSettings("{\"allowManagementFrom\":[\"10.55.0.0/24\"]}");
        assertEquals(1, conf.current().settings().allowManagementFrom().size(), "shown at once");
        assertFalse(access.sourceAllowed(lan), "not applied before the reload");

        long now = Files.getLastModifiedTime(file).toMillis() + 1_000;
        LocalConfReload reload = new LocalConfReload(file, () -> now - LocalConfReload.CHECK_INTERVAL_MS, s -> { },
                conf::reloaded);
        assertTrue(reload.poll(now), "written just now: reloaded at the next check");
        assertTrue(access.sourceAllowed(lan), "applied");
        assertEquals(List.of("10.55.0.0/24"),
                conf.applied().settings().allowManagementFrom().stream().map(Object::toString).toList());
        Files.setLastModifiedTime(file, FileTime.fromMillis(now - 60_000));
        assertFalse(reload.poll(now + LocalConfReload.CHECK_INTERVAL_MS), "unchanged since: no reload");
    }
}
