package net.ztj.cli.zerotiercli;

/** {@code /<path>}: GET it and print the body as received. */
final class RawGetCommand implements CliCommand {
    @Override
    public int run(CliContext c) {
        ApiResponse r = c.api().get(c.command());
        if (r.status() != 200) return Replies.failure(c, r);
        Replies.raw(c, r);
        return 0;
    }
}
