package net.ztj.cli.idtool;

import net.ztj.cli.ToolIo;
import net.ztj.core.identity.Identity;
import net.ztj.crypto.C25519;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code initmoon <identity>}: prints the JSON definition of a moon whose only root (and seed) is that identity,
 * with a fresh signing key pair, ready to be completed with endpoints and signed by {@link GenMoon}. Without an
 * argument it prints the usage and exits 0, as the reference does.
 */
final class InitMoon implements IdToolCommand {
    @Override
    public int run(List<String> args, ToolIo io) {
        if (args.isEmpty()) return USAGE_OK;
        String arg = args.get(0);
        Optional<Identity> id = IdentityArgument.resolve(arg, io);
        if (id.isEmpty() || !id.get().locallyValidate()) {
            io.err().println(arg + " is not a valid identity");
            return 1;
        }
        Identity seed = id.get().publicOnly();
        C25519.KeyPair key = C25519.generate(io.random());
        HexFormat hex = HexFormat.of();
        String publicKey = hex.formatHex(key.publicKey());
        WorldDefinition moon = new WorldDefinition(seed.address().toString(), "world",
                List.of(new WorldDefinition.RootDefinition(seed.toPublicString(), List.of())),
                publicKey, hex.formatHex(key.privateKey()), publicKey, "moon");
        io.out().println(DumpJson.format(moon));
        io.out().flush();
        return 0;
    }
}
