package net.ztj.service.node;

import java.util.Optional;

/**
 * Creates the node core for the daemon: the single place where the real {@code Node} is plugged in.
 */
@FunctionalInterface
public interface NodeCoreFactory {
    /**
     * The created core and the planet it uses.
     *
     * @param planetInEffect the binary planet the core uses (the file's if valid, else the built-in one); the
     *                       daemon writes it back to {@code planet}. Empty: nothing is written.
     */
    record Created(NodeCore core, Optional<byte[]> planetInEffect) {}

    Created create(CoreContext context);
}
