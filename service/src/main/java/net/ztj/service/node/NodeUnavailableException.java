package net.ztj.service.node;

/** The node's thread did not answer: it has stopped, or the call timed out. */
public final class NodeUnavailableException extends RuntimeException {
    public NodeUnavailableException(String message) {
        super(message);
    }

    public NodeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
