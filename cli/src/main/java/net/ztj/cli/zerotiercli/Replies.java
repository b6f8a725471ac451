package net.ztj.cli.zerotiercli;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.service.json.JsonText;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.ToIntFunction;

/** The reference's ways of reporting a response (spec 05 §6.3). */
final class Replies {
    private Replies() {}

    /** For a status of 0 on the listing commands. The port and address in the hint are fixed text. */
    static int errorConnecting(CliContext c, ApiResponse r) {
        c.println("Error connecting to the ZeroTier service: " + r.text() + "\n\nPlease check that the service is "
                + "running and that TCP port 9993 can be contacted via 127.0.0.1.");
        return 1;
    }

    /** {@code <status> <command> <body>}: any other unsuccessful answer. */
    static int failure(CliContext c, ApiResponse r) {
        return failure(c, c.command(), r);
    }

    static int failure(CliContext c, String command, ApiResponse r) {
        c.print(r.status() + " " + command + " ");
        CliOutput.raw(c.io().out(), r.body());
        c.print("\n");
        return 1;
    }

    /** The parsed body, or empty after printing {@code <status> <command> invalid JSON response (<reason>)}. */
    static Optional<JsonNode> parse(CliContext c, ApiResponse r) {
        try {
            return Optional.of(JsonText.parse(r.text()));
        } catch (JsonText.SyntaxException e) {
            c.println(r.status() + " " + c.command() + " invalid JSON response (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /** "JSON mode": one-space indentation, sorted keys, newline. */
    static void printJson(CliContext c, JsonNode n) {
        c.println(JsonText.indented(n, 1));
    }

    /** The body exactly as received, no newline added. */
    static void raw(CliContext c, ApiResponse r) {
        CliOutput.raw(c.io().out(), r.body());
    }

    /**
     * The listing commands' shape: GET, then "Error connecting" for status 0, the invalid-JSON line for a body that
     * is not JSON, the failure line for any status but 200, and {@code on200} otherwise.
     */
    static int getJson(CliContext c, String path, ToIntFunction<JsonNode> on200) {
        ApiResponse r = c.api().get(path);
        if (r.status() == 0) return errorConnecting(c, r);
        Optional<JsonNode> json = parse(c, r);
        if (json.isEmpty()) return 1;
        if (r.status() != 200) return failure(c, r);
        return on200.applyAsInt(json.get());
    }

    /** Length in bytes, as the reference's std::string measures an argument. */
    static int byteLength(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
