/**
 * The controller's web UI under {@code /app/}: its files served from the jar, log-in (auth token or admin password),
 * sessions with CSRF tokens, and the login rate limit. The pages use the ordinary {@code /controller} API with the
 * session instead of the token.
 */
package net.ztj.service.api.app;
