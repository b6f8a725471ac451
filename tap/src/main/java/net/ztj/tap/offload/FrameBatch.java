package net.ztj.tap.offload;

import net.ztj.linux.PacketBatch;

/**
 * Ethernet frames read from a port in one go, back to back in one array: a plain frame, or the MTU-sized frames a
 * TCP super-frame was cut into. Fixed capacity, reused from read to read (no allocation per frame).
 *
 * <p>Not thread-safe: owned by the port's reader thread, lent to the node for the duration of one call.
 */
public final class FrameBatch extends PacketBatch {
    /**
     * Room for the worst super-frame: 64 KiB of payload cut at the smallest MSS Linux sends (48 bytes), each
     * segment carrying up to 134 bytes of Ethernet, IPv6 and TCP headers.
     */
    public static final int DEFAULT_BYTES = 256 * 1024;
    public static final int DEFAULT_FRAMES = 1408;

    private int used;

    public FrameBatch() {
        this(DEFAULT_BYTES, DEFAULT_FRAMES);
    }

    public FrameBatch(int bytes, int frames) {
        super(bytes, frames);
    }

    /** Empties the batch. */
    @Override
    public void clear() {
        super.clear();
        used = 0;
    }

    /** Shortens frame {@code i} to {@code length} bytes (never lengthens it). */
    public void truncate(int i, int length) {
        shorten(i, length);
    }

    /** Where the next frame will start in {@link #data()}. */
    public int end() {
        return used;
    }

    /** Bytes still free at the end of {@link #data()}. */
    public int freeBytes() {
        return data().length - used;
    }

    /** Whether {@code frames} more frames of {@code bytes} bytes in all fit. */
    public boolean hasRoom(int frames, int bytes) {
        return hasSlots(frames) && used + bytes <= data().length;
    }

    /** Appends a copy of {@code src[off..off+len)}; false (nothing appended) if it does not fit. */
    public boolean add(byte[] src, int off, int len) {
        if (!hasRoom(1, len)) return false;
        System.arraycopy(src, off, data(), used, len);
        return commit(len) >= 0;
    }

    /**
     * Appends a frame made of {@code headerLen} bytes from {@code src[headerOff..]} followed by {@code payloadLen}
     * bytes from {@code src[payloadOff..]}; returns its offset in {@link #data()}, -1 if it does not fit.
     */
    int addJoined(byte[] src, int headerOff, int headerLen, int payloadOff, int payloadLen) {
        int len = headerLen + payloadLen;
        if (!hasRoom(1, len)) return -1;
        System.arraycopy(src, headerOff, data(), used, headerLen);
        System.arraycopy(src, payloadOff, data(), used + headerLen, payloadLen);
        return commit(len);
    }

    /** Records {@code len} bytes written at the current end as the next frame (after a direct fill); its offset. */
    public int commit(int len) {
        if (!hasRoom(1, len)) throw new IllegalStateException("batch full");
        int off = used;
        append(off, len);
        used += len;
        return off;
    }
}
