package net.ztj.core.wire;

import java.util.Arrays;

/** A growable big-endian byte buffer for building payloads. */
public final class ByteWriter {
    private byte[] buf;
    private int size;

    public ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public ByteWriter() {
        this(256);
    }

    private int grow(int n) {
        if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        int p = size;
        size += n;
        return p;
    }

    public ByteWriter u8(int v) {
        int p = grow(1); // grow first: it may replace buf
        buf[p] = (byte) v;
        return this;
    }

    public ByteWriter u16(int v) {
        int p = grow(2);
        buf[p] = (byte) (v >>> 8);
        buf[p + 1] = (byte) v;
        return this;
    }

    public ByteWriter u32(long v) {
        int p = grow(4);
        for (int i = 3; i >= 0; i--) buf[p + 3 - i] = (byte) (v >>> (8 * i));
        return this;
    }

    public ByteWriter u40(long v) {
        int p = grow(5);
        for (int i = 4; i >= 0; i--) buf[p + 4 - i] = (byte) (v >>> (8 * i));
        return this;
    }

    public ByteWriter u48(long v) {
        int p = grow(6);
        for (int i = 5; i >= 0; i--) buf[p + 5 - i] = (byte) (v >>> (8 * i));
        return this;
    }

    public ByteWriter u64(long v) {
        int p = grow(8);
        for (int i = 7; i >= 0; i--) buf[p + 7 - i] = (byte) (v >>> (8 * i));
        return this;
    }

    public ByteWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public ByteWriter bytes(byte[] b, int off, int len) {
        int p = grow(len);
        System.arraycopy(b, off, buf, p, len);
        return this;
    }

    /** Overwrites a u16 already written at {@code position} (lengths known only afterwards). */
    public ByteWriter putU16At(int position, int v) {
        if (position < 0 || position + 2 > size) throw new IndexOutOfBoundsException(position);
        buf[position] = (byte) (v >>> 8);
        buf[position + 1] = (byte) v;
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
