/**
 * The service's side of the node: {@link net.ztj.service.node.NodeCore} (the core's facade as the service drives
 * it), {@link net.ztj.service.node.NodeRunner} (the one thread that owns the node) and
 * {@link net.ztj.service.node.NodeControl} (the thread-safe view the local API uses).
 */
package net.ztj.service.node;
