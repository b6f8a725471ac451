package net.ztj.cli.zerotiercli;

import net.ztj.core.wire.IpText;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The reference client's requests, byte for byte (spec 05 §6.3): the request line, then only {@code Content-Length}
 * and {@code Content-Type: application/json} (with a body) and {@code X-ZT1-Auth} — no {@code Host}, no
 * {@code Connection}. The response is read until its {@code Content-Length} (or chunked end, or end of stream) is
 * reached; 60 s of silence is a timeout; more than 16 MiB is refused. A plain socket is used because
 * java.net.http.HttpClient always adds {@code Host} and other headers.
 */
final class ApiClient {
    static final int TIMEOUT_MS = 60_000;
    static final int MAX_RESPONSE = 16 * 1024 * 1024;

    private final ApiTarget target;

    ApiClient(ApiTarget target) {
        this.target = target;
    }

    ApiResponse get(String path) {
        return request("GET", path, null);
    }

    ApiResponse post(String path, String body) {
        return request("POST", path, body);
    }

    ApiResponse delete(String path) {
        return request("DELETE", path, null);
    }

    private ApiResponse request(String method, String path, String body) {
        InetAddress host;
        try {
            host = InetAddress.getByAddress(IpText.parse(target.host()));
        } catch (IOException | IllegalArgumentException e) {
            return ApiResponse.failed("connection failed");
        }
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(host, target.port()), TIMEOUT_MS);
            } catch (SocketTimeoutException e) {
                return ApiResponse.failed("timed out");
            } catch (IOException e) {
                return ApiResponse.failed("connection failed");
            }
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(requestBytes(method, path, body));
            out.flush();
            return readResponse(new BufferedInputStream(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            return ApiResponse.failed("timed out");
        } catch (ResponseException e) {
            return ApiResponse.failed(e.getMessage());
        } catch (IOException e) {
            return ApiResponse.failed("connection failed");
        }
    }

    private byte[] requestBytes(String method, String path, String body) {
        StringBuilder h = new StringBuilder();
        h.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (content != null) {
            h.append("Content-Length: ").append(content.length).append("\r\n");
            h.append("Content-Type: application/json\r\n");
        }
        h.append("X-ZT1-Auth: ").append(target.token()).append("\r\n\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (content == null) return head;
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }

    /** A malformed or oversized response. */
    private static final class ResponseException extends IOException {
        ResponseException(String message) {
            super(message);
        }
    }

    private static ApiResponse readResponse(InputStream in) throws IOException {
        String statusLine;
        do {
            statusLine = line(in);
            // an interim 100 Continue is followed by the real response
            if (statusLine.startsWith("HTTP/1.1 100") || statusLine.startsWith("HTTP/1.0 100")) {
                while (!line(in).isEmpty()) {
                    // skip its headers
                }
                statusLine = null;
            }
        } while (statusLine == null);
        String[] parts = statusLine.split(" ", 3);
        int status;
        try {
            status = parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            status = -1;
        }
        if (status < 0) throw new ResponseException("invalid HTTP response");
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon < 0) continue;
            String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).strip();
            if (name.equals("content-length")) {
                try {
                    length = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new ResponseException("invalid HTTP response");
                }
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = chunked ? chunked(in) : length >= 0 ? exactly(in, length) : toEnd(in);
        return new ApiResponse(status, body);
    }

    private static byte[] exactly(InputStream in, long length) throws IOException {
        if (length > MAX_RESPONSE) throw new ResponseException("response too large");
        byte[] b = in.readNBytes((int) length);
        if (b.length != length) throw new ResponseException("connection closed");
        return b;
    }

    private static byte[] toEnd(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_RESPONSE + 1);
        if (b.length > MAX_RESPONSE) throw new ResponseException("response too large");
        return b;
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semi = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).strip(), 16);
            } catch (NumberFormatException e) {
                throw new ResponseException("invalid HTTP response");
            }
            if (size == 0) break;
            if (body.size() + size > MAX_RESPONSE) throw new ResponseException("response too large");
            body.write(exactly(in, size));
            line(in);
        }
        while (!line(in).isEmpty()) {
            // trailers
        }
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new ResponseException("connection closed");
            if (b.size() > 65536) throw new ResponseException("invalid HTTP response");
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
