package net.ztj.transport.tcprelay;

import net.ztj.core.wire.Endpoint;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/** A relay client speaking the framing over a plain blocking socket, and the waiting helper the tests share. */
final class RelayTestPeer implements AutoCloseable {
    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RelayTestPeer(int port, int receiveBufferBytes) throws IOException {
        socket = new Socket();
        if (receiveBufferBytes > 0) socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    RelayTestPeer(int port) throws IOException {
        this(port, 0);
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void hello() throws IOException {
        write(RelayFrames.hello());
    }

    static byte[] frame(Endpoint to, byte[] datagram) {
        ByteBuffer b = ByteBuffer.allocate(RelayFrames.HEADER_BYTES + RelayFrames.IPV6_BLOCK_BYTES + datagram.length);
        RelayFrames.writeData(b, RelayFrames.addressBlock(to), datagram, 0, datagram.length);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    void send(Endpoint to, byte[] datagram) throws IOException {
        write(frame(to, datagram));
    }

    /** A received datagram frame. */
    record Received(Endpoint from, byte[] data) {}

    /** Reads one frame (blocking, 10 s at most). */
    Received receive() throws IOException {
        byte[] header = new byte[5];
        in.readFully(header);
        int len = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        byte[] payload = new byte[len + 5];
        System.arraycopy(header, 0, payload, 0, 5);
        in.readFully(payload, 5, len);
        RelayFrameReader r = new RelayFrameReader();
        ByteBuffer b = ByteBuffer.wrap(payload);
        if (r.next(b) != RelayFrameReader.Kind.DATAGRAM) throw new IOException("not a datagram frame");
        return new Received(r.endpoint(), java.util.Arrays.copyOfRange(payload, r.datagramOffset(), r.datagramOffset() + r.datagramLength()));
    }

    /** Whether the other side closed the connection (reads until end of stream, 10 s at most). */
    boolean closedByPeer() {
        try {
            while (in.read() >= 0) {
                // discard what was still on the way
            }
            return true;
        } catch (IOException e) {
            return e instanceof java.net.SocketException; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Polls a condition until it holds (fails after the time-out). */
    static void await(String what, long timeoutMs, BooleanSupplier condition) {
        long end = System.nanoTime() + timeoutMs * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
    }
}
