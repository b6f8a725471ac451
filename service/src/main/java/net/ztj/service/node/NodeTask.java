package net.ztj.service.node;

/** Work for the node's thread: runs with the node and the current time. */
@FunctionalInterface
public interface NodeTask<T> {
    T run(NodeCore node, long nowMs);
}
