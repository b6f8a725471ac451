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
        int p = need(2);
        return ((buf[p] & 0xff) << 8) | (buf[p + 1] & 0xff);
    }

    /** An unsigned 32-bit value as a long. */
    public long u32() {
        int p = need(4);
        return ((buf[p] & 0xffL) << 24) | ((buf[p + 1] & 0xffL) << 16) | ((buf[p + 2] & 0xffL) << 8) | (buf[p + 3] & 0xffL);
    }

    public int i32() {
        return (int) u32();
    }

    public long u64() {
        int p = need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (buf[p + i] & 0xffL);
        return v;
    }

    /** A 40-bit value (addresses). */
    public long u40() {
        int p = need(5);
        long v = 0;
        for (int i = 0; i < 5; i++) v = (v << 8) | (buf[p + i] & 0xffL);
        return v;
    }

    /** A 48-bit value (MAC addresses). */
    public long u48() {
        int p = need(6);
        long v = 0;
        for (int i = 0; i < 6; i++) v = (v << 8) | (buf[p + i] & 0xffL);
        return v;
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
