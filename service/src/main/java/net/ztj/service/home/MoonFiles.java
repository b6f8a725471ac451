package net.ztj.service.home;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code moons.d/<16 hex world id>.moon}: the binary worlds of the moons we orbit. Written when a moon is orbited or
 * updated, deleted on deorbit; every moon with a file is orbited again at start-up. The directory is created on
 * first write.
 */
public final class MoonFiles {
    private static final Pattern NAME = Pattern.compile("[0-9a-fA-F]{16}\\.moon");

    private final Path dir;

    public MoonFiles(Path dir) {
        this.dir = dir;
    }

    /** The world ids of the moon files present, in ascending order. */
    public List<Long> ids() {
        List<Long> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (NAME.matcher(name).matches() && Files.isRegularFile(f)) {
                    out.add(Long.parseUnsignedLong(name.substring(0, 16), 16));
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Long::compareUnsigned);
        return out;
    }

    public Path file(long worldId) {
        return dir.resolve(String.format("%016x.moon", worldId));
    }

    public Optional<byte[]> read(long worldId) {
        try {
            return Optional.of(Files.readAllBytes(file(worldId)));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    public void write(long worldId, byte[] world) throws IOException {
        StateFiles.writeIfChanged(file(worldId), world);
    }

    public void delete(long worldId) {
        try {
            Files.deleteIfExists(file(worldId));
        } catch (IOException e) {
            // nothing to undo
        }
    }
}
