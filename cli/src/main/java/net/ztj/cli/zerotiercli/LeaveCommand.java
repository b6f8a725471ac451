package net.ztj.cli.zerotiercli;

/** {@code leave <16-digit network id>}: DELETE /network/&lt;id&gt; (also fine when not joined). */
final class LeaveCommand implements CliCommand {
    @Override
    public int run(CliContext c) {
        String nwid = c.args().arg1();
        if (Replies.byteLength(nwid) != 16) {
            c.println("invalid network id");
            return 2;
        }
        ApiResponse r = c.api().delete("/network/" + nwid);
        if (r.status() != 200) return Replies.failure(c, r);
        if (c.args().json()) Replies.raw(c, r);
        else c.println("200 leave OK");
        return 0;
    }
}
