package net.ztj.service.node;

import net.ztj.controller.store.ControllerStore;

import java.util.Optional;

/**
 * Creates the node core for the daemon: the single place where the real {@code Node} is plugged in.
 */
@FunctionalInterface
public interface NodeCoreFactory {
    /**
     * The created core and the planet it uses.
     *
     * @param controller         the embedded controller's storage, for the /controller API; empty when none runs
     * @param planetInEffect     the binary planet the core uses (the file's if valid, else the built-in one); the
     *                           daemon writes it back to {@code planet}. Empty: nothing is written.
     * @param controllerExecutor the thread the embedded controller runs on; the daemon stops it before the storage
     */
    record Created(NodeCore core, Optional<byte[]> planetInEffect, Optional<ControllerStore> controller,
                   Optional<ControllerExecutor> controllerExecutor) {
        public Created(NodeCore core, Optional<byte[]> planetInEffect) {
            this(core, planetInEffect, Optional.empty(), Optional.empty());
        }
    }

    Created create(CoreContext context);
}
