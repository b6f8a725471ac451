package net.ztj.cli.zerotiercli;

/**
 * {@code orbit <world id> <seed>}: POST {@code {"seed":"<seed as typed>"}} to /moon/&lt;world id as typed&gt;;
 * nothing at all when either parses (as hex) to zero.
 */
final class OrbitCommand implements CliCommand {
    @Override
    public int run(CliContext c) {
        String worldId = c.args().arg1(), seed = c.args().arg2();
        if (Numbers.leadingHex(worldId) == 0 || Numbers.leadingHex(seed) == 0) return 0;
        ApiResponse r = c.api().post("/moon/" + worldId, "{\"seed\":\"" + seed + "\"}");
        if (r.status() != 200) return Replies.failure(c, r);
        c.println("200 orbit OK");
        return 0;
    }
}
