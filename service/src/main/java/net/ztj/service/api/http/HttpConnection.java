package net.ztj.service.api.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Serves one TCP connection: up to {@value #MAX_REQUESTS} requests, each answered before the next is read, closed
 * after {@value #IDLE_TIMEOUT_MS} ms without a request (spec 05 §5.2, §10).
 */
final class HttpConnection {
    static final int MAX_REQUESTS = 5;
    static final int IDLE_TIMEOUT_MS = 5000;
    private static final String KEEP_ALIVE = "timeout=" + IDLE_TIMEOUT_MS / 1000 + ", max=" + MAX_REQUESTS;

    private final Socket socket;
    private final boolean ipv4Listener;
    private final HttpHandler handler;

    HttpConnection(Socket socket, boolean ipv4Listener, HttpHandler handler) {
        this.socket = socket;
        this.ipv4Listener = ipv4Listener;
        this.handler = handler;
    }

    void serve() {
        try (socket) {
            socket.setSoTimeout(IDLE_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            HttpRequestReader reader = new HttpRequestReader(new BufferedInputStream(socket.getInputStream()), out,
                    socket.getInetAddress(), ipv4Listener);
            for (int n = 1; n <= MAX_REQUESTS; n++) {
                HttpRequest request;
                try {
                    request = reader.next();
                } catch (BadRequestException e) {
                    write(out, HttpResponse.empty(e.status()), false, true);
                    return;
                }
                if (request == null) return;
                boolean close = n == MAX_REQUESTS || wantsClose(request);
                HttpResponse response;
                try {
                    response = handler.handle(request);
                } catch (RuntimeException e) {
                    response = HttpResponse.empty(500);
                }
                write(out, response, "HEAD".equals(request.method()), close);
                if (close) return;
            }
        } catch (IOException e) {
            // timeout, reset or closed by the client: the connection ends
        }
    }

    private static boolean wantsClose(HttpRequest request) {
        String connection = request.header("Connection").orElse("");
        if ("close".equalsIgnoreCase(connection)) return true;
        return "HTTP/1.0".equals(request.version()) && !"keep-alive".equalsIgnoreCase(connection);
    }

    /** Status line, then the headers in the reference's (case-insensitively sorted) order, then the body. */
    private static void write(OutputStream out, HttpResponse r, boolean head, boolean close) throws IOException {
        StringBuilder h = new StringBuilder(160);
        h.append("HTTP/1.1 ").append(r.status()).append(' ').append(HttpStatus.reason(r.status())).append("\r\n");
        if (r.acceptRanges()) h.append("Accept-Ranges: bytes\r\n");
        if (close) h.append("Connection: close\r\n");
        h.append("Content-Length: ").append(r.body().length).append("\r\n");
        if (r.contentType() != null) h.append("Content-Type: ").append(r.contentType()).append("\r\n");
        if (!close) h.append("Keep-Alive: ").append(KEEP_ALIVE).append("\r\n");
        h.append("\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) out.write(r.body());
        out.flush();
    }
}
