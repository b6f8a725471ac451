package net.ztj.service.config;

/**
 * local.conf is not a JSON object: the service stops. The message is the reference's parenthesised reason,
 * {@code invalid JSON} or {@code root element is not a JSON object}.
 */
public final class LocalConfException extends Exception {
    public LocalConfException(String reason) {
        super(reason);
    }
}
