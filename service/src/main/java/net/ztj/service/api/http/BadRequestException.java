package net.ztj.service.api.http;

/** A request that cannot be parsed; answered with {@code status} and the connection closed. */
final class BadRequestException extends Exception {
    private final int status;

    BadRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
