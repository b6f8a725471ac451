package net.ztj.core.network.credentials;

/**
 * One certificate-of-membership qualifier (spec 03 §8.2): an ID, a value, and how far another certificate's value
 * for the same ID may be from it (unsigned 64-bit distance) for the two to agree.
 */
public record ComQualifier(long id, long value, long maxDelta) {
    /** Issue time in ms. */
    public static final long TIMESTAMP = 0;
    /** Network ID. */
    public static final long NETWORK_ID = 1;
    /** Member address. */
    public static final long ISSUED_TO = 2;
    /** First of the four identity-hash words (IDs 3..6). */
    public static final long IDENTITY_HASH_FIRST = 3;
    /** Last of the four identity-hash words. */
    public static final long IDENTITY_HASH_LAST = 6;

    // equals and hashCode written out: a record's generated ones link an invokedynamic call site the first time they
    // run, which cost a member 14 ms on its packet path when the first renewed certificate arrived (a minute after
    // joining); these cost nothing the first time.
    @Override
    public boolean equals(Object o) {
        return o instanceof ComQualifier q && id == q.id && value == q.value && maxDelta == q.maxDelta;
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(id) * 31 + Long.hashCode(value)) * 31 + Long.hashCode(maxDelta);
    }

    /** Whether {@code other} is within this qualifier's max delta of this value. */
    boolean accepts(long other) {
        long distance = Long.compareUnsigned(value, other) >= 0 ? value - other : other - value;
        return Long.compareUnsigned(distance, maxDelta) <= 0;
    }
}
