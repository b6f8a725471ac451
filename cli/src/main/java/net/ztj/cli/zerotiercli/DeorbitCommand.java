package net.ztj.cli.zerotiercli;

/** {@code deorbit <world id>}: DELETE /moon/&lt;world id as typed&gt;. */
final class DeorbitCommand implements CliCommand {
    @Override
    public int run(CliContext c) {
        ApiResponse r = c.api().delete("/moon/" + c.args().arg1());
        if (r.status() != 200) return Replies.failure(c, r);
        if (c.args().json()) Replies.raw(c, r);
        else c.println("200 deorbit OK");
        return 0;
    }
}
