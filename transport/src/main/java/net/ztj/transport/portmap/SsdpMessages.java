package net.ztj.transport.portmap;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * SSDP discovery of an Internet Gateway Device (UPnP Device Architecture 1.1 §1.3): the M-SEARCH request sent to
 * 239.255.255.250:1900 and the unicast answers, of which only the description's location is used.
 */
public final class SsdpMessages {
    public static final String MULTICAST_GROUP = "239.255.255.250";
    public static final int PORT = 1900;
    /** The search targets asked for: both IGD versions (miniupnpd answers either). */
    public static final String IGD_V1 = "urn:schemas-upnp-org:device:InternetGatewayDevice:1";
    public static final String IGD_V2 = "urn:schemas-upnp-org:device:InternetGatewayDevice:2";
    /** Longest answer looked at; real ones are a few hundred bytes. */
    static final int MAX_RESPONSE = 2048;

    private SsdpMessages() {}

    /** An answer to the search. */
    public record Answer(String searchTarget, URI location) {}

    /** The M-SEARCH request for {@code searchTarget}, answers spread over {@code mxSeconds}. */
    public static byte[] search(String searchTarget, int mxSeconds) {
        return ("M-SEARCH * HTTP/1.1\r\n"
                + "HOST: " + MULTICAST_GROUP + ":" + PORT + "\r\n"
                + "MAN: \"ssdp:discover\"\r\n"
                + "MX: " + mxSeconds + "\r\n"
                + "ST: " + searchTarget + "\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Decodes an answer: {@code HTTP/1.1 200}, an ST header and an {@code http://} LOCATION. Empty for anything else
     * (notifications, other replies, malformed text).
     */
    public static Optional<Answer> decode(byte[] datagram, int length) {
        if (length <= 0 || length > Math.min(datagram.length, MAX_RESPONSE)) return Optional.empty();
        String[] lines = new String(datagram, 0, length, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
        if (!lines[0].startsWith("HTTP/1.") || !lines[0].substring(Math.min(8, lines[0].length())).trim().startsWith("200")) {
            return Optional.empty();
        }
        String st = null, location = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) continue;
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("st")) st = value;
            else if (name.equals("location")) location = value;
        }
        if (st == null || location == null) return Optional.empty();
        try {
            URI uri = new URI(location);
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) return Optional.empty();
            return Optional.of(new Answer(st, uri));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
