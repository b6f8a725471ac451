package net.ztj.transport.udp;

import java.util.Objects;
import net.ztj.core.wire.Endpoint;
import net.ztj.linux.PacketBatch;

/**
 * The datagrams one receive call gave (recvmmsg: up to {@link UdpSocket#RECEIVE_BATCH} at once, more when the
 * kernel merged some), each with its sender, back to back. Owned by the socket's receive thread and reused from call
 * to call: valid only during {@link DatagramSink#receive(long, ReceivedDatagrams)}.
 */
public final class ReceivedDatagrams extends PacketBatch {
    private final Endpoint[] senders;
    private int end;

    ReceivedDatagrams(int bytes, int datagrams) {
        super(bytes, datagrams);
        this.senders = new Endpoint[datagrams];
    }

    public Endpoint from(int i) {
        Objects.checkIndex(i, count());
        return senders[i];
    }

    /** Where the next datagram's bytes go (then {@link #commit}). */
    int nextOffset() {
        return end;
    }

    /** Whether {@code bytes} more in {@code datagrams} more datagrams fit. */
    boolean fits(int bytes, int datagrams) {
        return hasSlots(datagrams) && end + bytes <= data().length;
    }

    /** Records the next datagram: {@code length} bytes at {@link #nextOffset()}. */
    void commit(int length, Endpoint from) {
        senders[append(end, length)] = from;
        end += length;
    }

    @Override
    public void clear() {
        super.clear();
        end = 0;
    }
}
