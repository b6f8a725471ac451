package net.ztj.service.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.service.json.JsonText;

/**
 * A loaded local.conf: the document as written (every key, for /status and /config) and the settings bound from
 * it.
 *
 * @param document the root object; empty when there is no local.conf
 */
public record LocalConf(ObjectNode document, ServiceSettings settings) {
    public LocalConf {
        document = document.deepCopy();
    }

    /** No local.conf. */
    public static LocalConf none() {
        return new LocalConf(JsonText.object(), ServiceSettings.defaults());
    }

    /** A copy of the document, safe to modify. */
    @Override
    public ObjectNode document() {
        return document.deepCopy();
    }

    /**
     * The document as the API may show it: every password in the settings (a {@code password} key at any depth, as
     * in {@code controllerDb} or {@code redis}, or in a {@code postgres:} {@code controllerDbPath}) replaced by
     * asterisks.
     */
    public ObjectNode publicDocument() {
        ObjectNode doc = document.deepCopy();
        if (doc.get("settings") instanceof ObjectNode settings) {
            maskPasswords(settings);
            if (settings.get("controllerDbPath") != null && settings.get("controllerDbPath").isTextual()) {
                settings.put("controllerDbPath",
                        settings.get("controllerDbPath").asText().replaceAll("password=\\S*", "password=********"));
            }
        }
        return doc;
    }

    private static void maskPasswords(com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("password")) o.put("password", "********");
            o.forEach(LocalConf::maskPasswords);
        } else if (node.isArray()) {
            node.forEach(LocalConf::maskPasswords);
        }
    }
}
