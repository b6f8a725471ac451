package net.ztj.controller.store;

/** The storage failed (I/O, database unreachable, schema newer than this build); nothing can be assumed written. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
