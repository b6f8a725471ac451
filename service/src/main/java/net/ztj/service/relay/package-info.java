/**
 * {@code zerotier-one --tcp-relay}: our TCP fallback relay server as a command of its own, for self-hosters to run
 * next to their roots.
 */
package net.ztj.service.relay;
