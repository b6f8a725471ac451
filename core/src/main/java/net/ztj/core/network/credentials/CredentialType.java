package net.ztj.core.network.credentials;

/** Credential type IDs (spec 03 §8.1), as carried inside a revocation. */
public enum CredentialType {
    NULL(0), COM(1), CAPABILITY(2), TAG(3), COO(4), REVOCATION(6);

    private final int id;

    CredentialType(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The type with this ID, or null for an ID no credential uses (5, or above 6). */
    public static CredentialType ofId(int id) {
        for (CredentialType t : values()) if (t.id == id) return t;
        return null;
    }
}
