package net.ztj.controller.store;

/** A member was written for a network that is not stored (the API answers 404); nothing was written. */
public final class NoSuchNetworkException extends StoreException {
    private final String nwid;

    public NoSuchNetworkException(String nwid) {
        super("no network " + nwid);
        this.nwid = nwid;
    }

    public String nwid() {
        return nwid;
    }
}
