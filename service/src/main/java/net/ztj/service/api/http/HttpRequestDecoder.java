package net.ztj.service.api.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes HTTP/1.x requests from a stream, in two steps so that nothing of the body is read before the head has been
 * judged: {@link #readHead} (request line and headers, no {@code Host} needed), then {@link #framing} and
 * {@link #readBody} (delimited by {@code Content-Length} or chunked). Pure functions of the bytes: no socket, no
 * clock, no answer written (the connection sends {@code 100 Continue} itself), so they can be fuzzed alone. Every
 * buffer is bounded: a line by {@value #MAX_LINE} bytes, a head by {@value #MAX_HEAD}, a body by the caller's limit,
 * and a body's buffer grows with the bytes received, never to a declared length. Malformed or oversized input is a
 * {@link BadRequestException}; a stream that ends early is an {@link EOFException}.
 */
public final class HttpRequestDecoder {
    static final int MAX_LINE = 8192;
    static final int MAX_HEADERS = 100;
    static final int MAX_HEAD = 64 * 1024;

    private HttpRequestDecoder() {}

    /** How the body after a head is delimited. */
    public sealed interface BodyFraming {
        /** No body. */
        record None() implements BodyFraming {}

        /** Exactly {@code length} bytes (at most the limit given to {@link #framing}). */
        record Fixed(int length) implements BodyFraming {}

        /** Chunked transfer coding. */
        record Chunked() implements BodyFraming {}
    }

    /**
     * Reads a request line and its headers, nothing beyond the blank line that ends them (with a buffered stream the
     * buffer may hold more; it is bounded by its own size).
     *
     * @return the head, or null if the stream ended before the first byte
     * @throws BadRequestException 400 for a malformed head, 414 for a request line over {@value #MAX_LINE} bytes, 431
     *                             for a header line over that or a head over {@value #MAX_HEAD} bytes
     */
    public static HttpRequestHead readHead(InputStream in) throws IOException, BadRequestException {
        Lines lines = new Lines(in, MAX_HEAD);
        String requestLine = lines.next(true, 414);
        if (requestLine == null) return null;
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequestException(400, "bad request line");
        }
        Map<String, String> headers = readFields(lines);
        String target = parts[1];
        int q = target.indexOf('?');
        String path = PercentDecoding.decode(q >= 0 ? target.substring(0, q) : target, false);
        Map<String, String> query = q >= 0 ? parseQuery(target.substring(q + 1)) : Map.of();
        return new HttpRequestHead(parts[0], path, query, headers, parts[2]);
    }

    /** Header (or trailer) fields up to the blank line. */
    private static Map<String, String> readFields(Lines lines) throws IOException, BadRequestException {
        Map<String, String> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int n = 0; ; n++) {
            String line = lines.next(false, 431);
            if (line.isEmpty()) return fields;
            if (n >= MAX_HEADERS) throw new BadRequestException(431, "too many header fields");
            int colon = line.indexOf(':');
            if (colon <= 0) throw new BadRequestException(400, "bad header line");
            String name = line.substring(0, colon);
            if (!name.equals(name.strip()) || name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0) {
                throw new BadRequestException(400, "bad header name");
            }
            fields.putIfAbsent(name, line.substring(colon + 1).strip());
        }
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

    /**
     * How the head's body is delimited, judged from the head alone: chunked if {@code Transfer-Encoding} names it,
     * else {@code Content-Length}, else none.
     *
     * @param maxBody the largest body accepted
     * @throws BadRequestException 400 for a {@code Content-Length} that is not a decimal number, 413 for one above
     *                             {@code maxBody}
     */
    public static BodyFraming framing(HttpRequestHead head, int maxBody) throws BadRequestException {
        String te = head.headers().get("Transfer-Encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) return new BodyFraming.Chunked();
        String cl = head.headers().get("Content-Length");
        if (cl == null) return new BodyFraming.None();
        long length = decimal(cl.strip(), maxBody);
        if (length > maxBody) throw new BadRequestException(413, "body too large");
        return length == 0 ? new BodyFraming.None() : new BodyFraming.Fixed((int) length);
    }

    /** Digits only (no sign, no spaces); anything above {@code max} is returned as {@code max + 1}. */
    private static long decimal(String s, int max) throws BadRequestException {
        if (s.isEmpty()) throw new BadRequestException(400, "bad Content-Length");
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) throw new BadRequestException(400, "bad Content-Length");
            value = Math.min(value * 10 + d, max + 1L);
        }
        return value;
    }

    /**
     * Reads the body {@code framing} announces.
     *
     * @param maxBody the largest body accepted (a chunked body is refused as soon as it would cross it)
     * @throws BadRequestException 400 for malformed chunked coding, 413 for a chunked body over {@code maxBody}
     */
    public static byte[] readBody(InputStream in, BodyFraming framing, int maxBody) throws IOException, BadRequestException {
        return switch (framing) {
            case BodyFraming.None _ -> new byte[0];
            case BodyFraming.Fixed f -> {
                if (f.length() > maxBody) throw new BadRequestException(413, "body too large");
                yield readExactly(in, f.length());
            }
            case BodyFraming.Chunked _ -> readChunked(in, maxBody);
        };
    }

    private static byte[] readChunked(InputStream in, int maxBody) throws IOException, BadRequestException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        // chunk-size lines and trailers get the head's allowance per line; the chunk count is bounded by the body's
        Lines lines = new Lines(in, Integer.MAX_VALUE);
        while (true) {
            String sizeLine = lines.next(false, 400);
            int semi = sizeLine.indexOf(';');
            long size = hex((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).strip(), maxBody);
            if (body.size() + size > maxBody) throw new BadRequestException(413, "body too large");
            if (size == 0) break;
            body.write(readExactly(in, (int) size));
            if (!lines.next(false, 400).isEmpty()) throw new BadRequestException(400, "no line end after a chunk");
        }
        readFields(new Lines(in, MAX_HEAD)); // trailers are ignored
        return body.toByteArray();
    }

    /** Hex digits only; anything above {@code max} is returned as {@code max + 1}. */
    private static long hex(String s, int max) throws BadRequestException {
        if (s.isEmpty()) throw new BadRequestException(400, "bad chunk size");
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) throw new BadRequestException(400, "bad chunk size");
            value = Math.min(value * 16 + d, max + 1L);
        }
        return value;
    }

    /** Reads n bytes; the buffer grows with what arrives (readNBytes reads in steps), not to n at once. */
    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) throw new EOFException("body ended early");
        return b;
    }

    /** Lines without their CR LF (a bare LF is accepted too), each at most MAX_LINE bytes, all within a budget. */
    private static final class Lines {
        private final InputStream in;
        private final byte[] line = new byte[MAX_LINE];
        private int budget;

        Lines(InputStream in, int budget) {
            this.in = in;
            this.budget = budget;
        }

        /**
         * The next line; null at end of stream before any byte if {@code eofOk}.
         *
         * @param tooLong the status for a line over MAX_LINE bytes
         */
        String next(boolean eofOk, int tooLong) throws IOException, BadRequestException {
            int size = 0;
            while (true) {
                int c = in.read();
                if (c < 0) {
                    if (eofOk && size == 0) return null;
                    throw new EOFException("connection closed mid-request");
                }
                if (--budget < 0) throw new BadRequestException(431, "request head too large");
                if (c == '\n') break;
                if (size >= MAX_LINE) throw new BadRequestException(tooLong, "line too long");
                line[size++] = (byte) c;
            }
            int len = size > 0 && line[size - 1] == '\r' ? size - 1 : size;
            return new String(line, 0, len, StandardCharsets.ISO_8859_1);
        }
    }
}
