package net.ztj.testkit.net;

/** How a NAT box maps and filters UDP (RFC 4787 terms). */
public enum NatType {
    /** Endpoint-independent mapping and filtering: anyone may send to a mapped port. */
    FULL_CONE,
    /** Endpoint-independent mapping, address-and-port-dependent filtering. */
    PORT_RESTRICTED_CONE,
    /** Address-and-port-dependent mapping: a new public port per destination; only that destination may answer. */
    SYMMETRIC
}
