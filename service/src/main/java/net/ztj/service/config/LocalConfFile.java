package net.ztj.service.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.service.files.FileWriting;
import net.ztj.service.json.JsonText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * local.conf as the running service holds it: loaded at start, changed by {@code POST /config/settings} as ZeroTier
 * One 1.14 changes it (each posted key replaces that key of {@code settings}, the rest of the file is kept), and
 * written back whole and atomically, as the reference writes it: 4-space indentation, keys sorted, no final newline.
 *
 * <p>Unlike the reference, which stores whatever it is sent, a change is validated first as if the service were
 * starting with it: a body that is not an object, a key that is no setting, a value of the wrong type and a database
 * setting the service would refuse are all rejected with a message, and nothing is stored. Messages never carry a
 * password. The file is 0644 as the reference leaves it, but 0600 when it holds a password or was 0600 already.
 *
 * <p>A stored change is shown at once by {@code /config} and {@code /status}; the service applies it when it reloads
 * the file within the next 10 s, as the reference does ({@link LocalConfReload}: what a reload changes), the rest
 * at the next start.
 */
public final class LocalConfFile {
    private static final Pattern CONNINFO_PASSWORD = Pattern.compile("password=(\\S*)");

    private final Optional<Path> file;
    private volatile LocalConf current;
    /** What the running service applies: as loaded at start, then as last reloaded. */
    private volatile LocalConf applied;

    private LocalConfFile(Optional<Path> file, LocalConf loaded) {
        this.file = file;
        this.current = loaded;
        this.applied = loaded;
    }

    /** local.conf at {@code file}, as loaded at start. */
    public static LocalConfFile at(Path file, LocalConf loaded) {
        return new LocalConfFile(Optional.of(file), loaded);
    }

    /** A configuration with no file behind it: shown, never changed. */
    public static LocalConfFile detached(LocalConf conf) {
        return new LocalConfFile(Optional.empty(), conf);
    }

    /** Whether changes can be stored. */
    public boolean writable() {
        return file.isPresent();
    }

    public LocalConf current() {
        return current;
    }

    /** The configuration the service applies (a stored change only once the file is reloaded). */
    public LocalConf applied() {
        return applied;
    }

    /** Holds local.conf as it was read again from the file (see {@link LocalConfReload}), and applies it. */
    public synchronized void reloaded(LocalConf conf) {
        current = conf;
        applied = conf;
    }

    /**
     * Validates the changed settings, writes local.conf and holds the result.
     *
     * @param body the request body: a JSON object of settings
     * @throws LocalConfException with what is wrong (no secret in it); nothing was written
     * @throws IOException        if the file cannot be written; nothing was changed
     */
    public synchronized LocalConf updateSettings(String body) throws LocalConfException, IOException {
        Path path = file.orElseThrow(() -> new IOException("this service has no local.conf to write"));
        JsonNode changes;
        try {
            changes = body == null || body.isBlank() ? null : JsonText.parse(body);
        } catch (JsonText.SyntaxException e) {
            throw new LocalConfException("the body is not JSON; send an object of settings, e.g. {\"primaryPort\":9993}");
        }
        if (!(changes instanceof ObjectNode posted)) {
            throw new LocalConfException("the body must be a JSON object of settings, e.g. {\"primaryPort\":9993}");
        }
        ObjectNode document = current.document();
        ObjectNode settings = document.get("settings") instanceof ObjectNode s ? s : document.putObject("settings");
        for (Iterator<Map.Entry<String, JsonNode>> it = posted.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            settings.set(e.getKey(), e.getValue());
        }
        List<String> problems = new ArrayList<>();
        LocalConf updated;
        try {
            updated = LocalConfLoader.parse(JsonText.compact(document), warning -> {
                if (concernsAny(warning, posted)) problems.add(warning.replaceFirst("^WARNING: local.conf: ", ""));
            });
        } catch (LocalConfException e) {
            throw new LocalConfException(masked(e.getMessage(), posted));
        }
        if (!problems.isEmpty()) throw new LocalConfException(masked(String.join("; ", problems), posted));
        byte[] text = JsonText.indented(document, 4).getBytes(StandardCharsets.UTF_8); // keys sorted, no newline
        if (holdsPassword(settings) || ownerOnly(path)) FileWriting.writeSecret(path, text);
        else FileWriting.writePublic(path, text);
        current = updated;
        return updated;
    }

    /** Whether a loader warning names one of the posted settings. */
    private static boolean concernsAny(String warning, ObjectNode posted) {
        for (Iterator<String> it = posted.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (warning.contains("settings." + key + " ") || warning.contains("settings." + key + ":")) return true;
        }
        return false;
    }

    private static boolean ownerOnly(Path path) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
            return !mode.contains(PosixFilePermission.GROUP_READ) && !mode.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false; // no file yet, or no POSIX modes
        }
    }

    /** Whether the settings carry a password: a {@code password} key at any depth, or one in a connection string. */
    static boolean holdsPassword(JsonNode settings) {
        return !secrets(settings).isEmpty();
    }

    /** Every password value in a tree, as text and as JSON. */
    private static Set<String> secrets(JsonNode node) {
        Set<String> out = new LinkedHashSet<>();
        collectSecrets(node, out);
        return out;
    }

    private static void collectSecrets(JsonNode node, Set<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("password")) {
                    out.add(JsonText.compact(e.getValue()));
                    if (e.getValue().isTextual()) out.add(e.getValue().textValue());
                } else {
                    collectSecrets(e.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode e : node) collectSecrets(e, out);
        } else if (node.isTextual()) {
            Matcher m = CONNINFO_PASSWORD.matcher(node.textValue());
            while (m.find()) out.add(m.group(1));
        }
    }

    /** The message with every password of the posted settings replaced by asterisks. */
    private static String masked(String message, ObjectNode posted) {
        String out = message;
        for (String secret : secrets(posted)) {
            if (!secret.isEmpty()) out = out.replace(secret, "********");
        }
        return CONNINFO_PASSWORD.matcher(out).replaceAll("password=********");
    }
}
