package net.ztj.core.network.config;

import net.ztj.core.identity.Identity;
import net.ztj.core.wire.verbs.NetworkConfigChunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Controller side of spec 03 §7.2.1: splits a serialized configuration into chunks of at most
 * {@link NetworkConfigChunk#MAX_CHUNK_LENGTH} bytes sharing one update ID, each signed by the controller.
 */
public final class ConfigChunker {
    private ConfigChunker() {
    }

    /**
     * @param dictionary the serialized configuration (no terminator)
     * @param updateId   non-zero, random per configuration issued
     * @param controller the controller identity, with its private key
     */
    public static List<NetworkConfigChunk> split(long networkId, byte[] dictionary, long updateId, Identity controller) {
        if (updateId == 0) throw new IllegalArgumentException("update ID must be non-zero");
        List<NetworkConfigChunk> chunks = new ArrayList<>();
        int offset = 0;
        do {
            int n = Math.min(dictionary.length - offset, NetworkConfigChunk.MAX_CHUNK_LENGTH);
            chunks.add(NetworkConfigChunk.sign(networkId, Arrays.copyOfRange(dictionary, offset, offset + n), 0,
                    updateId, dictionary.length, offset, controller));
            offset += n;
        } while (offset < dictionary.length);
        return chunks;
    }
}
