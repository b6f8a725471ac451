package net.ztj.controller.model;

/**
 * A field of a network or member document has a type that cannot be bound (for example {@code "mtu": [1]}).
 * Thrown before anything is stored; the HTTP API answers it with 400 and the field name.
 */
public final class InvalidFieldException extends RuntimeException {
    private final String field;

    public InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The JSON path of the offending field, e.g. {@code routes[2].target}. */
    public String field() {
        return field;
    }
}
