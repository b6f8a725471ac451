/** Choosing the node's UDP port numbers: trial binds and the random choices of spec 05 §2.3 and §9.1. */
package net.ztj.transport.ports;
