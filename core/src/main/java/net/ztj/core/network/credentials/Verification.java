package net.ztj.core.network.credentials;

/**
 * Outcome of checking a credential's signature (spec 03 §8.1): an unknown signer is not a failure but a reason to
 * defer (ask WHOIS and retry the carrying packet).
 */
public enum Verification {
    VALID, INVALID, SIGNER_UNKNOWN
}
