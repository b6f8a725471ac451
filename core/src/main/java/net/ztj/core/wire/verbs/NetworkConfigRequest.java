package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * NETWORK_CONFIG_REQUEST (spec 02 §8.12, 03 §7.1): a member asking the controller for the network's
 * configuration. The revision and timestamp are optional on decode (0 when absent).
 *
 * @param networkId        the network
 * @param metadata         the request metadata dictionary (spec 03 §7.1.2), raw
 * @param currentRevision  revision of the configuration held, 0 if none
 * @param currentTimestamp timestamp of the configuration held, 0 if none
 */
public record NetworkConfigRequest(long networkId, byte[] metadata, long currentRevision, long currentTimestamp)
        implements VerbPayload {
    public NetworkConfigRequest {
        if (metadata == null) metadata = new byte[0];
        if (metadata.length > 0xffff) throw new IllegalArgumentException("metadata too long");
    }

    /** @throws net.ztj.core.wire.MalformedException if truncated */
    public static NetworkConfigRequest decode(ByteReader r) {
        long nwid = r.u64();
        byte[] metadata = r.bytes(r.u16());
        long revision = 0, timestamp = 0;
        if (r.remaining() >= 16) {
            revision = r.u64();
            timestamp = r.u64();
        }
        return new NetworkConfigRequest(nwid, metadata, revision, timestamp);
    }

    @Override
    public void encode(ByteWriter w) {
        w.u64(networkId).u16(metadata.length).bytes(metadata).u64(currentRevision).u64(currentTimestamp);
    }
}
