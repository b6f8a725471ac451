package net.ztj.core.node;

/**
 * Where the node hands the configuration requests for its embedded controller (spec 04 §2), so that the controller
 * (with its storage) runs off the node's thread and the data path never waits for it. The answer comes back later
 * through {@link Node#controllerAnswered}, and the controller's own pushes through {@link Node#controllerPushes}, both
 * on the node's thread.
 *
 * <p>Contract: {@link #submit} is called on the node's thread and must return at once (no I/O, no waiting). Answers
 * for one member must be handed back in the order its requests were submitted. A request the controller chooses to
 * ignore (rate limited, spec 04 §2.1) needs no answer.
 */
@FunctionalInterface
public interface ControllerRequests {
    /**
     * Takes a request for later processing.
     *
     * @return false when it could not be taken (the controller's queue is full): the node counts it as dropped
     *         ({@link DropReason#CONTROLLER_BUSY}); the member asks again on its own schedule
     */
    boolean submit(ControllerRequest request);
}
