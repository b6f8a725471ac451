package net.ztj.core.network.rules;

import java.util.List;
import java.util.Map;

/**
 * What the rules engine needs of our own network membership.
 *
 * @param networkId   the network
 * @param ourAddress  our ZeroTier address (40 bits)
 * @param configFlags the configuration's {@code f} flags; 0x08 makes unknown match types match (spec 03 §7.6.2)
 * @param baseRules   the network's rules, in order
 * @param ourTags     our tags, ID → value (unsigned 32 bits each)
 */
public record RuleNetwork(long networkId, long ourAddress, long configFlags, List<Rule> baseRules,
                          Map<Long, Long> ourTags) {
    /** Config flag: unknown match types evaluate to true. */
    public static final long FLAG_RULES_RESULT_OF_UNSUPPORTED_MATCH = 0x08;

    public RuleNetwork {
        baseRules = List.copyOf(baseRules);
        ourTags = Map.copyOf(ourTags);
    }
}
