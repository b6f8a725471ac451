package net.ztj.cli.idtool;

import net.ztj.cli.ToolIo;
import net.ztj.core.identity.Identity;

import java.util.List;
import java.util.Optional;

/** {@code getpublic <identity>}: the public text form, without a newline. */
final class GetPublic implements IdToolCommand {
    @Override
    public int run(List<String> args, ToolIo io) {
        if (args.size() != 1) return USAGE;
        Optional<Identity> id = IdentityArgument.resolve(args.get(0), io);
        if (id.isEmpty()) return IdentityArgument.invalid(args.get(0), io);
        io.out().print(id.get().toPublicString());
        io.out().flush();
        return 0;
    }
}
