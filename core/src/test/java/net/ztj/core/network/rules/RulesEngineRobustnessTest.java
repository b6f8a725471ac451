package net.ztj.core.network.rules;

import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Arbitrary payloads (short, truncated headers, odd IHL, IPv6 chains) never make evaluation throw. */
class RulesEngineRobustnessTest {
    private static final int[] ETHERTYPES = {0x0800, 0x86dd, 0x0806, 0x1234};

    @Test
    void randomFramesAgainstEveryRuleType() {
        List<Rule> all = RuleCodec.decodeList(Vectors.hex(Vectors.json("networks_rules.json").get("all_concatenated_hex").asText()));
        Random rnd = new Random(7);
        RulesEngine engine = new RulesEngine(rnd::nextInt);
        for (int i = 0; i < 20_000; i++) {
            List<Rule> rules = new ArrayList<>(all);
            Collections.shuffle(rules, rnd);
            rules = rules.subList(0, 1 + rnd.nextInt(rules.size()));
            byte[] payload = new byte[rnd.nextInt(100)];
            rnd.nextBytes(payload);
            if (payload.length > 0 && rnd.nextBoolean()) payload[0] = (byte) (rnd.nextBoolean() ? 0x45 : 0x60 | rnd.nextInt(16));
            if (payload.length > 6 && rnd.nextBoolean()) payload[6] = (byte) new int[] {0, 43, 60, 135, 6, 17, 58}[rnd.nextInt(7)];
            Direction d = rnd.nextBoolean() ? Direction.INBOUND : Direction.OUTBOUND;
            RuleFrame f = new RuleFrame(d, rnd.nextLong() & 0xffffffffffL, rnd.nextBoolean() ? 0 : 0xdeadbeef01L,
                    rnd.nextLong() & 0xffffffffffffL, rnd.nextLong() & 0xffffffffffffL,
                    ETHERTYPES[rnd.nextInt(ETHERTYPES.length)], 0, payload);
            Map<Long, Long> tags = rnd.nextBoolean() ? Map.of(100L, 1L, 105L, 1L, 106L, 2L) : Map.of();
            RuleNetwork net = new RuleNetwork(1, 0xdeadbeef02L, rnd.nextInt(16), rules, tags);
            assertNotNull(engine.filter(net, f, new RemoteParty(tags, AddressOwnership.NONE), List.of(rules), rnd.nextBoolean()));
        }
    }
}
