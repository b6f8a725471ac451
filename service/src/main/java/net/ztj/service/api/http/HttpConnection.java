package net.ztj.service.api.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;

/**
 * Serves one TCP connection: up to {@value #MAX_REQUESTS} requests, each answered before the next is read (spec 05
 * §5.2, §10). Each request is judged by the handler from its head before any byte of its body is read: a refused
 * request is answered at once, and if it announced a body the connection is closed without reading it; only an
 * admitted request gets {@code 100 Continue} and has its body read, up to the body limit. The head must arrive
 * within the head timeout and the whole exchange end within the request timeout, or the socket is closed.
 */
final class HttpConnection {
    static final int MAX_REQUESTS = 5;
    private static final String KEEP_ALIVE = "timeout=5, max=" + MAX_REQUESTS;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final boolean ipv4Listener;
    private final HttpHandler handler;
    private final ConnectionGovernor governor;
    private final HttpLimits limits;
    private ScheduledFuture<?> deadline; // the connection thread's own
    private volatile boolean started;

    HttpConnection(Socket socket, boolean ipv4Listener, HttpHandler handler, ConnectionGovernor governor) {
        this.socket = socket;
        this.ipv4Listener = ipv4Listener;
        this.handler = handler;
        this.governor = governor;
        this.limits = governor.limits();
    }

    void serve() {
        started = true;
        try (socket) {
            // a backstop only: the deadlines below are what bound a request
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, limits.requestTimeoutMs()));
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            for (int n = 1; n <= MAX_REQUESTS; n++) {
                long start = System.nanoTime();
                closeAt(start + limits.headTimeoutMs() * 1_000_000);
                HttpRequestHead head;
                try {
                    head = HttpRequestDecoder.readHead(in);
                } catch (BadRequestException e) {
                    write(out, HttpResponse.empty(e.status()), false, true);
                    return;
                }
                if (head == null) return;
                closeAt(start + limits.requestTimeoutMs() * 1_000_000);
                if (!serve(head, n == MAX_REQUESTS, in, out)) return;
            }
        } catch (IOException e) {
            // timeout, deadline, eviction, reset or closed by the client: the connection ends
        } finally {
            if (deadline != null) deadline.cancel(false);
            governor.closed(this);
        }
    }

    /** One request whose head has been read; whether the connection stays open. */
    private boolean serve(HttpRequestHead head, boolean last, InputStream in, OutputStream out) throws IOException {
        boolean headOnly = "HEAD".equals(head.method());
        boolean close = last || wantsClose(head);
        Admission admission;
        try {
            admission = handler.admit(head, socket.getInetAddress());
        } catch (RuntimeException e) {
            admission = new Admission.Refused(HttpResponse.empty(500));
        }
        switch (admission) {
            case Admission.Refused refused -> {
                close |= head.declaresBody(); // its body is not read, so nothing after it can be
                write(out, refused.response(), headOnly, close);
                return !close;
            }
            case Admission.Authenticated _ -> governor.authenticated(this);
            case Admission.Open _ -> { }
        }
        byte[] body;
        try {
            HttpRequestDecoder.BodyFraming framing = HttpRequestDecoder.framing(head, limits.maxBodyBytes());
            if ("100-continue".equalsIgnoreCase(head.headers().get("Expect"))) {
                out.write(CONTINUE);
                out.flush();
            }
            body = HttpRequestDecoder.readBody(in, framing, limits.maxBodyBytes());
        } catch (BadRequestException e) {
            write(out, HttpResponse.empty(e.status()), false, true);
            return false;
        }
        HttpResponse response;
        try {
            response = handler.handle(head.withBody(body, socket.getInetAddress(), ipv4Listener));
        } catch (RuntimeException e) {
            response = HttpResponse.empty(500);
        }
        write(out, response, headOnly, close);
        return !close;
    }

    /** Whether its thread has begun to serve it (so has read, or is about to read, what the client sent first). */
    boolean started() {
        return started;
    }

    /** Replaces the connection's deadline: at {@code nanoTime} the socket is closed. */
    private void closeAt(long nanoTime) {
        if (deadline != null) deadline.cancel(false);
        deadline = governor.after(nanoTime - System.nanoTime(), this::abort);
    }

    /** Closes the socket from any thread; the connection's blocked read or write then fails and it ends. */
    void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    private static boolean wantsClose(HttpRequestHead head) {
        String connection = head.header("Connection").orElse("");
        if ("close".equalsIgnoreCase(connection)) return true;
        return "HTTP/1.0".equals(head.version()) && !"keep-alive".equalsIgnoreCase(connection);
    }

    /** Status line, then the headers in the reference's (case-insensitively sorted) order, then the body. */
    private static void write(OutputStream out, HttpResponse r, boolean head, boolean close) throws IOException {
        java.util.TreeMap<String, String> fields = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        fields.putAll(r.headers());
        if (r.acceptRanges()) fields.put("Accept-Ranges", "bytes");
        if (close) fields.put("Connection", "close");
        fields.put("Content-Length", Integer.toString(r.body().length));
        if (r.contentType() != null) fields.put("Content-Type", r.contentType());
        if (!close) fields.put("Keep-Alive", KEEP_ALIVE);
        StringBuilder h = new StringBuilder(160);
        h.append("HTTP/1.1 ").append(r.status()).append(' ').append(HttpStatus.reason(r.status())).append("\r\n");
        fields.forEach((name, value) -> h.append(name).append(": ").append(value).append("\r\n"));
        h.append("\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) out.write(r.body());
        out.flush();
    }
}
