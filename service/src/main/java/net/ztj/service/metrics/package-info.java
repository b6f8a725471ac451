/**
 * Prometheus metrics for {@code GET /metrics}: ZeroTier One's families (read from the node at scrape time) and ours,
 * rendered with the Prometheus Java client.
 */
package net.ztj.service.metrics;
