package net.ztj.cli.idtool;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The JSON file {@code initmoon} writes and {@code genmoon} signs: a world before signing, with its signing key pair
 * (spec 05 §7, {@code idtool-initmoon.json}). Keys are hex text; unknown fields are ignored as by the reference.
 *
 * @param id         the world ID in hex (for a moon, the address of its first root)
 * @param worldType  {@code moon} or {@code planet}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder(alphabetic = true)
record WorldDefinition(String id, String objtype, List<RootDefinition> roots, String signingKey,
                       @JsonProperty("signingKey_SECRET") String signingKeySecret, String updatesMustBeSignedBy,
                       String worldType) {
    /** One root: its identity text and its endpoints as {@code ip/port}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder(alphabetic = true)
    record RootDefinition(String identity, List<String> stableEndpoints) {}
}
