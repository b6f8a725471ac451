package net.ztj.core.node;

import net.ztj.core.network.config.ConfigAssembler;

/** Our membership of one network: its state, when we last asked for its configuration, and that configuration. */
final class Membership {
    /** Default MTU of a virtual network (spec 02 §12). */
    static final int DEFAULT_MTU = 2800;

    final long networkId;
    NetworkStatus failure; // null: no failure recorded
    long lastRequestMs = Long.MIN_VALUE / 2;
    long lastConfigUpdateMs;
    long configTimestamp; // the controller's timestamp of the configuration held, 0 if none
    NetworkInfo configured; // null until a configuration is applied
    final ConfigAssembler assembler;

    Membership(long networkId) {
        this.networkId = networkId;
        this.assembler = new ConfigAssembler(networkId);
    }

    /** The controller's address: the network id's high 40 bits (spec 03 §1.1). */
    long controller() {
        return networkId >>> 24;
    }

    NetworkStatus status() {
        if (failure != null) return failure;
        return configured == null ? NetworkStatus.REQUESTING_CONFIGURATION : NetworkStatus.OK;
    }

    /** Unconfigured networks ask every ping check (≈5 s); configured ones once a minute after the last change. */
    boolean requestDue(long now) {
        long interval = configured == null ? Timing.PING_CHECK_INTERVAL : Timing.NETWORK_AUTOCONF_DELAY;
        return now - lastRequestMs >= interval && (configured == null || now - lastConfigUpdateMs >= interval);
    }
}
