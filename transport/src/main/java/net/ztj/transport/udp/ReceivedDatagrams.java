package net.ztj.transport.udp;

import java.util.Objects;
import net.ztj.core.wire.Endpoint;
import net.ztj.linux.PacketBatch;

/**
 * The datagrams one receive call gave (recvmmsg: up to {@link UdpSocket#RECEIVE_BATCH} at once), each with its
 * sender. Owned by the socket's receive thread and reused from call to call: valid only during
 * {@link DatagramSink#receive(long, ReceivedDatagrams)}.
 */
public final class ReceivedDatagrams extends PacketBatch {
    private final int slot;
    private final Endpoint[] senders;

    ReceivedDatagrams(int capacity, int slot) {
        super(capacity * slot, capacity);
        this.slot = slot;
        this.senders = new Endpoint[capacity];
    }

    public Endpoint from(int i) {
        Objects.checkIndex(i, count());
        return senders[i];
    }

    /** Where the next datagram's bytes go (then {@link #commit}). */
    int nextOffset() {
        return count() * slot;
    }

    void commit(int length, Endpoint from) {
        senders[append(nextOffset(), length)] = from;
    }
}
