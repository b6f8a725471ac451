package net.ztj.core.network.config;

import net.ztj.core.network.dictionary.Dictionary;

/**
 * The metadata dictionary a member sends in NETWORK_CONFIG_REQUEST (spec 03 §7.1.2), and its reading on the
 * controller side. Missing keys read as 0 (text as empty); {@code authToken} is the optional {@code a} key.
 */
public record ConfigRequestMetadata(long dictionaryVersion, long vendor, long protocolVersion, long majorVersion,
                                    long minorVersion, long revision, long maxRules, long maxCapabilities,
                                    long maxCapabilityRules, long maxTags, long flags, long rulesEngineRevision,
                                    String os, String authToken) {
    public ConfigRequestMetadata {
        if (os == null) os = "";
    }

    /** What a 1.14.1 node sends, with its OS/architecture string such as {@code linux/x86_64}. */
    public static ConfigRequestMetadata ofNode1141(String os) {
        return new ConfigRequestMetadata(7, 1, 12, 1, 14, 1, 1024, 128, 64, 128, 0, 1, os, null);
    }

    /** Serializes in 1.14's key order; {@code a} is appended only when an auth token is set. */
    public Dictionary toDictionary() {
        Dictionary d = new Dictionary(Dictionary.METADATA_CAPACITY);
        d.addUnsigned("v", dictionaryVersion).addUnsigned("vend", vendor).addUnsigned("pv", protocolVersion)
                .addUnsigned("majv", majorVersion).addUnsigned("minv", minorVersion).addUnsigned("revv", revision)
                .addUnsigned("mr", maxRules).addUnsigned("mc", maxCapabilities).addUnsigned("mcr", maxCapabilityRules)
                .addUnsigned("mt", maxTags).addUnsigned("f", flags).addUnsigned("revr", rulesEngineRevision)
                .add("o", os);
        if (authToken != null) d.add("a", authToken);
        return d;
    }

    /** Reads the metadata as the controller does; never throws on odd content. */
    public static ConfigRequestMetadata fromDictionary(Dictionary d) {
        return new ConfigRequestMetadata(d.getUnsigned("v", 0), d.getUnsigned("vend", 0), d.getUnsigned("pv", 0),
                d.getUnsigned("majv", 0), d.getUnsigned("minv", 0), d.getUnsigned("revv", 0),
                d.getUnsigned("mr", 0), d.getUnsigned("mc", 0), d.getUnsigned("mcr", 0), d.getUnsigned("mt", 0),
                d.getUnsigned("f", 0), d.getUnsigned("revr", 0), d.getString("o", ""), d.getString("a", null));
    }

    /** Whether the member asks for the legacy format (v &lt; 6), which 1.14 controllers no longer produce. */
    public boolean wantsLegacyFormat() {
        return dictionaryVersion < 6;
    }
}
