package net.ztj.service.api.http;

/** A request that cannot be accepted as sent; answered with {@code status} and the connection closed. */
public final class BadRequestException extends Exception {
    private final int status;

    BadRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status to answer with (400, 413, 414 or 431). */
    public int status() {
        return status;
    }
}
