package net.ztj.cli.zerotiercli;

import java.nio.charset.StandardCharsets;

/**
 * An API response: status and body bytes. Status 0 means the request failed and the body is the error text
 * ({@code connection failed}, {@code timed out}, ...), as with the reference's client.
 */
record ApiResponse(int status, byte[] body) {
    static ApiResponse failed(String error) {
        return new ApiResponse(0, error.getBytes(StandardCharsets.US_ASCII));
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
