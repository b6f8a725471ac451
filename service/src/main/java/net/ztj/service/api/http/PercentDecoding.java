package net.ztj.service.api.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** URL percent-decoding of paths and query parts; {@code +} is a space in query parts only. */
final class PercentDecoding {
    private PercentDecoding() {}

    static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < in.length; i++) {
            int c = in[i] & 0xff;
            if (c == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write((hex(in[i + 1]) << 4) | hex(in[i + 2]));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) (b & 0xff), 16);
    }
}
