package net.ztj.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.List;

/**
 * Loads the known-answer vectors produced by ZeroTier One 1.14.1. The files are a byte-identical copy of
 * {@code shared/vectors}, shipped as resources so the project stands alone when cloned elsewhere.
 */
public final class Vectors {
    /** Every vector file this project keeps a copy of. */
    public static final List<String> FILES = List.of(
            "README.md", "c25519.json", "controller_api_examples.json", "controller_ip_assignment.json",
            "crypto-primitives.json", "hello-exchange.json", "identities.json", "networks_com.json",
            "networks_config_request.json", "networks_credentials.json", "networks_dictionary.json",
            "networks_ipv6_addresses.json", "networks_mac_multicast.json", "networks_networkconfig.json",
            "networks_rules.json", "packets.json", "worlds.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private Vectors() {}

    /** Raw bytes of one vector file. */
    public static byte[] bytes(String file) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + file)) {
            if (in == null) throw new IllegalArgumentException("no vector file " + file);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A vector file parsed as JSON. */
    public static JsonNode json(String file) {
        try {
            return JSON.readTree(bytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a lowercase (or uppercase) hex string from a vector. */
    public static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    /** Decodes the hex text of a JSON field. */
    public static byte[] hex(JsonNode node) {
        if (node == null || node.isNull()) throw new IllegalArgumentException("missing hex field");
        return HEX.parseHex(node.asText());
    }

    /** Lowercase hex of bytes, for comparisons with vector fields. */
    public static String toHex(byte[] b) {
        return HEX.formatHex(b);
    }
}
