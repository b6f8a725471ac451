/**
 * Network credentials (spec 03 §8): certificates of membership, capabilities, tags, certificates of ownership and
 * revocations, with their exact wire forms, signing inputs, signatures, the NETWORK_CREDENTIALS payload and the
 * pure membership decisions built on them. Nothing here stores state; callers hold credentials and thresholds.
 */
package net.ztj.core.network.credentials;
