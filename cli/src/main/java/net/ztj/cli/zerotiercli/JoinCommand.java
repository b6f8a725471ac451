package net.ztj.cli.zerotiercli;

/** {@code join <16-digit network id>}: POST {@code {}} to /network/&lt;id&gt;. */
final class JoinCommand implements CliCommand {
    @Override
    public int run(CliContext c) {
        String nwid = c.args().arg1();
        if (Replies.byteLength(nwid) != 16) {
            c.println("invalid network id");
            return 2;
        }
        ApiResponse r = c.api().post("/network/" + nwid, "{}");
        if (r.status() != 200) return Replies.failure(c, r);
        if (c.args().json()) Replies.raw(c, r);
        else c.println("200 join OK");
        return 0;
    }
}
