package net.ztj.service.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * What a resource answers: a status and a JSON body, or no body (rendered as {@code {}}, or {@code <cb>(null);}
 * with JSONP, as the reference renders an empty handler body).
 */
public record ApiResult(int status, Optional<JsonNode> body) {
    public static ApiResult ok(JsonNode body) {
        return new ApiResult(200, Optional.of(body));
    }

    public static ApiResult of(int status, JsonNode body) {
        return new ApiResult(status, Optional.of(body));
    }

    /** A status with the handler's body left empty. */
    public static ApiResult noBody(int status) {
        return new ApiResult(status, Optional.empty());
    }
}
