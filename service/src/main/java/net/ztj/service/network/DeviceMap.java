package net.ztj.service.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code <home>/devicemap} (spec 05 §8.2): legacy {@code <16 hex nwid>=<interface name>} lines naming a network's
 * interface. Read only; a missing or unreadable file has no entries.
 */
public final class DeviceMap {
    private final Path file;

    public DeviceMap(Path file) {
        this.file = file;
    }

    /** The interface name the file gives the network, if any. */
    public Optional<String> entry(long networkId) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        String key = String.format("%016x", networkId);
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && line.substring(0, eq).trim().equals(key)) {
                    String name = line.substring(eq + 1).trim();
                    if (!name.isEmpty()) return Optional.of(name);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The name a port of the network gets when no interface is in the way: the devicemap entry, else the computed
     * name of trial 0. What the API shows for a network that has no port (yet).
     */
    public String intendedName(long networkId) {
        return entry(networkId).orElseGet(() -> InterfaceNames.forNetwork(networkId, 0));
    }
}
