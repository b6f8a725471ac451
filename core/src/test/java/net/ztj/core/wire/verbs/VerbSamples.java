package net.ztj.core.wire.verbs;

import net.ztj.core.identity.Identity;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.Verb;
import net.ztj.vectors.Vectors;

import java.util.List;
import java.util.function.Function;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static net.ztj.vectors.Vectors.hex;

/** One representative value of every payload codec, with its decoder, for round-trip and fuzz tests. */
final class VerbSamples {
    record Sample(String name, VerbPayload value, Function<ByteReader, ? extends VerbPayload> decoder) {}

    static final Identity A = Identity.fromString(Vectors.json("hello-exchange.json").get("a_secret").asText());
    static final Identity B = Identity.fromString(Vectors.json("hello-exchange.json").get("b_secret").asText());
    /** A controller-issued certificate of membership (272 bytes) from networks_networkconfig.json. */
    static final byte[] COM = hex(Vectors.json("networks_networkconfig.json").get("small")
            .get("binary_values_unescaped_hex").get("C"));

    private VerbSamples() {}

    static List<Sample> all() {
        Endpoint v4 = Endpoint.parse("10.1.2.3/9993");
        Endpoint v6 = Endpoint.parse("2001:db8::1/9993");
        GatherResults gather = new GatherResults(3, List.of(A.address(), B.address()));
        long nwid = 0x8056c2e21c000001L;
        return List.of(
                new Sample("OkHeader", new OkHeader(Verb.HELLO, 0x0123456789abcdefL), OkHeader::decode),
                new Sample("Hello", new Hello(12, 1, 14, 1, 1700000000000L, A, v6, 149604618L, 1644592324813L,
                        List.of(Hello.Moon.of(0xdeadbeefL, 0), Hello.Moon.of(42, 7))), Hello::decode),
                new Sample("OkHello", new OkHello(1700000000000L, 12, 1, 14, 1, v4, new byte[] {1, 2, 3}), OkHello::decode),
                new Sample("ErrorMessage", ErrorMessage.authenticationRequired(Verb.NETWORK_CONFIG_REQUEST, 5, nwid,
                        "aV=0\naU=https://x".getBytes(US_ASCII)), ErrorMessage::decode),
                new Sample("ErrorMessageUnwanted", ErrorMessage.unwantedMulticast(Verb.MULTICAST_FRAME, 6, nwid,
                        0x333300000001L, 0x0a000001L), ErrorMessage::decode),
                new Sample("Whois", Whois.of(A.address(), B.address()), Whois::decode),
                new Sample("OkWhois", new OkWhois(List.of(A, B)), OkWhois::decode),
                new Sample("Rendezvous", new Rendezvous(0, B.address(), v6), Rendezvous::decode),
                new Sample("Echo", new Echo(new byte[] {9, 8, 7}), Echo::decode),
                new Sample("PushDirectPaths", new PushDirectPaths(List.of(PushDirectPaths.PathRecord.of(v4),
                        PushDirectPaths.PathRecord.of(v6),
                        new PushDirectPaths.PathRecord(2, new byte[] {1}, 9, new byte[] {1, 2, 3}))), PushDirectPaths::decode),
                new Sample("Frame", new Frame(nwid, 0x0800, new byte[] {0x45, 0, 0, 20}), Frame::decode),
                new Sample("ExtFrame", new ExtFrame(nwid, ExtFrame.FLAG_COM_ATTACHED | ExtFrame.FLAG_ACK_REQUESTED, COM,
                        0x020102030405L, 0x32aabbccddeeL, 0x86dd, new byte[] {1, 2}), ExtFrame::decode),
                new Sample("NetworkIdBody", new NetworkIdBody(nwid), NetworkIdBody::decode),
                new Sample("MulticastLike", new MulticastLike(List.of(new MulticastLike.Subscription(nwid, 0xffffffffffffL,
                        0x0a93110aL), new MulticastLike.Subscription(1, 0x333300000001L, 0))), MulticastLike::decode),
                new Sample("NetworkCredentials", new NetworkCredentials(List.of(COM), List.of(), List.of(), List.of(),
                        List.of()), NetworkCredentials::decode),
                new Sample("NetworkConfigRequest", new NetworkConfigRequest(nwid, "v=0000000000000007".getBytes(
                        US_ASCII), 42, 1700000000000L), NetworkConfigRequest::decode),
                new Sample("NetworkConfigChunk", NetworkConfigChunk.sign(nwid, "a=b\nc=d".getBytes(
                        US_ASCII), 0, 0x0123456789abcdefL, 7, 0, A), NetworkConfigChunk::decode),
                new Sample("NetworkConfigChunkLegacy", new NetworkConfigChunk(nwid, new byte[] {'x', '=', '1'}, 0, 0, 0,
                        0, 0, null), NetworkConfigChunk::decode),
                new Sample("NetworkConfigAck", new NetworkConfigAck(nwid, 0x0123456789abcdefL), NetworkConfigAck::decode),
                new Sample("MulticastGather", new MulticastGather(nwid, MulticastGather.FLAG_COM_ATTACHED, 0xffffffffffffL,
                        0x0a000001L, 32, COM), MulticastGather::decode),
                new Sample("OkMulticastGather", new OkMulticastGather(nwid, 0xffffffffffffL, 0x0a000001L, gather),
                        OkMulticastGather::decode),
                new Sample("MulticastFrame", new MulticastFrame(nwid, 0x0f, COM, 16, 0x02aabbccddeeL, 0xffffffffffffL,
                        0x0a000001L, 0x0806, new byte[28]), MulticastFrame::decode),
                new Sample("MulticastFramePlain", new MulticastFrame(nwid, 0, null, 0, 0, 0x333300000001L, 0, 0x86dd,
                        new byte[] {1}), MulticastFrame::decode),
                new Sample("OkMulticastFrame", new OkMulticastFrame(nwid, 0xffffffffffffL, 0x0a000001L,
                        OkMulticastFrame.FLAG_GATHER_RESULTS, null, gather), OkMulticastFrame::decode),
                new Sample("GatherResults", gather, GatherResults::decode),
                new Sample("UserMessage", new UserMessage(0x10000L, new byte[] {1, 2, 3}), UserMessage::decode),
                new Sample("RemoteTrace", new RemoteTrace(List.of("a=1\nb=2".getBytes(US_ASCII),
                        new byte[0], new byte[] {'c'})), RemoteTrace::decode)
        );
    }
}
