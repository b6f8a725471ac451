package net.ztj.core.network.config;

import net.ztj.core.network.dictionary.Dictionary;

/** The SSO keys of a network config dictionary (spec 03 §7.6.1), written after {@code DNS}. */
final class SsoDictionary {
    private SsoDictionary() {
    }

    static void write(SsoConfig s, Dictionary d) {
        if (s.version() == 0) {
            d.addUnsigned("ssov", 0).add("ssoe", s.enabled());
            if (s.enabled()) {
                if (!s.authenticationUrl().isEmpty()) d.add("aurl", s.authenticationUrl());
                d.addSigned("aexpt", s.authenticationExpiryTime());
            }
        } else if (s.version() == 1) {
            d.addUnsigned("ssov", 1).add("ssoe", s.enabled()).add("iurl", s.issuerUrl())
                    .add("ssoce", s.centralEndpointUrl()).add("sson", s.nonce()).add("ssos", s.state())
                    .add("ssocid", s.clientId()).add("ssop", s.provider());
        }
    }

    static SsoConfig read(Dictionary d) {
        long version = d.getUnsigned("ssov", 0);
        boolean enabled = d.getBoolean("ssoe", false);
        if (version == 0) {
            return enabled
                    ? new SsoConfig(0, true, d.getString("aurl", ""), d.getSigned("aexpt", 0), "", "", "", "", "", "")
                    : new SsoConfig(0, false, "", 0, "", "", "", "", "", "");
        }
        if (version == 1 && enabled) {
            return new SsoConfig(1, true, d.getString("aurl", ""), 0, d.getString("iurl", ""),
                    d.getString("ssoce", ""), d.getString("sson", ""), d.getString("ssos", ""),
                    d.getString("ssocid", ""), d.getString("ssop", "default"));
        }
        return new SsoConfig(version, enabled, "", 0, "", "", "", "", "", "");
    }
}
