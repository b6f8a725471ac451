package net.ztj.service.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * What a resource answers: a status and a JSON body, or no body (rendered as {@code {}}, or {@code <cb>(null);}
 * with JSONP, as the reference renders an empty handler body), or a text sent as it is under the JSON content type
 * (where the reference answers plain text so labelled).
 */
public record ApiResult(int status, Optional<JsonNode> body, Optional<String> text) {
    public static ApiResult ok(JsonNode body) {
        return new ApiResult(200, Optional.of(body), Optional.empty());
    }

    public static ApiResult of(int status, JsonNode body) {
        return new ApiResult(status, Optional.of(body), Optional.empty());
    }

    /** A status with the handler's body left empty. */
    public static ApiResult noBody(int status) {
        return new ApiResult(status, Optional.empty(), Optional.empty());
    }

    /** A status and a text that is not JSON but is sent as the reference sends it: labelled JSON. */
    public static ApiResult text(int status, String text) {
        return new ApiResult(status, Optional.empty(), Optional.of(text));
    }
}
