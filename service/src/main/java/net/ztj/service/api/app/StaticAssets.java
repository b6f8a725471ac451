package net.ztj.service.api.app;

import net.ztj.service.api.http.HttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The web UI's files, read once from the jar: each served with its content type, a strong ETag (a hash of its bytes)
 * and {@code Cache-Control: no-cache}, so a browser keeps a copy but asks each time whether it is still current
 * (an upgrade of the daemon changes the files without changing their names); {@code If-None-Match} gets 304.
 */
public final class StaticAssets {
    /** Where the files are, on the class path. */
    static final String RESOURCE_FOLDER = "/net/ztj/service/api/app/static/";
    /** The files served, by name (the page is {@code index.html}). */
    static final List<String> FILES = List.of("index.html", "app.css", "app.js", "rules.js", "icon.svg");

    /** One file. */
    record Asset(String contentType, byte[] bytes, String etag) {}

    private Map<String, Asset> assets; // read on the first request: a starting daemon does not wait for it

    /** The files, read from the class path on the first call; a missing one is a packaging fault. */
    private synchronized Map<String, Asset> assets() {
        if (assets == null) assets = read();
        return assets;
    }

    private static Map<String, Asset> read() {
        Map<String, Asset> assets = new LinkedHashMap<>();
        for (String name : FILES) {
            try (InputStream in = StaticAssets.class.getResourceAsStream(RESOURCE_FOLDER + name)) {
                if (in == null) throw new IllegalStateException("the web UI's " + name + " is missing from the jar");
                byte[] bytes = in.readAllBytes();
                assets.put(name, new Asset(contentType(name), bytes, etag(bytes)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return assets;
    }

    /** The response for the file {@code name}, or empty when there is no such file. */
    public Optional<HttpResponse> response(String name, Optional<String> ifNoneMatch, boolean head) {
        Asset a = assets().get(name);
        if (a == null) return Optional.empty();
        Map<String, String> headers = Map.of("Cache-Control", "no-cache", "ETag", a.etag());
        if (ifNoneMatch.isPresent() && matches(ifNoneMatch.get(), a.etag())) {
            return Optional.of(new HttpResponse(304, null, new byte[0], false, headers));
        }
        return Optional.of(new HttpResponse(200, a.contentType(), a.bytes(), head, headers));
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String t : ifNoneMatch.split(",")) {
            String tag = t.strip();
            if (tag.startsWith("W/")) tag = tag.substring(2);
            if (tag.equals(etag) || tag.equals("*")) return true;
        }
        return false;
    }

    static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "json" -> "application/json";
            default -> "application/octet-stream";
        };
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
