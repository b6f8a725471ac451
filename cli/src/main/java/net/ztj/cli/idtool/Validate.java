package net.ztj.cli.idtool;

import net.ztj.cli.ToolIo;
import net.ztj.core.identity.Identity;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code validate <identity>}: the full proof-of-work check, and for a secret identity that its private key belongs
 * to its public key (ZeroTier One 1.14 checks only the former; an altered private key would otherwise pass).
 */
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
        EnumSet<Identity.KeyHalf> wrong = id.get().keyPairMismatches();
        if (!wrong.isEmpty()) {
            io.err().println(arg + " FAILED validation: its private key does not match its public key ("
                    + wrong.stream().map(Identity.KeyHalf::description).collect(Collectors.joining(" and ")) + " half)");
            return 1;
        }
        io.out().println(arg + " is a valid identity");
        return 0;
    }
}
