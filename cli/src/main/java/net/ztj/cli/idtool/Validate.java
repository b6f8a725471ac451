package net.ztj.cli.idtool;

import net.ztj.cli.ToolIo;
import net.ztj.core.identity.Identity;

import java.util.List;
import java.util.Optional;

/** {@code validate <identity>}: the full proof-of-work check. */
final class Validate implements IdToolCommand {
    @Override
    public int run(List<String> args, ToolIo io) {
        if (args.size() != 1) return USAGE;
        String arg = args.get(0);
        Optional<Identity> id = IdentityArgument.resolve(arg, io);
        if (id.isEmpty()) return IdentityArgument.invalid(arg, io);
        if (!id.get().locallyValidate()) {
            io.err().println(arg + " FAILED validation.");
            return 1;
        }
        io.out().println(arg + " is a valid identity");
        return 0;
    }
}
