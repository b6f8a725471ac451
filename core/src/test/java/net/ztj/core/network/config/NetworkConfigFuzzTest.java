package net.ztj.core.network.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.ztj.core.network.dictionary.Dictionary;
import net.ztj.core.wire.MalformedException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Jazzer target for a received (or cached, networks.d/&lt;nwid&gt;.conf) network configuration: dictionary bytes
 * either give a configuration or are refused with {@link MalformedException}; a configuration written back to a
 * dictionary reads back equal (but for SSO settings of an unknown version, which 1.14 does not write either). Corpus replayed in the normal build; {@code scripts/fuzz.sh} fuzzes it.
 */
class NetworkConfigFuzzTest {
    @FuzzTest
    void fromDictionary(byte[] input) {
        NetworkConfig c;
        try {
            c = NetworkConfig.fromDictionary(Dictionary.parse(input));
        } catch (MalformedException refused) {
            return;
        }
        NetworkConfig again = NetworkConfig.fromDictionary(Dictionary.parse(c.toDictionary().toBytes()));
        if (c.sso().version() != 0 && c.sso().version() != 1) { // an unsigned 64-bit version
            // as in 1.14, SSO settings of an unknown version are not written: they read back as no SSO
            assertEquals(SsoConfig.DISABLED, again.sso());
            assertEquals(again, NetworkConfig.fromDictionary(Dictionary.parse(again.toDictionary().toBytes())));
        } else {
            assertEquals(c, again);
        }
        c.toString();
        c.ruleCount();
    }
}
