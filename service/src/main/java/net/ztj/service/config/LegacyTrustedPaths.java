package net.ztj.service.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The home folder's {@code trustedpaths} file, the flat format ZeroTier One still reads beside local.conf's
 * {@code physical.<network>.trustedPathId}: one entry per line, a trusted path ID in hexadecimal and a network
 * ({@code ip/bits}), separated by spaces, tabs or '='. An entry counts when its ID is not 0 and its network has an
 * address and at least one bit; anything else on a line is ignored, as 1.14 ignores it. Its entries come first:
 * local.conf's physical section then sets the MTU of the same network and replaces the ID when it names one.
 * Reading it prints 1.14's deprecation warning each time (at start and at each reload of local.conf).
 */
public final class LegacyTrustedPaths {
    /** The file's name in the home folder. */
    public static final String FILE_NAME = "trustedpaths";

    static final String DEPRECATED =
            "WARNING: 'trustedpaths' flat file format is deprecated in favor of path definitions in local.conf";

    /** More than this is not a list of networks; the rest is ignored with a warning. */
    static final int MAX_BYTES = 1 << 20;

    private LegacyTrustedPaths() {
    }

    /** The trusted networks of the file (in the order read; a later line for a network replaces an earlier one). */
    public static Map<IpNetwork, Long> read(Path file, Consumer<String> warnings) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException | SecurityException e) {
            warnings.accept("WARNING: " + file.getFileName() + ": cannot be read (" + e.getMessage() + "); ignored");
            return Map.of();
        }
        warnings.accept(DEPRECATED);
        if (bytes.length > MAX_BYTES) {
            warnings.accept("WARNING: " + file.getFileName() + ": longer than " + MAX_BYTES + " bytes; the rest is ignored");
            bytes = java.util.Arrays.copyOf(bytes, MAX_BYTES);
        }
        return parse(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    /** The entries of the file's text. */
    static Map<IpNetwork, Long> parse(String text) {
        Map<IpNetwork, Long> entries = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            String[] fields = java.util.Arrays.stream(line.split("[=\\r \\t]+")).filter(f -> !f.isEmpty())
                    .toArray(String[]::new);
            if (fields.length < 2) continue;
            long id = hexToUnsigned(fields[0]);
            Optional<IpNetwork> network = IpNetwork.parse(fields[1]);
            if (id != 0 && network.isPresent() && network.get().bits() > 0) entries.put(network.get(), id);
        }
        return entries;
    }

    /**
     * A hexadecimal number as C's strtoull reads one: an optional sign and "0x", then hex digits up to the first
     * other character (none: 0); too many digits saturate at 2^64 - 1; a minus sign negates modulo 2^64.
     */
    static long hexToUnsigned(String s) {
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) negative = s.charAt(i++) == '-';
        if (s.regionMatches(true, i, "0x", 0, 2) && i + 2 < s.length() && hexDigit(s.charAt(i + 2)) >= 0) i += 2;
        long value = 0;
        boolean saturated = false;
        for (int d; i < s.length() && (d = hexDigit(s.charAt(i))) >= 0; i++) {
            if ((value >>> 60) != 0) saturated = true;
            value = (value << 4) | d;
        }
        if (saturated) return -1L;
        return negative ? -value : value;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
