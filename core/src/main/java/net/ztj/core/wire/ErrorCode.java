package net.ztj.core.wire;

/** The error codes carried by ERROR packets (spec 02 §8.0, "Error codes"). */
public enum ErrorCode {
    /** Never sent. */
    NONE(0x00),
    /** Defined, never sent by 1.14. */
    INVALID_REQUEST(0x01),
    /** Defined, never sent by 1.14. */
    BAD_PROTOCOL_VERSION(0x02),
    /** A controller does not know the network (payload: network ID). */
    OBJ_NOT_FOUND(0x03),
    /** A HELLO came with a different key for a known address. */
    IDENTITY_COLLISION(0x04),
    /** E.g. a config request to a node that is no controller (payload: network ID). */
    UNSUPPORTED_OPERATION(0x05),
    /** A frame came without valid credentials (payload: network ID). */
    NEED_MEMBERSHIP_CERTIFICATE(0x06),
    /** A controller refused membership (payload: network ID). */
    NETWORK_ACCESS_DENIED(0x07),
    /** Unsubscribe from a group (payload: network ID, MAC, ADI); understood, never sent by 1.14. */
    UNWANTED_MULTICAST(0x08),
    /** SSO is needed (payload: network ID, then optionally u16 length and a dictionary). */
    NETWORK_AUTHENTICATION_REQUIRED(0x09);

    private static final ErrorCode[] BY_CODE = values();

    /** The code as carried on the wire. */
    public final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The error code with this number, or null if unknown. */
    public static ErrorCode fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** Whether the payload after the code starts with a network ID. */
    public boolean carriesNetworkId() {
        return switch (this) {
            case OBJ_NOT_FOUND, UNSUPPORTED_OPERATION, NEED_MEMBERSHIP_CERTIFICATE, NETWORK_ACCESS_DENIED,
                 UNWANTED_MULTICAST, NETWORK_AUTHENTICATION_REQUIRED -> true;
            default -> false;
        };
    }
}
