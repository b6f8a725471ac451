package net.ztj.cli.zerotiercli;

/**
 * Where and how to reach the service's API.
 *
 * @param host  an IP literal
 * @param token sent verbatim as {@code X-ZT1-Auth}
 */
record ApiTarget(String host, int port, String token) {}
