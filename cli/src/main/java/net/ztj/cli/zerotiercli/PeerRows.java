package net.ztj.cli.zerotiercli;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.service.json.JsonValues;

import java.util.Optional;

/** What {@code listpeers} and {@code peers} show of a peer object. */
final class PeerRows {
    private PeerRows() {}

    /** The first path marked preferred. */
    static Optional<JsonNode> preferredPath(JsonNode peer) {
        JsonNode paths = peer.get("paths");
        if (paths == null || !paths.isArray()) return Optional.empty();
        for (JsonNode path : paths) {
            if (JsonValues.bool(path.get("preferred"), false)) return Optional.of(path);
        }
        return Optional.empty();
    }

    /** Milliseconds since a time stamp, by the CLI's clock; -1 for a time stamp of 0 (never). */
    static long since(long nowMs, JsonNode timestamp) {
        long t = JsonValues.integer(timestamp, 0);
        return t == 0 ? -1 : nowMs - t;
    }

    /** {@code maj.min.rev}, or {@code -} when the major version is unknown (negative). */
    static String version(JsonNode peer) {
        long major = JsonValues.integer(peer.get("versionMajor"), -1);
        if (major < 0) return "-";
        return major + "." + JsonValues.integer(peer.get("versionMinor"), -1) + "."
                + JsonValues.integer(peer.get("versionRev"), -1);
    }

    static String address(JsonNode peer) {
        return JsonValues.string(peer.get("address"), "-");
    }

    static String role(JsonNode peer) {
        return JsonValues.string(peer.get("role"), "-");
    }

    static int latency(JsonNode peer) {
        return (int) JsonValues.integer(peer.get("latency"), 0);
    }
}
