package net.ztj.service.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Speaks HTTP/1.1 over a plain socket, so tests see exactly the bytes the server writes (status line, header names
 * and order, body) and send exactly the request they mean (no Host header unless written).
 */
public final class RawHttp implements AutoCloseable {
    /** A response as received: the status line, header lines in order, the body. */
    public record Response(String statusLine, List<String> headers, String body) {
        public int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        /** The head as curl -i shows it (CR removed), without the body. */
        public String head() {
            return statusLine + "\n" + String.join("\n", headers) + "\n";
        }

        public String header(String name) {
            for (String h : headers) {
                int c = h.indexOf(':');
                if (h.substring(0, c).equalsIgnoreCase(name)) return h.substring(c + 1).strip();
            }
            return null;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawHttp(InetAddress host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** One request on a fresh connection. */
    public static Response exchange(InetAddress host, int port, String request) throws IOException {
        try (RawHttp http = new RawHttp(host, port)) {
            return http.send(request, request.startsWith("HEAD "));
        }
    }

    /** Sends a request ({@code \n} line ends are sent as CR LF) and reads one response. */
    public Response send(String request, boolean head) throws IOException {
        out.write(request.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read(head);
    }

    /** Sends bytes as they are, reading nothing. */
    public void write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one response. */
    public Response read(boolean head) throws IOException {
        String status = line();
        List<String> headers = new ArrayList<>();
        int length = 0;
        for (String h = line(); !h.isEmpty(); h = line()) {
            headers.add(h);
            if (h.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(h.substring(15).strip());
        }
        byte[] body = head ? new byte[0] : in.readNBytes(length);
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * True if the server closed the connection (end of stream, or a reset, within the socket timeout); false if a byte
     * arrived instead. A server that closes with unread input resets the connection, so both count.
     */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new IOException("connection closed");
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
