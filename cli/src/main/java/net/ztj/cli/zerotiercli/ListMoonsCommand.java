package net.ztj.cli.zerotiercli;

/** {@code listmoons}: always JSON (one-space indentation). */
final class ListMoonsCommand implements CliCommand {
    @Override
    public int run(CliContext c) {
        return Replies.getJson(c, "/moon", moons -> {
            Replies.printJson(c, moons);
            return 0;
        });
    }
}
