/**
 * The virtual networks joined: memberships and their configuration, what we know of the other members, credentials
 * exchanged with them, and the rules engine where frames meet it (with its TEE/WATCH/REDIRECT actions).
 */
package net.ztj.core.node.network;
