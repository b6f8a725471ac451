package net.ztj.transport.udp;

import java.util.Objects;
import net.ztj.core.wire.Endpoint;

/**
 * The datagrams one receive call gave (recvmmsg: up to {@link UdpSocket#RECEIVE_BATCH} at once), each with its
 * sender. Owned by the socket's receive thread and reused from call to call: valid only during
 * {@link DatagramSink#receive(long, ReceivedDatagrams)}.
 */
public final class ReceivedDatagrams {
    private final byte[] data;
    private final int slot;
    private final int[] lengths;
    private final Endpoint[] senders;
    private int count;

    ReceivedDatagrams(int capacity, int slot) {
        this.data = new byte[capacity * slot];
        this.slot = slot;
        this.lengths = new int[capacity];
        this.senders = new Endpoint[capacity];
    }

    public int count() {
        return count;
    }

    /** The array holding every datagram; datagram {@code i} is {@code data()[offset(i) .. offset(i)+length(i))}. */
    public byte[] data() {
        return data;
    }

    public int offset(int i) {
        Objects.checkIndex(i, count);
        return i * slot;
    }

    public int length(int i) {
        Objects.checkIndex(i, count);
        return lengths[i];
    }

    public Endpoint from(int i) {
        Objects.checkIndex(i, count);
        return senders[i];
    }

    void clear() {
        count = 0;
    }

    /** Where the next datagram's bytes go (then {@link #commit}). */
    int nextOffset() {
        return count * slot;
    }

    void commit(int length, Endpoint from) {
        lengths[count] = length;
        senders[count] = from;
        count++;
    }
}
