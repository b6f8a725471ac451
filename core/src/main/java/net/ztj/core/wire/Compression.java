package net.ztj.core.wire;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

import java.util.Arrays;

import static net.ztj.core.wire.PacketHeader.IDX_PAYLOAD;
import static net.ztj.core.wire.PacketHeader.IDX_VERB;
import static net.ztj.core.wire.PacketHeader.MAX_PAYLOAD_LENGTH;
import static net.ztj.core.wire.PacketHeader.VERB_FLAG_COMPRESSED;

/**
 * Payload compression (spec 02 §5): the bytes after the verb byte as one LZ4 raw block, flagged by 0x80 in the
 * verb byte. Senders compress before armoring, receivers decompress after dearmoring with an output bound of 9996
 * bytes. Uses lz4-java's pure-Java safe implementation only: no native code, and every malformed block is
 * reported as {@link MalformedException}. Stateless and thread-safe.
 */
public final class Compression {
    /** Payloads of this many bytes or fewer are never compressed. */
    public static final int MIN_COMPRESSIBLE_EXCLUSIVE = 64;

    private static final LZ4Factory LZ4 = LZ4Factory.safeInstance();
    private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();

    private Compression() {}

    /**
     * Compresses the payload of the unarmored packet {@code pkt[0..len)} in place if it is longer than 64 bytes
     * and the block comes out strictly shorter, setting the verb byte's flag; otherwise clears the flag.
     *
     * @return the packet's new length
     */
    public static int compressPacket(byte[] pkt, int len) {
        int payloadLength = len - IDX_PAYLOAD;
        pkt[IDX_VERB] = (byte) (pkt[IDX_VERB] & ~VERB_FLAG_COMPRESSED);
        if (payloadLength <= MIN_COMPRESSIBLE_EXCLUSIVE) return len;
        byte[] block = new byte[COMPRESSOR.maxCompressedLength(payloadLength)];
        int blockLength = COMPRESSOR.compress(pkt, IDX_PAYLOAD, payloadLength, block, 0, block.length);
        if (blockLength >= payloadLength) return len;
        System.arraycopy(block, 0, pkt, IDX_PAYLOAD, blockLength);
        pkt[IDX_VERB] = (byte) (pkt[IDX_VERB] | VERB_FLAG_COMPRESSED);
        return IDX_PAYLOAD + blockLength;
    }

    /** {@link #compressPacket(byte[], int)} on a packet object, adjusting its length. */
    public static void compress(Packet packet) {
        packet.setLength(compressPacket(packet.buffer(), packet.length()));
    }

    /**
     * Replaces a compressed payload of a dearmored packet by its decompression and clears the flag; a packet whose
     * flag is clear is left alone. The packet gets a new buffer when it grows.
     *
     * @throws MalformedException if the block is invalid or decompresses to more than 9996 bytes
     */
    public static void decompress(Packet packet) {
        if (!packet.compressed()) return;
        byte[] payload = decompress(packet.buffer(), IDX_PAYLOAD, packet.payloadLength());
        byte[] b = packet.buffer();
        if (b.length < IDX_PAYLOAD + payload.length) {
            byte[] grown = new byte[IDX_PAYLOAD + payload.length];
            System.arraycopy(b, 0, grown, 0, IDX_PAYLOAD);
            b = grown;
        }
        System.arraycopy(payload, 0, b, IDX_PAYLOAD, payload.length);
        b[IDX_VERB] = (byte) (b[IDX_VERB] & ~VERB_FLAG_COMPRESSED);
        packet.reset(b, IDX_PAYLOAD + payload.length);
    }

    /**
     * Decompresses a dearmored packet {@code in[0..len)} into {@code out} (header copied, flag cleared), for the
     * data path with a reused buffer of {@link PacketHeader#MAX_LENGTH} bytes. If the flag is clear the packet is
     * copied unchanged.
     *
     * @return the length of the packet in {@code out}
     * @throws MalformedException if the block is invalid or its output would not fit 9996 bytes or {@code out}
     */
    public static int decompressPacket(byte[] in, int len, byte[] out) {
        if (len < IDX_PAYLOAD || len > in.length) throw new IllegalArgumentException("bad packet length " + len);
        if ((in[IDX_VERB] & VERB_FLAG_COMPRESSED) == 0) {
            System.arraycopy(in, 0, out, 0, len);
            return len;
        }
        int max = Math.min(MAX_PAYLOAD_LENGTH, out.length - IDX_PAYLOAD);
        int n = decompress(in, IDX_PAYLOAD, len - IDX_PAYLOAD, out, IDX_PAYLOAD, max);
        System.arraycopy(in, 0, out, 0, IDX_PAYLOAD);
        out[IDX_VERB] = (byte) (out[IDX_VERB] & ~VERB_FLAG_COMPRESSED);
        return IDX_PAYLOAD + n;
    }

    /**
     * Decompresses one LZ4 raw block into a new array of at most 9996 bytes.
     *
     * @throws MalformedException if the block is invalid or too large once decompressed
     */
    public static byte[] decompress(byte[] block, int off, int len) {
        byte[] out = new byte[MAX_PAYLOAD_LENGTH];
        int n = decompress(block, off, len, out, 0, MAX_PAYLOAD_LENGTH);
        return Arrays.copyOf(out, n);
    }

    /**
     * Decompresses one LZ4 raw block into {@code out[outOff..outOff+maxLength)}.
     *
     * @return the decompressed length
     * @throws MalformedException if the block is invalid or needs more than {@code maxLength} bytes
     */
    public static int decompress(byte[] block, int off, int len, byte[] out, int outOff, int maxLength) {
        if (len <= 0) throw new MalformedException("empty LZ4 block");
        try {
            return DECOMPRESSOR.decompress(block, off, len, out, outOff, maxLength);
        } catch (RuntimeException e) {
            // LZ4Exception for malformed input; anything else a safe decoder might throw is the same verdict.
            throw new MalformedException("bad LZ4 block: " + e.getMessage());
        }
    }

    /**
     * Compresses {@code src[off..off+len)} into a new LZ4 raw block (no size rules applied; for tests and callers
     * that decide for themselves).
     */
    public static byte[] compressBlock(byte[] src, int off, int len) {
        return COMPRESSOR.compress(src, off, len);
    }
}
