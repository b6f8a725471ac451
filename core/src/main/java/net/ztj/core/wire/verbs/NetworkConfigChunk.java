package net.ztj.core.wire.verbs;

import net.ztj.core.identity.Identity;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * One signed chunk of a network configuration (spec 02 §8.13, 03 §7.2.1): the payload of NETWORK_CONFIG and the
 * body of OK(NETWORK_CONFIG_REQUEST) after the {@link OkHeader}. The controller's signature covers the fields
 * from the network ID through the chunk offset; {@link #signedMessage} rebuilds exactly those bytes (all fields
 * have fixed widths, so they are the bytes received), and {@link #signedLength} says how many payload bytes they
 * are for a caller that verifies in place.
 *
 * <p>A legacy controller's OK may end right after the chunk data: such a chunk decodes with a null signature and
 * zero flags, update ID, lengths and signature type ({@link #legacy()}).
 *
 * @param networkId     the network
 * @param chunk         bytes {@code [chunkOffset, chunkOffset + chunk.length)} of the configuration dictionary
 * @param flags         {@link #FLAG_FAST_PROPAGATE} or 0
 * @param updateId      the configuration's update ID, shared by all its chunks
 * @param totalLength   length of the whole dictionary (unsigned 32 bits)
 * @param chunkOffset   where this chunk goes (unsigned 32 bits)
 * @param signatureType 1 for C25519/Ed25519
 * @param signature     the signature bytes (96 for type 1), or null for a legacy chunk
 */
public record NetworkConfigChunk(long networkId, byte[] chunk, int flags, long updateId, long totalLength,
                                 long chunkOffset, int signatureType, byte[] signature) implements VerbPayload {
    /** Receivers re-send this chunk to other members. */
    public static final int FLAG_FAST_PROPAGATE = 0x01;
    /** The only signature type 1.14 accepts. */
    public static final int SIGNATURE_TYPE_C25519 = 1;
    /** Largest chunk data controllers send: 10024 − (28 + 256). */
    public static final int MAX_CHUNK_LENGTH = 9740;

    public NetworkConfigChunk {
        if (chunk.length > 0xffff) throw new IllegalArgumentException("chunk too long");
        if (signature != null && signature.length > 0xffff) throw new IllegalArgumentException("signature too long");
    }

    /**
     * Builds and signs a chunk with the controller's identity (which must hold its private key).
     */
    public static NetworkConfigChunk sign(long networkId, byte[] chunk, int flags, long updateId, long totalLength,
                                          long chunkOffset, Identity controller) {
        NetworkConfigChunk unsigned = new NetworkConfigChunk(networkId, chunk, flags, updateId, totalLength,
                chunkOffset, SIGNATURE_TYPE_C25519, null);
        return new NetworkConfigChunk(networkId, chunk, flags, updateId, totalLength, chunkOffset,
                SIGNATURE_TYPE_C25519, controller.sign(unsigned.signedMessage()));
    }

    /** @throws net.ztj.core.wire.MalformedException if truncated */
    public static NetworkConfigChunk decode(ByteReader r) {
        long nwid = r.u64();
        byte[] chunk = r.bytes(r.u16());
        if (!r.hasRemaining()) return new NetworkConfigChunk(nwid, chunk, 0, 0, 0, 0, 0, null);
        int flags = r.u8();
        long updateId = r.u64();
        long total = r.u32();
        long offset = r.u32();
        int sigType = r.u8();
        byte[] sig = r.bytes(r.u16());
        return new NetworkConfigChunk(nwid, chunk, flags, updateId, total, offset, sigType, sig);
    }

    @Override
    public void encode(ByteWriter w) {
        w.u64(networkId).u16(chunk.length).bytes(chunk);
        if (legacy()) return;
        w.u8(flags).u64(updateId).u32(totalLength).u32(chunkOffset);
        w.u8(signatureType).u16(signature.length).bytes(signature);
    }

    /** Whether this is a legacy unsigned chunk (the whole dictionary, from the controller only). */
    public boolean legacy() {
        return signature == null;
    }

    /** Payload bytes covered by the signature, counted from the network ID. */
    public int signedLength() {
        return 8 + 2 + chunk.length + 1 + 8 + 4 + 4;
    }

    /** The bytes the controller signs: network ID through chunk offset. */
    public byte[] signedMessage() {
        ByteWriter w = new ByteWriter(signedLength());
        w.u64(networkId).u16(chunk.length).bytes(chunk).u8(flags).u64(updateId).u32(totalLength).u32(chunkOffset);
        return w.toByteArray();
    }

    /** Whether the chunk carries a type-1 signature that verifies under the controller's identity. */
    public boolean verify(Identity controller) {
        return signature != null && signatureType == SIGNATURE_TYPE_C25519 && signature.length == 96
                && controller.verify(signedMessage(), signature);
    }
}
