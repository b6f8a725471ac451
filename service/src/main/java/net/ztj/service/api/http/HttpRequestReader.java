package net.ztj.service.api.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads requests from a connection: request line, headers (no {@code Host} needed), body delimited by
 * {@code Content-Length} or chunked; answers {@code Expect: 100-continue}.
 */
final class HttpRequestReader {
    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;
    static final int MAX_BODY = 16 * 1024 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final InetAddress remote;
    private final boolean ipv4Listener;

    HttpRequestReader(InputStream in, OutputStream out, InetAddress remote, boolean ipv4Listener) {
        this.in = in;
        this.out = out;
        this.remote = remote;
        this.ipv4Listener = ipv4Listener;
    }

    /**
     * The next request, or null when the client closed the connection before sending one.
     *
     * @throws BadRequestException for a malformed request
     * @throws IOException         on a read error or timeout
     */
    HttpRequest next() throws IOException, BadRequestException {
        String requestLine = readLine(true);
        if (requestLine == null) return null;
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequestException(400, "bad request line");
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int n = 0; ; n++) {
            String line = readLine(false);
            if (line.isEmpty()) break;
            if (n >= MAX_HEADERS) throw new BadRequestException(400, "too many headers");
            int colon = line.indexOf(':');
            if (colon <= 0) throw new BadRequestException(400, "bad header line");
            headers.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        String target = parts[1];
        int q = target.indexOf('?');
        String path = PercentDecoding.decode(q >= 0 ? target.substring(0, q) : target, false);
        Map<String, String> query = q >= 0 ? parseQuery(target.substring(q + 1)) : Map.of();
        if ("100-continue".equalsIgnoreCase(headers.get("Expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        byte[] body = readBody(headers);
        return new HttpRequest(parts[0], path, query, headers, body, parts[2], remote, ipv4Listener);
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = PercentDecoding.decode(eq >= 0 ? pair.substring(0, eq) : pair, true);
            String value = eq >= 0 ? PercentDecoding.decode(pair.substring(eq + 1), true) : "";
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private byte[] readBody(Map<String, String> headers) throws IOException, BadRequestException {
        String te = headers.get("Transfer-Encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) return readChunked();
        String cl = headers.get("Content-Length");
        if (cl == null) return new byte[0];
        long length;
        try {
            length = Long.parseLong(cl.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException(400, "bad Content-Length");
        }
        if (length < 0) throw new BadRequestException(400, "bad Content-Length");
        if (length > MAX_BODY) throw new BadRequestException(413, "body too large");
        return readExactly((int) length);
    }

    private byte[] readChunked() throws IOException, BadRequestException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(false);
            int semi = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).strip(), 16);
            } catch (NumberFormatException e) {
                throw new BadRequestException(400, "bad chunk size");
            }
            if (size < 0 || body.size() + (long) size > MAX_BODY) throw new BadRequestException(413, "body too large");
            if (size == 0) break;
            body.write(readExactly(size));
            readLine(false); // CRLF after the chunk
        }
        while (!readLine(false).isEmpty()) {
            // trailers are ignored
        }
        return body.toByteArray();
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) throw new EOFException("body ended early");
        return b;
    }

    /** A line without its CR LF (a bare LF is accepted too); null at end of stream if {@code eofOk}. */
    private String readLine(boolean eofOk) throws IOException, BadRequestException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (eofOk && line.size() == 0) return null;
                throw new EOFException("connection closed mid-request");
            }
            if (c == '\n') break;
            if (line.size() >= MAX_LINE) throw new BadRequestException(414, "line too long");
            line.write(c);
        }
        byte[] b = line.toByteArray();
        int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        return new String(b, 0, len, StandardCharsets.ISO_8859_1);
    }
}
