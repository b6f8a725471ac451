package net.ztj.service.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.core.wire.Endpoint;
import net.ztj.service.json.JsonText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The legacy {@code trustedpaths} flat file, read as ZeroTier One 1.14 reads it, and its place under local.conf. */
class LegacyTrustedPathsTest {
    private static IpNetwork net(String text) {
        return IpNetwork.parse(text).orElseThrow();
    }

    @Test
    void readsIdNetworkPairsSeparatedBySpacesTabsOrEquals() {
        Map<IpNetwork, Long> entries = LegacyTrustedPaths.parse("""
                0123456789abcdef 10.1.0.0/16
                42=10.2.0.0/16\r
                \t0x2a\t\tfd00::/8   trailing words are ignored
                = 7 = 10.3.0.0/24
                """);
        assertEquals(Map.of(net("10.1.0.0/16"), 0x0123_4567_89ab_cdefL, net("10.2.0.0/16"), 0x42L,
                net("fd00::/8"), 0x2aL, net("10.3.0.0/24"), 7L), entries);
    }

    @Test
    void skipsWhat114Skips() {
        Map<IpNetwork, Long> entries = LegacyTrustedPaths.parse("""
                0 10.1.0.0/16
                5 10.2.0.0
                6 10.3.0.0/0
                7 not-an-address/8
                zz 10.4.0.0/16
                8

                # 9 10.5.0.0/16
                """);
        assertEquals(Map.of(), entries, "ID 0, no bits, 0 bits, no address, no hex digits, one field, a comment");
    }

    @Test
    void aLaterLineForTheSameNetworkWins() {
        assertEquals(Map.of(net("10.1.0.0/16"), 2L), LegacyTrustedPaths.parse("1 10.1.0.0/16\n2 10.1.0.0/16\n"));
    }

    @Test
    void hexadecimalAsStrtoull() {
        assertEquals(0xabcL, LegacyTrustedPaths.hexToUnsigned("abcxyz"));
        assertEquals(0xabcL, LegacyTrustedPaths.hexToUnsigned("0XABC"));
        assertEquals(0L, LegacyTrustedPaths.hexToUnsigned("0x"));
        assertEquals(-1L, LegacyTrustedPaths.hexToUnsigned("ffffffffffffffff"));
        assertEquals(-1L, LegacyTrustedPaths.hexToUnsigned("1ffffffffffffffff"), "saturates");
        assertEquals(-1L, LegacyTrustedPaths.hexToUnsigned("-1"), "negated modulo 2^64");
        assertEquals(0L, LegacyTrustedPaths.hexToUnsigned("\u0661\u0662"), "only ASCII digits");
    }

    @Test
    void localConfSetsTheMtuAndReplacesTheIdWhenItNamesOne() throws Exception {
        Map<IpNetwork, Long> legacy = LegacyTrustedPaths.parse("11 10.1.0.0/16\n22 10.2.0.0/16\n33 10.3.0.0/16\n");
        LocalPathPolicy p = LocalPathPolicy.from((ObjectNode) JsonText.parse("""
                {"physical": {"10.2.0.0/16": {"mtu": 9000}, "10.3.0.0/16": {"trustedPathId": 99}}}"""),
                legacy, w -> { });
        Endpoint in1 = Endpoint.parse("10.1.0.1/9993"), in2 = Endpoint.parse("10.2.0.1/9993"),
                in3 = Endpoint.parse("10.3.0.1/9993");
        assertEquals(0x11, p.trustedPathId(in1));
        assertEquals(LocalPathPolicy.DEFAULT_MTU, p.physicalMtu(in1));
        assertEquals(0x22, p.trustedPathId(in2), "local.conf without an ID keeps the file's");
        assertEquals(9000, p.physicalMtu(in2));
        assertEquals(99, p.trustedPathId(in3), "local.conf's ID replaces the file's");
        assertTrue(p.trusted(in1, 0x11));
        LocalPathPolicy reloaded = p.reloaded((ObjectNode) JsonText.parse("{}"),
                LegacyTrustedPaths.parse("44 10.4.0.0/16\n"), w -> { });
        assertEquals(0x44, reloaded.trustedPathId(Endpoint.parse("10.4.0.1/9993")), "a reload reads the file again");
        assertEquals(0x11, reloaded.trustedPathId(in1), "... and, as 1.14, removes nothing before a restart");
    }

    @Test
    void fileAbsentUnreadableOrHuge(@TempDir Path dir) throws Exception {
        List<String> warnings = new ArrayList<>();
        assertEquals(Map.of(), LegacyTrustedPaths.read(dir.resolve("trustedpaths"), warnings::add));
        assertEquals(List.of(), warnings, "no file: nothing said");

        Path file = dir.resolve("trustedpaths");
        Files.writeString(file, "abc 10.9.0.0/16\n");
        assertEquals(Map.of(net("10.9.0.0/16"), 0xabcL), LegacyTrustedPaths.read(file, warnings::add));
        assertEquals(List.of(LegacyTrustedPaths.DEPRECATED), warnings, "1.14's deprecation warning");

        warnings.clear();
        Files.writeString(file, "1 10.1.0.0/16\n" + "#".repeat(LegacyTrustedPaths.MAX_BYTES) + "\n2 10.2.0.0/16\n");
        assertEquals(Map.of(net("10.1.0.0/16"), 1L), LegacyTrustedPaths.read(file, warnings::add));
        assertEquals(2, warnings.size(), warnings.toString());

        warnings.clear();
        Path folder = Files.createDirectory(dir.resolve("folder"));
        assertEquals(Map.of(), LegacyTrustedPaths.read(folder, warnings::add));
        assertEquals(1, warnings.size(), "a folder in its place: one warning, " + warnings);
    }
}
