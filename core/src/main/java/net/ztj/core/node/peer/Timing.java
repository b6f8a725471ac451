package net.ztj.core.node.peer;

/** ZeroTier One 1.14's timers (spec 02 §11, §12), in milliseconds. */
public final class Timing {
    public static final long PING_CHECK_INTERVAL = 5_000;
    /** How often an offline node says HELLO to its roots (ours; ZeroTier One waits for the next ping check). */
    public static final long OFFLINE_HELLO_INTERVAL = 1_000;
    public static final long PATH_HEARTBEAT_PERIOD = 14_000;
    public static final long PATH_ALIVE_TIMEOUT = PATH_HEARTBEAT_PERIOD + 5_000;
    public static final long PEER_PING_PERIOD = 60_000;
    /** Least time between HELLOs relayed to a peer whose version is unknown (ours; see Sender). */
    public static final long RELAYED_HELLO_INTERVAL = 5_000;
    public static final long PEER_PATH_EXPIRATION = 4 * 60_000 + 3_000;
    public static final long PEER_ACTIVITY_TIMEOUT = 500_000;
    public static final long UPSTREAM_FULL_HELLO_PERIOD = PATH_HEARTBEAT_PERIOD * 16;
    public static final long HOUSEKEEPING_PERIOD = 30_000;
    /** How long a member keeps the identity hasher's 2 MiB scratch buffer after its last use (roots keep it). */
    public static final long HASHER_QUIET_PERIOD = 60_000;
    public static final long MIN_UNITE_INTERVAL = 30_000;
    public static final long WHOIS_RETRY_DELAY = 500;
    public static final long QUEUE_TIMEOUT = 5_000;
    public static final long PATH_CONFIRM_HELLO_INTERVAL = 1_000;
    public static final long ECHO_REPLY_INTERVAL = 1_000 / 6;
    public static final long PEER_WHOIS_RATE_LIMIT = 100;
    public static final long DIRECT_PATH_PUSH_INTERVAL = 15_000;
    public static final long DIRECT_PATH_PUSH_INTERVAL_HAVEPATH = 120_000;
    public static final long PUSH_DIRECT_PATHS_CUTOFF_TIME = 30_000;
    public static final int PUSH_DIRECT_PATHS_CUTOFF_LIMIT = 8;
    public static final int PUSH_DIRECT_PATHS_MAX_PER_SCOPE_AND_FAMILY = 8;
    public static final long TRUST_EXPIRATION = 600_000;
    public static final long EXPECTED_REPLY_TIMEOUT = 60_000;
    public static final long NETWORK_AUTOCONF_DELAY = 60_000;
    public static final int MAX_PEER_PATHS = 64;
    public static final int RELAY_MAX_HOPS = 3;
    public static final int TX_QUEUE_PER_PEER = 32;
    public static final int RX_QUEUE_TOTAL = 256;

    private Timing() {}
}
