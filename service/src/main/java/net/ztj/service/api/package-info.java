/**
 * The local HTTP/JSON API (spec 05 §5): listeners, access control before routing, exact route matching, JSON and
 * JSONP rendering. The resources themselves are in {@code api.resource}.
 */
package net.ztj.service.api;
