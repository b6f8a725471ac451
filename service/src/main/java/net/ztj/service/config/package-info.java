/**
 * local.conf (spec 05 §4): read and checked once at start-up, bound to {@link net.ztj.service.config.ServiceSettings};
 * the document itself is kept as loaded, because /status and /config report every key of it.
 */
package net.ztj.service.config;
