package net.ztj.service.home;

import net.ztj.core.node.peer.CachedPeer;
import net.ztj.core.wire.MalformedException;
import net.ztj.service.files.FileWriting;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code peers.d/}: one {@code <10 hex address>.peer} per peer, in ZeroTier One 1.14's cache format
 * ({@link CachedPeer}). Written as ZeroTier One 1.14 writes it: a peer when the node drops it from memory, and every
 * peer with a live path when the service stops; read at start, so a restarted node reaches the peers it knew without
 * waiting for the roots. Bounded as the reference bounds it: by age (files not written for 30 days are deleted,
 * {@link #deleteOlderThan}, hourly) and by size per file.
 */
public final class PeerFiles {
    private static final Pattern PEER = Pattern.compile("[0-9a-f]{10}\\.peer");
    /** Larger files are not peer cache entries (ZeroTier One reads at most about this much). */
    private static final long MAX_BYTES = 4096;

    private final Path dir;
    private final Consumer<String> log;

    public PeerFiles(Path dir, Consumer<String> log) {
        this.dir = dir;
        this.log = log;
    }

    /** Every readable entry; unreadable or malformed files are skipped (and named in the log). */
    public List<CachedPeer> readAll() {
        List<CachedPeer> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (!PEER.matcher(f.getFileName().toString()).matches() || !Files.isRegularFile(f)) continue;
                try {
                    if (Files.size(f) > MAX_BYTES) continue;
                    CachedPeer p = CachedPeer.decode(Files.readAllBytes(f));
                    if (f.getFileName().toString().startsWith(p.identity().address().toString())) out.add(p);
                } catch (IOException | MalformedException e) {
                    log.accept("ignoring " + f + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            log.accept("cannot read " + dir + ": " + e.getMessage());
        }
        return out;
    }

    /** Writes (or replaces) one peer's file with an entry the core encoded. */
    public void write(net.ztj.core.identity.Address peer, byte[] cacheEntry) {
        try {
            FileWriting.createFolders(dir);
            FileWriting.writePublic(dir.resolve(peer + ".peer"), cacheEntry);
        } catch (IOException e) {
            log.accept("cannot write " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Deletes the files last modified before {@code cutoffMs} (any file in the folder, as the reference cleans it);
     * returns how many.
     */
    public int deleteOlderThan(long cutoffMs) {
        int deleted = 0;
        if (!Files.isDirectory(dir)) return 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                try {
                    if (Files.isRegularFile(f) && Files.getLastModifiedTime(f).toMillis() < cutoffMs) {
                        Files.delete(f);
                        deleted++;
                    }
                } catch (IOException e) {
                    log.accept("cannot delete " + f + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            log.accept("cannot read " + dir + ": " + e.getMessage());
        }
        return deleted;
    }

    /** Writes (or replaces) one file per peer. */
    public void writeAll(List<CachedPeer> peers) {
        for (CachedPeer p : peers) write(p.identity().address(), p.encode());
    }
}
