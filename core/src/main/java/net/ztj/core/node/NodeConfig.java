package net.ztj.core.node;

/**
 * Tunables of the node, with ZeroTier One 1.14's values as defaults (spec 02 §12).
 *
 * @param physicalMtu                      UDP payload MTU for packets we fragment (1432)
 * @param identityValidationRateLimitMs    one full identity validation per source bucket per this many ms (2000)
 * @param validateWhoisIdentities          re-run the proof-of-work check on identities learned from OK(WHOIS)
 * @param platform                         OS/architecture sent to controllers ("linux/x86_64")
 */
public record NodeConfig(int physicalMtu, long identityValidationRateLimitMs, boolean validateWhoisIdentities,
                         String platform) {
    public static final NodeConfig DEFAULTS = new NodeConfig(1432, 2000, true, "linux/x86_64");

    public NodeConfig {
        if (physicalMtu < 1400 || physicalMtu > 10324) throw new IllegalArgumentException("physical MTU out of range");
    }
}
