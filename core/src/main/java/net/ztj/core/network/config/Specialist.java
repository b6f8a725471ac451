package net.ztj.core.network.config;

import net.ztj.core.identity.Address;

/**
 * A node with a special role on a network (spec 03 §7.6.3 {@code S}): role bits above a 40-bit address.
 *
 * @param raw the 64-bit value as carried on the wire
 */
public record Specialist(long raw) {
    public static final long ACTIVE_BRIDGE = 0x0000020000000000L;
    public static final long ANCHOR = 0x0000040000000000L;
    public static final long MULTICAST_REPLICATOR = 0x0000080000000000L;

    public static Specialist of(Address address, long roles) {
        return new Specialist(roles | address.value());
    }

    public Address address() {
        return new Address(raw & 0xffffffffffL);
    }

    public boolean is(long role) {
        return (raw & role) != 0;
    }
}
