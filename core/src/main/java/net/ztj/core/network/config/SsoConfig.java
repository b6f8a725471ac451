package net.ztj.core.network.config;

/**
 * Single sign-on fields of a network config (spec 03 §7.6.1, SSO keys). Version 0 uses only
 * {@code authenticationUrl} and {@code authenticationExpiryTime}; version 1 the OIDC fields.
 */
public record SsoConfig(long version, boolean enabled, String authenticationUrl, long authenticationExpiryTime,
                        String issuerUrl, String centralEndpointUrl, String nonce, String state, String clientId,
                        String provider) {
    /** SSO version 0, disabled: what 1.14 controllers send for ordinary networks. */
    public static final SsoConfig DISABLED = new SsoConfig(0, false, "", 0, "", "", "", "", "", "");

    public SsoConfig {
        authenticationUrl = orEmpty(authenticationUrl);
        issuerUrl = orEmpty(issuerUrl);
        centralEndpointUrl = orEmpty(centralEndpointUrl);
        nonce = orEmpty(nonce);
        state = orEmpty(state);
        clientId = orEmpty(clientId);
        provider = orEmpty(provider);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
