package net.ztj.core.network.config;

import java.nio.charset.StandardCharsets;

/** Cuts text to a byte budget the way a C buffer would, without splitting a character. */
final class Utf8 {
    private Utf8() {
    }

    static String truncate(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= maxBytes) return s;
        int n = maxBytes;
        while (n > 0 && (b[n] & 0xc0) == 0x80) n--; // back off to a character boundary
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
