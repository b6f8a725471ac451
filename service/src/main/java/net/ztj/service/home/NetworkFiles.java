package net.ztj.service.home;

import net.ztj.service.network.NetworkSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code networks.d/}: {@code <nwid>.conf} marks a joined network (a single LF until a configuration is cached)
 * and is what makes the service rejoin it at start-up; {@code <nwid>.local.conf} holds its local settings
 * (spec 05 §3.2, §4.6). Both are deleted at leave.
 */
public final class NetworkFiles {
    private static final Pattern CONF = Pattern.compile("[0-9a-fA-F]{16}\\.conf");

    private final Path dir;

    public NetworkFiles(Path dir) {
        this.dir = dir;
    }

    /** The networks with a {@code .conf} file, in ascending order. */
    public List<Long> joined() {
        List<Long> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (CONF.matcher(name).matches() && Files.isRegularFile(f)) {
                    out.add(Long.parseUnsignedLong(name.substring(0, 16), 16));
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Long::compareUnsigned);
        return out;
    }

    /** Records a join: creates {@code <nwid>.conf} with one LF unless it exists. */
    public void markJoined(long networkId) throws IOException {
        Path f = conf(networkId);
        if (!Files.exists(f)) StateFiles.writeIfChanged(f, "\n");
    }

    /** Caches a network's last configuration dictionary in {@code <nwid>.conf} (spec 05 §3.2). */
    public void writeConfig(long networkId, byte[] dictionary) throws IOException {
        StateFiles.writeIfChanged(conf(networkId), dictionary);
    }

    /** The cached configuration dictionary, or null when there is none (or only the LF written at join). */
    public byte[] readConfig(long networkId) {
        try {
            byte[] b = Files.readAllBytes(conf(networkId));
            return b.length > 1 ? b : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The local settings, the defaults when there is no readable file. */
    public NetworkSettings settings(long networkId) {
        try {
            return NetworkSettings.parse(Files.readString(localConf(networkId), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return NetworkSettings.DEFAULTS;
        }
    }

    /**
     * What tells one version of a network's settings file from another (its file key, size and time of change; a
     * write replaces the file, which gives it a new key), or null when it has none: a caller re-reads
     * {@link #settings} only when this changes.
     */
    public Object settingsVersion(long networkId) {
        try {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(localConf(networkId),
                    java.nio.file.attribute.BasicFileAttributes.class);
            return java.util.Arrays.asList(a.fileKey(), a.size(), a.lastModifiedTime());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public void writeSettings(long networkId, NetworkSettings s) throws IOException {
        StateFiles.writeIfChanged(localConf(networkId), s.format());
    }

    /** Forgets a network: deletes both files. */
    public void remove(long networkId) {
        try {
            Files.deleteIfExists(conf(networkId));
            Files.deleteIfExists(localConf(networkId));
        } catch (IOException ignored) {
            // a file that cannot be deleted is retried at the next leave
        }
    }

    private Path conf(long networkId) {
        return dir.resolve(String.format("%016x.conf", networkId));
    }

    private Path localConf(long networkId) {
        return dir.resolve(String.format("%016x.local.conf", networkId));
    }
}
