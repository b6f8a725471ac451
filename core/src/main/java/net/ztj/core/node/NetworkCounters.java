package net.ztj.core.node;

/**
 * One joined network's counts, for metrics: frames that met its rules by direction and verdict (a redirect counts as
 * accepted), and the multicast groups its port subscribes to.
 */
public record NetworkCounters(long networkId, long inboundAccepted, long inboundDropped, long outboundAccepted,
                              long outboundDropped, int multicastGroups) {}
