package net.ztj.core.wire;

import java.util.Iterator;
import java.util.LinkedHashMap;

import static net.ztj.core.wire.PacketHeader.FRAGMENT_HEADER_LENGTH;
import static net.ztj.core.wire.PacketHeader.MAX_FRAGMENTS;
import static net.ztj.core.wire.PacketHeader.MAX_LENGTH;
import static net.ztj.core.wire.PacketHeader.MIN_LENGTH;

/**
 * Puts fragmented packets back together (spec 02 §3.3). Heads and fragments are matched by packet ID and may
 * arrive in any order; duplicates are ignored; nothing beyond 7 datagrams or 10024 bytes is accepted. The table is
 * bounded: when full, the oldest incomplete packet is dropped (as the reference overwrites its ring of 32), and
 * entries older than the timeout are dropped whenever the table is touched or {@link #expire} is called. Time is
 * passed in by the caller.
 *
 * <p>Datagrams are copied (into pooled piece buffers), so the caller may reuse its receive buffer. The whole packet
 * is written into an array the caller may supply and reuse ({@link #offerHead(byte[], int, int, long, byte[])}).
 * Not thread-safe.
 */
public final class Reassembler {
    /** Slots in the reference's receive queue ({@code ZT_RX_QUEUE_SIZE}). */
    public static final int DEFAULT_CAPACITY = 32;
    /** How long an incomplete packet is kept ({@code ZT_RECEIVE_QUEUE_TIMEOUT}). */
    public static final long DEFAULT_TIMEOUT_MS = 5000;

    /** What became of an offered datagram. */
    public sealed interface Outcome permits Assembled, Incomplete, Rejected {}

    /**
     * The last missing piece arrived: the whole packet, head bytes followed by every fragment's data in order;
     * its fragmented flag is still set (it is authenticated).
     */
    public record Assembled(Packet packet) implements Outcome {}

    /** Stored; more pieces are needed. */
    public record Incomplete() implements Outcome {}

    /** Dropped, with the reason (for drop counters). */
    public record Rejected(Reason reason) implements Outcome {}

    /** Why a datagram was dropped. */
    public enum Reason {
        /** Neither a fragment nor a head with the fragmented flag. */
        NOT_A_PIECE,
        /** Fragment number 0, above 6 or not below the total. */
        BAD_FRAGMENT_NUMBER,
        /** Total below 2 or above 7, or differing from another fragment of the same packet. */
        BAD_TOTAL,
        /** This head or fragment was already held. */
        DUPLICATE,
        /** The pieces add up to more than 10024 bytes. */
        TOO_LONG
    }

    private static final Incomplete INCOMPLETE = new Incomplete();

    private final int capacity;
    private final long timeoutMs;
    private final LinkedHashMap<Long, Entry> entries = new LinkedHashMap<>();
    /** Size of the pooled piece buffers: every datagram of the usual 1,432-byte physical MTU fits. */
    private static final int PIECE = 2048;
    private static final int MAX_POOLED = 256;
    private final java.util.ArrayDeque<byte[]> pool = new java.util.ArrayDeque<>();

    /** A table with {@link #DEFAULT_CAPACITY} slots and {@link #DEFAULT_TIMEOUT_MS}. */
    public Reassembler() {
        this(DEFAULT_CAPACITY, DEFAULT_TIMEOUT_MS);
    }

    public Reassembler(int capacity, long timeoutMs) {
        if (capacity < 1 || timeoutMs < 0) throw new IllegalArgumentException("bad reassembly limits");
        this.capacity = capacity;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Offers a received datagram that is either a fragment or the head of a fragmented packet (spec 02 §1
     * classification).
     */
    public Outcome offer(byte[] d, int off, int len, long nowMs) {
        if (len > PacketHeader.MIN_FRAGMENT_LENGTH
                && (d[off + PacketHeader.IDX_FRAGMENT_INDICATOR] & 0xff) == PacketHeader.FRAGMENT_INDICATOR) {
            return offerFragment(d, off, len, nowMs);
        }
        if (len >= MIN_LENGTH && (d[off + PacketHeader.IDX_FLAGS] & PacketHeader.FLAG_FRAGMENTED) != 0) {
            return offerHead(d, off, len, nowMs);
        }
        return new Rejected(Reason.NOT_A_PIECE);
    }

    /** Offers the head of a fragmented packet: a packet datagram with the fragmented flag set. */
    public Outcome offerHead(byte[] d, int off, int len, long nowMs) {
        return offerHead(d, off, len, nowMs, null);
    }

    /** As {@link #offerHead(byte[], int, int, long)}, a completed packet written into {@code out} if it fits. */
    public Outcome offerHead(byte[] d, int off, int len, long nowMs, byte[] out) {
        if (len < MIN_LENGTH || (d[off + PacketHeader.IDX_FLAGS] & PacketHeader.FLAG_FRAGMENTED) == 0) {
            return new Rejected(Reason.NOT_A_PIECE);
        }
        if (len > MAX_LENGTH) return new Rejected(Reason.TOO_LONG);
        Entry e = entryFor(readId(d, off), nowMs);
        if (e.head != null) return new Rejected(Reason.DUPLICATE);
        e.head = piece(d, off, len);
        e.headLength = len;
        return completeIfReady(e, out);
    }

    /** Offers a fragment: a datagram longer than 16 bytes with 0xff at index 13. */
    public Outcome offerFragment(byte[] d, int off, int len, long nowMs) {
        return offerFragment(d, off, len, nowMs, null);
    }

    /** As {@link #offerFragment(byte[], int, int, long)}, a completed packet written into {@code out} if it fits. */
    public Outcome offerFragment(byte[] d, int off, int len, long nowMs, byte[] out) {
        if (len <= PacketHeader.MIN_FRAGMENT_LENGTH
                || (d[off + PacketHeader.IDX_FRAGMENT_INDICATOR] & 0xff) != PacketHeader.FRAGMENT_INDICATOR) {
            return new Rejected(Reason.NOT_A_PIECE);
        }
        int total = (d[off + PacketHeader.IDX_FRAGMENT_NO] & 0xf0) >>> 4;
        int number = d[off + PacketHeader.IDX_FRAGMENT_NO] & 0x0f;
        if (total < 2 || total > MAX_FRAGMENTS) return new Rejected(Reason.BAD_TOTAL);
        if (number < 1 || number >= total) return new Rejected(Reason.BAD_FRAGMENT_NUMBER);
        if (len - FRAGMENT_HEADER_LENGTH > MAX_LENGTH - MIN_LENGTH) return new Rejected(Reason.TOO_LONG);
        Entry e = entryFor(readId(d, off), nowMs);
        if (e.total != 0 && e.total != total) return new Rejected(Reason.BAD_TOTAL);
        if (e.fragments[number] != null) return new Rejected(Reason.DUPLICATE);
        e.total = total;
        e.fragments[number] = piece(d, off + FRAGMENT_HEADER_LENGTH, len - FRAGMENT_HEADER_LENGTH);
        e.fragmentLengths[number] = len - FRAGMENT_HEADER_LENGTH;
        return completeIfReady(e, out);
    }

    /** A copy of a datagram's bytes in a pooled buffer (or a new one when it is larger). */
    private byte[] piece(byte[] d, int off, int len) {
        byte[] b = len <= PIECE ? pool.pollFirst() : null;
        if (b == null) b = new byte[Math.max(len, PIECE)];
        System.arraycopy(d, off, b, 0, len);
        return b;
    }

    /** Gives an entry's piece buffers back to the pool. */
    private void release(Entry e) {
        if (e.head != null) give(e.head);
        for (byte[] f : e.fragments) if (f != null) give(f);
    }

    private void give(byte[] b) {
        if (b.length == PIECE && pool.size() < MAX_POOLED) pool.addFirst(b);
    }

    /** Drops incomplete packets older than the timeout; returns how many. */
    public int expire(long nowMs) {
        int n = 0;
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (nowMs - e.createdMs >= timeoutMs) {
                it.remove();
                release(e);
                n++;
            }
        }
        return n;
    }

    /** Incomplete packets held. */
    public int size() {
        return entries.size();
    }

    private Entry entryFor(long id, long nowMs) {
        expire(nowMs);
        Entry e = entries.get(id);
        if (e == null) {
            if (entries.size() >= capacity) {
                Iterator<Entry> oldest = entries.values().iterator();
                release(oldest.next());
                oldest.remove();
            }
            e = new Entry(id, nowMs);
            entries.put(id, e);
        }
        return e;
    }

    private Outcome completeIfReady(Entry e, byte[] out) {
        if (e.head == null || e.total == 0) return INCOMPLETE;
        int len = e.headLength;
        for (int k = 1; k < e.total; k++) {
            if (e.fragments[k] == null) return INCOMPLETE;
            len += e.fragmentLengths[k];
        }
        entries.remove(e.id);
        if (len > MAX_LENGTH) {
            release(e);
            return new Rejected(Reason.TOO_LONG);
        }
        if (out == null || out.length < len) out = new byte[len];
        System.arraycopy(e.head, 0, out, 0, e.headLength);
        int p = e.headLength;
        for (int k = 1; k < e.total; k++) {
            System.arraycopy(e.fragments[k], 0, out, p, e.fragmentLengths[k]);
            p += e.fragmentLengths[k];
        }
        release(e);
        return new Assembled(new Packet(out, len));
    }

    private static long readId(byte[] d, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (d[off + i] & 0xffL);
        return v;
    }

    /** One packet being assembled. */
    private static final class Entry {
        final long id;
        final long createdMs;
        byte[] head;
        int headLength;
        int total; // 0 until a fragment tells
        final byte[][] fragments = new byte[MAX_FRAGMENTS][];
        final int[] fragmentLengths = new int[MAX_FRAGMENTS];

        Entry(long id, long createdMs) {
            this.id = id;
            this.createdMs = createdMs;
        }
    }
}
