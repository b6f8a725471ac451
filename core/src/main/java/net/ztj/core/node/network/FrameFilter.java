package net.ztj.core.node.network;

import net.ztj.core.node.peer.NodeContext;
import net.ztj.core.network.rules.Direction;
import net.ztj.core.network.rules.FilterResult;
import net.ztj.core.network.rules.RemoteParty;
import net.ztj.core.network.rules.RuleFrame;
import net.ztj.core.network.rules.RulesEngine;

import java.util.Arrays;
import java.util.List;

/**
 * The rules engine where frames meet it (spec 03 §9.7): outbound with our capabilities, inbound with the sender's.
 * A network whose rules are the lone accept rule — ZeroTier's default — passes frames without building anything.
 * Every verdict is counted in the network's {@link FrameCounts}.
 */
public final class FrameFilter {
    public static final FilterResult ACCEPTED = new FilterResult.Accepted(false, -1, -1, List.of());

    private final NodeContext ctx;
    private final RulesEngine engine;

    public FrameFilter(NodeContext ctx) {
        this.ctx = ctx;
        this.engine = new RulesEngine(() -> ctx.random.nextInt());
    }

    /**
     * @param dest      the destination node (0 for multicast and bridge fan-out)
     * @param destMember what we know of it, or null
     */
    public FilterResult outbound(ConfiguredNetwork net, long dest, RemoteMember destMember, long srcMac, long dstMac,
                          int etherType, byte[] data, int off, int len, boolean teeSuppressed) {
        if (net.acceptAll) return net.frames.outbound(ACCEPTED);
        RemoteParty remote = new RemoteParty(destMember == null ? java.util.Map.of() : destMember.party(net).validTags(),
                net.ownership);
        RuleFrame f = new RuleFrame(Direction.OUTBOUND, ctx.self.value(), dest, srcMac, dstMac, etherType, 0,
                Arrays.copyOfRange(data, off, off + len));
        return net.frames.outbound(engine.filter(net.ruleNetwork, f, remote, net.capabilityRules, teeSuppressed));
    }

    public FilterResult inbound(ConfiguredNetwork net, RemoteMember sender, long srcMac, long dstMac, int etherType,
                         byte[] data, int off, int len) {
        if (net.acceptAll) return net.frames.inbound(ACCEPTED);
        RuleFrame f = new RuleFrame(Direction.INBOUND, sender.address.value(), ctx.self.value(), srcMac,
                dstMac, etherType, 0, Arrays.copyOfRange(data, off, off + len));
        return net.frames.inbound(engine.filter(net.ruleNetwork, f, sender.party(net), sender.capabilityRules(net), false));
    }
}
