package net.ztj.transport.portmap;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * One request and its answer over UDP with RFC 6886's retransmission: first wait 250 ms, doubling after each
 * unanswered send. Datagrams from elsewhere or that do not decode to the expected answer are dropped and counted.
 */
final class UdpExchange {
    static final int FIRST_WAIT_MS = 250;
    /** 250 + 500 + 1000 + 2000 ms: under 4 s without an answer (the reference waits up to 5 s). */
    static final int SENDS = 4;

    private final LongAdder dropped;

    UdpExchange(LongAdder dropped) {
        this.dropped = dropped;
    }

    /** Decodes a datagram into the expected answer, or empty to drop it. */
    interface Decoder<T> {
        Optional<T> decode(byte[] datagram, int length);
    }

    /**
     * Sends what {@code request} builds for the local address the socket got, until an answer decodes.
     *
     * @return empty if none came or the socket failed
     */
    <T> Optional<T> exchange(InetSocketAddress server, Function<InetAddress, byte[]> request, Decoder<T> decoder)
            throws InterruptedException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            byte[] out = request.apply(socket.getLocalAddress());
            byte[] in = new byte[1100]; // PCP's largest message
            int waitMs = FIRST_WAIT_MS;
            for (int send = 0; send < SENDS; send++, waitMs *= 2) {
                socket.send(new DatagramPacket(out, out.length));
                long deadline = System.nanoTime() + waitMs * 1_000_000L;
                while (true) {
                    if (Thread.interrupted()) throw new InterruptedException();
                    long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
                    if (leftMs <= 0) break;
                    socket.setSoTimeout((int) leftMs);
                    DatagramPacket p = new DatagramPacket(in, in.length);
                    try {
                        socket.receive(p);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    Optional<T> answer = decoder.decode(in, p.getLength());
                    if (answer.isPresent()) return answer;
                    dropped.increment();
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            return Optional.empty();
        }
    }
}
