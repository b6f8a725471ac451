package net.ztj.transport.portmap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The little HTTP/1.1 that UPnP IGD control needs, on a connection of its own per request: a GET of the device
 * description or a SOAP POST out, one answer in. Written by hand because the JDK's {@code HttpURLConnection} keeps a
 * connection for reuse when the answer lacks {@code Connection: close}, even though the request asked for it, and
 * then sends the next POST on a connection the gateway has closed meanwhile: the POST fails ("Unexpected end of
 * file") and, not being idempotent, is not retried. A gateway is never asked to keep a connection here.
 *
 * <p>The reader takes what a gateway's web server may send: a status line, at most {@value #MAX_HEADERS} header lines
 * of at most {@value #MAX_LINE} bytes each, then a body delimited by {@code Content-Length}, by chunked transfer
 * coding, or by the end of the connection; up to {@value #MAX_INTERIM} interim (1xx) answers before the real one are
 * skipped. Anything else, or a body longer than the caller's limit, is refused with {@link Malformed}.
 */
final class UpnpHttp {
    static final int MAX_HEADERS = 100;
    static final int MAX_LINE = 8 * 1024;
    static final int MAX_INTERIM = 4;

    private UpnpHttp() {}

    /** An answer: its status code and its body (empty for 204, 304 and a HEAD-less empty answer). */
    record Answer(int status, byte[] body) {}

    /** What a gateway sent is not an HTTP answer this reader takes. */
    static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    /**
     * The bytes of a request to {@code url}: a GET when {@code soapAction} is null, else a POST of {@code body} as
     * a SOAP request naming that action.
     */
    static byte[] request(URI url, String soapAction, byte[] body) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) path += "?" + url.getRawQuery();
        String host = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
        StringBuilder head = new StringBuilder(256)
                .append(soapAction == null ? "GET " : "POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Connection: close\r\n");
        if (soapAction != null) {
            head.append("Content-Type: text/xml; charset=\"utf-8\"\r\n")
                    .append("SOAPAction: ").append(soapAction).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (soapAction == null) return h;
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Reads one answer from {@code in}; its body may be at most {@code maxBody} bytes. */
    static Answer read(InputStream in, int maxBody) throws IOException {
        for (int interim = 0; ; interim++) {
            int status = statusOf(line(in, true));
            long contentLength = -1;
            boolean chunked = false;
            for (int n = 0; ; n++) {
                String header = line(in, false);
                if (header.isEmpty()) break;
                if (n == MAX_HEADERS) throw new Malformed("more than " + MAX_HEADERS + " header lines");
                int colon = header.indexOf(':');
                if (colon <= 0) throw new Malformed("a header line without a name");
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    long length = parseLength(value);
                    if (contentLength >= 0 && contentLength != length) throw new Malformed("two Content-Lengths");
                    contentLength = length;
                } else if (name.equals("transfer-encoding")) {
                    String coding = value.toLowerCase(Locale.ROOT);
                    if (coding.equals("chunked")) chunked = true;
                    else if (!coding.equals("identity")) throw new Malformed("transfer coding " + value);
                }
            }
            if (status >= 100 && status < 200) {
                if (interim == MAX_INTERIM) throw new Malformed("more than " + MAX_INTERIM + " interim answers");
                continue;
            }
            if (status == 204 || status == 304) return new Answer(status, new byte[0]);
            byte[] body;
            if (chunked) body = chunkedBody(in, maxBody);
            else if (contentLength >= 0) body = exactly(in, contentLength, maxBody);
            else body = toEnd(in, maxBody);
            return new Answer(status, body);
        }
    }

    private static int statusOf(String line) throws Malformed {
        // HTTP/1.1 200 OK   (the reason phrase may be missing or empty)
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' '
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new Malformed("not an HTTP/1.x status line");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') throw new Malformed("a status code that is not 3 digits");
            status = status * 10 + (c - '0');
        }
        if (status < 100) throw new Malformed("status " + status);
        return status;
    }

    private static long parseLength(String value) throws Malformed {
        if (value.isEmpty() || value.length() > 18) throw new Malformed("Content-Length '" + value + "'");
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') throw new Malformed("Content-Length '" + value + "'");
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static byte[] exactly(InputStream in, long length, int maxBody) throws IOException {
        if (length > maxBody) throw new Malformed("a body of " + length + " bytes, more than " + maxBody);
        byte[] body = in.readNBytes((int) length);
        if (body.length != length) throw new Malformed("the connection ended inside the body");
        return body;
    }

    private static byte[] toEnd(InputStream in, int maxBody) throws IOException {
        byte[] body = in.readNBytes(maxBody + 1);
        if (body.length > maxBody) throw new Malformed("a body longer than " + maxBody + " bytes");
        return body;
    }

    private static byte[] chunkedBody(InputStream in, int maxBody) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in, false);
            int semicolon = sizeLine.indexOf(';'); // chunk extensions are ignored
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            if (hex.isEmpty() || hex.length() > 8) throw new Malformed("chunk size '" + hex + "'");
            long size = 0;
            for (int i = 0; i < hex.length(); i++) {
                int d = Character.digit(hex.charAt(i), 16);
                if (d < 0) throw new Malformed("chunk size '" + hex + "'");
                size = size * 16 + d;
            }
            if (size == 0) break;
            if (body.size() + size > maxBody) throw new Malformed("a body longer than " + maxBody + " bytes");
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length != size) throw new Malformed("the connection ended inside a chunk");
            body.write(chunk);
            if (!line(in, false).isEmpty()) throw new Malformed("a chunk longer than its size");
        }
        for (int n = 0; !line(in, false).isEmpty(); n++) { // trailers, ignored
            if (n == MAX_HEADERS) throw new Malformed("more than " + MAX_HEADERS + " trailer lines");
        }
        return body.toByteArray();
    }

    /**
     * One line without its end (CRLF, or a bare LF as lenient servers send), at most {@link #MAX_LINE} bytes. The
     * end of the connection before any byte of a status line is "no answer"; inside a line it is a truncated one.
     */
    private static String line(InputStream in, boolean statusLine) throws IOException {
        StringBuilder s = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new Malformed(statusLine && s.isEmpty() ? "no answer" : "the connection ended inside a line");
            }
            if (b == '\n') {
                int end = s.length();
                if (end > 0 && s.charAt(end - 1) == '\r') s.setLength(end - 1);
                return s.toString();
            }
            if (s.length() == MAX_LINE) throw new Malformed("a line longer than " + MAX_LINE + " bytes");
            s.append((char) b);
        }
    }
}
