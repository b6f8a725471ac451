package net.ztj.linux;

import java.util.Objects;

/**
 * Packets one call read (recvmmsg's datagrams, the frames a tap super-frame was cut into), back to back in one
 * array: packet {@code i} is {@code data()[offset(i) .. offset(i)+length(i))}. Fixed capacity, reused from read to
 * read (no allocation per packet); owned by the reading thread and lent to the consumer for one call.
 */
public abstract class PacketBatch {
    private final byte[] data;
    private final int[] offsets, lengths;
    private int count;

    protected PacketBatch(int bytes, int packets) {
        data = new byte[bytes];
        offsets = new int[packets];
        lengths = new int[packets];
    }

    public final int count() {
        return count;
    }

    /** The array the packets are in. */
    public final byte[] data() {
        return data;
    }

    public final int offset(int i) {
        Objects.checkIndex(i, count);
        return offsets[i];
    }

    public final int length(int i) {
        Objects.checkIndex(i, count);
        return lengths[i];
    }

    /** Empties the batch. */
    public void clear() {
        count = 0;
    }

    /** Whether {@code packets} more packets fit (their bytes are the subclass's to check). */
    protected final boolean hasSlots(int packets) {
        return count + packets <= offsets.length;
    }

    /** Records packet {@link #count()}, written at {@code offset}; returns its index. */
    protected final int append(int offset, int length) {
        offsets[count] = offset;
        lengths[count] = length;
        return count++;
    }

    /** Shortens packet {@code i} to {@code length} bytes (never lengthens it). */
    protected final void shorten(int i, int length) {
        Objects.checkIndex(i, count);
        if (length < lengths[i]) lengths[i] = Math.max(0, length);
    }
}
