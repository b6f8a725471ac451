package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * The body of the OK a member sends after applying a configuration received by NETWORK_CONFIG (spec 02 §8.13,
 * 03 §7.2.3). Quirk of 1.14: that OK's in-re verb is ECHO (0x08), not NETWORK_CONFIG.
 *
 * @param networkId the network
 * @param updateId  the configuration's update ID
 */
public record NetworkConfigAck(long networkId, long updateId) implements VerbPayload {
    public static NetworkConfigAck decode(ByteReader r) {
        return new NetworkConfigAck(r.u64(), r.u64());
    }

    @Override
    public void encode(ByteWriter w) {
        w.u64(networkId).u64(updateId);
    }
}
