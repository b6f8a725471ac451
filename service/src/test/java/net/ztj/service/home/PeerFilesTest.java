package net.ztj.service.home;

import net.ztj.core.identity.Identity;
import net.ztj.core.node.peer.CachedPeer;
import net.ztj.core.wire.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** peers.d: a dropped peer's file written and read back; files older than 30 days deleted by the hourly cleaning. */
class PeerFilesTest {
    @TempDir
    Path dir;

    private static CachedPeer peer(List<Endpoint> paths) {
        return new CachedPeer(Identity.generate(new SecureRandom()).publicOnly(), 12, 1, 14, 1, paths);
    }

    @Test
    void aDroppedPeerIsWrittenAndReadBack() {
        List<String> log = new ArrayList<>();
        PeerFiles files = new PeerFiles(dir.resolve("peers.d"), log::add);
        CachedPeer p = peer(List.of(Endpoint.parse("192.0.2.7/9993"))), none = peer(List.of());
        files.write(p.identity().address(), p.encode());
        files.write(none.identity().address(), none.encode()); // 1.14 saves a dropped peer whatever paths it has, none included
        assertTrue(Files.isRegularFile(dir.resolve("peers.d").resolve(p.identity().address() + ".peer")));
        List<CachedPeer> read = files.readAll();
        assertEquals(2, read.size(), log.toString());
        for (CachedPeer w : List.of(p, none)) {
            CachedPeer r = read.stream().filter(x -> x.identity().address().equals(w.identity().address()))
                    .findFirst().orElseThrow();
            assertEquals(w.paths(), r.paths());
            assertEquals(14, r.minor());
        }
    }

    @Test
    void filesNotWrittenFor30DaysAreDeleted() throws Exception {
        PeerFiles files = new PeerFiles(dir.resolve("peers.d"), s -> { });
        CachedPeer old = peer(List.of(Endpoint.parse("192.0.2.7/9993"))), recent = peer(List.of());
        files.write(old.identity().address(), old.encode());
        files.write(recent.identity().address(), recent.encode());
        long now = 1_800_000_000_000L;
        Path oldFile = dir.resolve("peers.d").resolve(old.identity().address() + ".peer");
        Path recentFile = dir.resolve("peers.d").resolve(recent.identity().address() + ".peer");
        Files.setLastModifiedTime(oldFile, FileTime.fromMillis(now - PeersDirCleaner.MAX_AGE_MS - 1_000));
        Files.setLastModifiedTime(recentFile, FileTime.fromMillis(now - PeersDirCleaner.MAX_AGE_MS + 60_000));
        AtomicLong clock = new AtomicLong(now);
        try (PeersDirCleaner cleaner = new PeersDirCleaner(files, clock::get)) {
            assertEquals(1, cleaner.clean());
            assertFalse(Files.exists(oldFile));
            assertTrue(Files.exists(recentFile));
            clock.addAndGet(PeersDirCleaner.PERIOD_MS);
            assertEquals(1, cleaner.clean(), "an hour later the other one is past 30 days too");
            assertEquals(List.of(), files.readAll());
        }
    }
}
