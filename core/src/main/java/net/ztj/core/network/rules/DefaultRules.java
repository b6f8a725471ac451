package net.ztj.core.network.rules;

import java.util.List;

/** The rule sets of spec 03 §9.8. */
public final class DefaultRules {
    private DefaultRules() {}

    /** A new network's rules, and all that revision-0 rules engines receive: accept everything. */
    public static final List<Rule> ACCEPT_ALL = List.of(new Rule.Accept());

    /** A configuration without rules: nothing matches, so with no capability every frame is dropped. */
    public static final List<Rule> NONE = List.of();
}
