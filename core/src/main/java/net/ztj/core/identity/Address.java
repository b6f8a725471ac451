package net.ztj.core.identity;

/**
 * A 40-bit ZeroTier address: 5 bytes big-endian on the wire, 10 lowercase hex digits as text (spec 01 §9.1).
 *
 * @param value the address in the low 40 bits
 */
public record Address(long value) implements Comparable<Address> {
    /** Bytes of an address on the wire. */
    public static final int LENGTH = 5;
    private static final long MASK = 0xffffffffffL;

    public Address {
        if ((value & ~MASK) != 0) throw new IllegalArgumentException("address wider than 40 bits");
    }

    /** Reads 5 big-endian bytes. */
    public static Address fromBytes(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < LENGTH; i++) v = (v << 8) | (b[off + i] & 0xffL);
        return new Address(v);
    }

    /**
     * Parses exactly 10 hex digits (either case).
     *
     * @throws IllegalArgumentException if the text is not 10 hex digits
     */
    public static Address parse(String text) {
        if (text.length() != 10) throw new IllegalArgumentException("an address is 10 hex digits: " + text);
        long v = 0;
        for (int i = 0; i < 10; i++) {
            int d = Character.digit(text.charAt(i), 16);
            if (d < 0) throw new IllegalArgumentException("an address is 10 hex digits: " + text);
            v = (v << 4) | d;
        }
        return new Address(v);
    }

    /**
     * Whether this address can never belong to an identity: the zero address ("none") and every address whose
     * first byte is 0xff (that byte marks fragments on the wire).
     */
    public boolean isReserved() {
        return value == 0 || (value >>> 32) == 0xff;
    }

    /** Writes the 5 big-endian bytes at {@code b[off]}. */
    public void writeTo(byte[] b, int off) {
        for (int i = LENGTH - 1; i >= 0; i--) b[off + LENGTH - 1 - i] = (byte) (value >>> (8 * i));
    }

    /** The 5 wire bytes. */
    public byte[] toBytes() {
        byte[] b = new byte[LENGTH];
        writeTo(b, 0);
        return b;
    }

    @Override
    public int compareTo(Address o) {
        return Long.compare(value, o.value);
    }

    /** 10 lowercase hex digits, zero-padded. */
    @Override
    public String toString() {
        return String.format("%010x", value);
    }
}
