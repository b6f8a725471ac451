/**
 * The inbound pipeline: datagram classification, reassembly, relaying, HELLO, authentication, then each verb decoded
 * by its codec and handed to its layer, and the per-packet path learning.
 */
package net.ztj.core.node.receive;
