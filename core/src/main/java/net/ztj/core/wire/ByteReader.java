package net.ztj.core.wire;

/**
 * A bounds-checked big-endian cursor over a byte range. Every read past the limit throws
 * {@link MalformedException}, so a decoder written with it cannot read outside its packet.
 */
public final class ByteReader {
    private final byte[] buf;
    private int pos;
    private final int limit;

    public ByteReader(byte[] buf, int off, int limit) {
        if (off < 0 || limit > buf.length || off > limit) throw new IllegalArgumentException("bad range");
        this.buf = buf;
        this.pos = off;
        this.limit = limit;
    }

    public ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public byte[] array() {
        return buf;
    }

    public int position() {
        return pos;
    }

    public int limit() {
        return limit;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    private int need(int n) {
        if (n < 0 || limit - pos < n) throw new MalformedException("truncated: need " + n + " bytes at " + pos);
        int p = pos;
        pos += n;
        return p;
    }

    public int u8() {
        return buf[need(1)] & 0xff;
    }

    /** The next byte, unsigned, without consuming it. */
    public int peekU8() {
        if (pos >= limit) throw new MalformedException("truncated: need 1 byte at " + pos);
        return buf[pos] & 0xff;
    }

    public int u16() {
        return BigEndian.u16(buf, need(2));
    }

    /** An unsigned 32-bit value as a long. */
    public long u32() {
        return BigEndian.u32(buf, need(4));
    }

    public int i32() {
        return (int) u32();
    }

    public long u64() {
        return BigEndian.u64(buf, need(8));
    }

    /** A 40-bit value (addresses). */
    public long u40() {
        return BigEndian.u40(buf, need(5));
    }

    /** A 48-bit value (MAC addresses). */
    public long u48() {
        return BigEndian.u48(buf, need(6));
    }

    public byte[] bytes(int n) {
        int p = need(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, p, out, 0, n);
        return out;
    }

    /** A copy of the bytes between two absolute positions within the range (e.g. a span just read). */
    public byte[] copyOfRange(int from, int to) {
        if (from < 0 || from > to || to > limit) throw new MalformedException("range outside packet");
        byte[] out = new byte[to - from];
        System.arraycopy(buf, from, out, 0, to - from);
        return out;
    }

    public void skip(int n) {
        need(n);
    }

    /** Moves the cursor to an absolute position within the range. */
    public void seek(int position) {
        if (position < 0 || position > limit) throw new MalformedException("seek outside packet");
        pos = position;
    }
}
