package net.ztj.cli.idtool;

import net.ztj.cli.ToolIo;
import net.ztj.core.identity.Identity;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** {@code sign <secret identity> <file>}: 192 hex digits, the 96-byte signature of the file's content. */
final class Sign implements IdToolCommand {
    @Override
    public int run(List<String> args, ToolIo io) {
        if (args.size() != 2) return USAGE;
        Optional<Identity> id = IdentityArgument.resolve(args.get(0), io);
        if (id.isEmpty()) return IdentityArgument.invalid(args.get(0), io);
        if (!id.get().hasPrivate()) {
            io.err().println(args.get(0) + " does not contain a private key (must use private to sign)");
            return 1;
        }
        byte[] message;
        try {
            message = Files.readAllBytes(io.resolve(args.get(1)));
        } catch (IOException | RuntimeException e) {
            io.err().println(args.get(1) + " is not readable");
            return 1;
        }
        io.out().print(HexFormat.of().formatHex(id.get().sign(message)));
        io.out().flush();
        return 0;
    }
}
