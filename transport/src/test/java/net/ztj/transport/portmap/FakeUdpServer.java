package net.ztj.transport.portmap;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/** A UDP server on loopback for the client tests: answers each request with what {@code answers} makes of it. */
final class FakeUdpServer implements AutoCloseable {
    final DatagramSocket socket;
    final BlockingQueue<byte[]> requests = new LinkedBlockingQueue<>();
    private final Thread thread;

    FakeUdpServer(Function<byte[], List<byte[]>> answers) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = Thread.ofVirtual().start(() -> {
            byte[] in = new byte[2048];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(in, in.length);
                    socket.receive(p);
                    byte[] request = Arrays.copyOf(in, p.getLength());
                    requests.add(request);
                    for (byte[] a : answers.apply(request)) socket.send(new DatagramPacket(a, a.length, p.getSocketAddress()));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join();
    }
}
