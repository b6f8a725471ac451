package net.ztj.service.testing;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.node.MoonInfo;
import net.ztj.core.node.NodeStatus;
import net.ztj.core.node.PathInfo;
import net.ztj.core.node.PeerInfo;
import net.ztj.core.wire.Endpoint;
import net.ztj.service.api.ServiceState;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Node and service states that reproduce the captured examples of spec 05 (the same peers, paths, times and
 * settings), so responses can be compared with them byte for byte.
 */
public final class SpecFixtures {
    private SpecFixtures() {}

    public static final String MEMBER_PUBLIC_IDENTITY = "ed7e70d932:0:d861a7de9bf539653ac1aa47d8135a004d3588ada854da0773d43665b3b4a4739b7a058386852ec94f66b4a7e71217350318808e1bd663fd5c142af1dc5aae2d";
    public static final String FRESH_PUBLIC_IDENTITY = "4512da5e9d:0:f08f947293a94f015d0afa44de24cffdedd9240ecd1639a03cbd9dd5d74e4f3f9b347812d729870a39b6faf45c3333722ab8fccb3d03cefcd69b372818aa2bd4";
    public static final String RELAYED_PUBLIC_IDENTITY = "903d18c0b8:0:d6e68f6b04044b32f71014b0fb4e991009535d71e3f04c72694e6f012964fe071122927d2ee5576d47516b7d120a243291cbda189f9592a4e5fbe37ebc1df211";
    /** The clock of status-member-online.json. */
    public static final long MEMBER_STATUS_CLOCK = 1795531147647L;
    public static final long FRESH_STATUS_CLOCK = 1795531882504L;
    public static final long RELAYED_STATUS_CLOCK = 1795531240500L;
    /** The local.conf of the member node, as /config returned it. */
    public static final String MEMBER_LOCAL_CONF = "{\"settings\":{\"allowManagementFrom\":[\"10.55.0.0/24\"],\"allowTcpFallbackRelay\":false}}";
    public static final String RELAYED_LOCAL_CONF = "{\"settings\":{\"forceTcpRelay\":true,\"portMappingEnabled\":false,\"tcpFallbackRelay\":\"192.0.0.14/443\"}}";

    private static Endpoint ep(String text) {
        return Endpoint.parse(text);
    }

    private static List<Endpoint> eps(String... texts) {
        return Arrays.stream(texts).map(Endpoint::parse).toList();
    }

    public static NodeStatus memberStatus() {
        return new NodeStatus(Address.parse("ed7e70d932"), MEMBER_PUBLIC_IDENTITY, true, 1583242846L, 1795530970810L,
                eps("fd55::3/59528", "fd55::3/19993", "fd55::3/29964", "10.55.0.3/59528", "10.55.0.3/19993",
                        "10.55.0.3/29964"));
    }

    public static ServiceState memberService() {
        return new ServiceState("/var/lib/zerotier-one", 19993, 29964, 0, eps("10.55.0.3/29964", "10.55.0.3/19993",
                "10.55.0.3/59528", "fd55::3/29964", "fd55::3/19993", "fd55::3/59528"), false, true);
    }

    public static NodeStatus freshStatus() {
        return new NodeStatus(Address.parse("4512da5e9d"), FRESH_PUBLIC_IDENTITY, false, 149604618L, 1644592324813L,
                List.of());
    }

    public static ServiceState freshService() {
        return new ServiceState("/var/lib/zerotier-one", 19993, 21748, 55109, eps("10.55.0.4/19993", "192.0.0.14/19993",
                "10.55.0.4/55109", "192.0.0.14/55109", "10.55.0.4/21748", "192.0.0.14/21748", "fd55::4/19993",
                "fd55::4/55109", "fd55::4/21748"), false, true);
    }

    public static NodeStatus relayedStatus() {
        return new NodeStatus(Address.parse("903d18c0b8"), RELAYED_PUBLIC_IDENTITY, true, 1583242846L, 1795531217870L,
                eps("192.0.0.14/1024"));
    }

    public static ServiceState relayedService() {
        return new ServiceState("/var/lib/zerotier-one", 19993, 62143, 0, List.of(), true, true);
    }

    private static PathInfo path(String address, long localSocket, long lastSend, long lastReceive, boolean preferred) {
        return new PathInfo(ep(address), localSocket, lastSend, lastReceive, preferred);
    }

    private static PeerInfo peer(String address, int latency, PeerInfo.Role role, PathInfo... paths) {
        return new PeerInfo(Address.parse(address), 12, 1, 14, 1, latency, role, List.of(paths));
    }

    /** The peers of peers-member.json. */
    public static List<PeerInfo> memberPeers() {
        return List.of(
                peer("93155eb549", 1, PeerInfo.Role.LEAF,
                        path("fd55::2/19993", 93984033895488L, 1795531147630L, 1795531147631L, false),
                        path("fd55::2/19993", 93984034208768L, 1795531147630L, 1795531147631L, false),
                        path("fd55::2/19993", 93984034217184L, 1795531147630L, 1795531147631L, false),
                        path("10.55.0.2/19993", 93984033891328L, 1795531147630L, 1795531147630L, false),
                        path("10.55.0.2/19993", 93984033889488L, 1795531147630L, 1795531147631L, false),
                        path("10.55.0.2/19993", 93984033896640L, 1795531147630L, 1795531147631L, true)),
                peer("b8608be7b1", 25, PeerInfo.Role.PLANET,
                        path("fd55::1/19993", 93984033895488L, 1795531022642L, 1795531022642L, false),
                        path("fd55::1/19993", 93984034208768L, 1795531022642L, 1795531022642L, false),
                        path("fd55::1/19993", 93984034217184L, 1795531147630L, 1795531147631L, true)));
    }

    /** The peer of peers-tunneled.json: reached through the TCP relay (local socket all ones). */
    public static List<PeerInfo> tunneledPeers() {
        return List.of(peer("b8608be7b1", 40, PeerInfo.Role.PLANET,
                path("192.0.0.11/19993", -1L, 1795531238564L, 1795531238565L, true)));
    }

    /** The default planet's roots as a fresh, offline node holds them: no paths, nothing known. */
    public static List<PeerInfo> freshPeers() {
        return Stream.of("62f865ae71", "778cde7190", "cafe04eba9", "cafe9efeb9")
                .map(a -> new PeerInfo(Address.parse(a), -1, -1, -1, -1, -1, PeerInfo.Role.PLANET, List.of()))
                .toList();
    }

    /** The peer of the {@code GET /peer/93155eb549?auth=} transcript (its compact body is 1260 bytes). */
    public static PeerInfo transcriptPeer() {
        return peer("93155eb549", 4, PeerInfo.Role.LEAF,
                path("fd55::2/19993", 94819467719360L, 1795532040791L, 1795532040791L, false),
                path("10.55.0.2/19993", 94819464448784L, 1795532040791L, 1795532040791L, true),
                path("10.55.0.2/54817", 94819464441632L, 0, 1795532040670L, false),
                path("10.55.0.2/54817", 94819464443472L, 0, 1795532040670L, false),
                path("fd55::2/54817", 94819464447632L, 0, 1795532040670L, false),
                path("fd55::2/54817", 94819467720544L, 0, 1795532040670L, false));
    }

    public static final String TRANSCRIPT_PEER_JSON = "{\"address\":\"93155eb549\",\"isBonded\":false,\"latency\":4,\"paths\":[{\"active\":true,\"address\":\"fd55::2/19993\",\"expired\":false,\"lastReceive\":1795532040791,\"lastSend\":1795532040791,\"localPort\":0,\"localSocket\":94819467719360,\"preferred\":false,\"trustedPathId\":0},{\"active\":true,\"address\":\"10.55.0.2/19993\",\"expired\":false,\"lastReceive\":1795532040791,\"lastSend\":1795532040791,\"localPort\":0,\"localSocket\":94819464448784,\"preferred\":true,\"trustedPathId\":0},{\"active\":true,\"address\":\"10.55.0.2/54817\",\"expired\":false,\"lastReceive\":1795532040670,\"lastSend\":0,\"localPort\":0,\"localSocket\":94819464441632,\"preferred\":false,\"trustedPathId\":0},{\"active\":true,\"address\":\"10.55.0.2/54817\",\"expired\":false,\"lastReceive\":1795532040670,\"lastSend\":0,\"localPort\":0,\"localSocket\":94819464443472,\"preferred\":false,\"trustedPathId\":0},{\"active\":true,\"address\":\"fd55::2/54817\",\"expired\":false,\"lastReceive\":1795532040670,\"lastSend\":0,\"localPort\":0,\"localSocket\":94819464447632,\"preferred\":false,\"trustedPathId\":0},{\"active\":true,\"address\":\"fd55::2/54817\",\"expired\":false,\"lastReceive\":1795532040670,\"lastSend\":0,\"localPort\":0,\"localSocket\":94819467720544,\"preferred\":false,\"trustedPathId\":0}],\"role\":\"LEAF\",\"tunneled\":false,\"version\":\"1.14.1\",\"versionMajor\":1,\"versionMinor\":14,\"versionRev\":1}";

    /** The moon of the {@code listmoons} example in cli-get-set-errors.txt. */
    public static MoonInfo exampleMoon() {
        HexFormat hex = HexFormat.of();
        Identity root = Identity.fromString("93155eb549:0:5de035242ca83e4b7c0be67976f169dab253f9cbc32fd58f95a260c31a6c2a0cf3d81a7d9f1242eb3e5e1d1ecf0595fb261cde695508eebb328db3519643b316");
        return new MoonInfo(0x93155eb549L, 1795531157676L,
                hex.parseHex("6bef013a194d1a84633b4e25b8a56346f6d2a6b51a4c2e95d38de21c2debe81766b3163095d924d82332a317de0a37cba4b78234788ba5e7ef17ba3cc802730ed43747632f5748c9eee1cbb67fb26d2f9fb3344da6eb9b56576b3f180c7e4d78"),
                hex.parseHex("be32bedd007b94457f1736df663cdba3344e62ca842e8f21ace95e87dd8f811d26dd01e99e1eb2ede1b4a253b2e73ed15d22f3c4c35c0bb1c0782245dbdb413f"),
                List.of(new MoonInfo.Root(root, List.of(ep("10.55.0.2/19993")))), false);
    }

    public static final String EXAMPLE_MOON_LISTING = """
            [
             {
              "id": "00000093155eb549",
              "roots": [
               {
                "identity": "93155eb549:0:5de035242ca83e4b7c0be67976f169dab253f9cbc32fd58f95a260c31a6c2a0cf3d81a7d9f1242eb3e5e1d1ecf0595fb261cde695508eebb328db3519643b316",
                "stableEndpoints": [
                 "10.55.0.2/19993"
                ]
               }
              ],
              "signature": "6bef013a194d1a84633b4e25b8a56346f6d2a6b51a4c2e95d38de21c2debe81766b3163095d924d82332a317de0a37cba4b78234788ba5e7ef17ba3cc802730ed43747632f5748c9eee1cbb67fb26d2f9fb3344da6eb9b56576b3f180c7e4d78",
              "timestamp": 1795531157676,
              "updatesMustBeSignedBy": "be32bedd007b94457f1736df663cdba3344e62ca842e8f21ace95e87dd8f811d26dd01e99e1eb2ede1b4a253b2e73ed15d22f3c4c35c0bb1c0782245dbdb413f",
              "waiting": false
             }
            ]
            """;
}
