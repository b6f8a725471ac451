package net.ztj.core.node;

/** The state of a joined network (spec 03 §7.5.2), with ZeroTier's numbering and API names. */
public enum NetworkStatus {
    REQUESTING_CONFIGURATION, OK, ACCESS_DENIED, NOT_FOUND, PORT_ERROR, CLIENT_TOO_OLD, AUTHENTICATION_REQUIRED
}
