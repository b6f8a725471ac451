package net.ztj.core.network.config;

import net.ztj.core.identity.Address;
import net.ztj.core.network.dictionary.Dictionary;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.MalformedException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A network configuration as issued by a controller (spec 03 §7.6), with the dictionary codec of 1.14
 * ({@code NetworkConfig::toDictionary/fromDictionary}, dictionary version 7). Credentials and rules are kept in
 * their raw serialized form so that this type does not depend on their codecs; an empty array means "absent".
 *
 * <p>Equality is equality of the serialized dictionary, the comparison 1.14 uses to skip identical updates.
 *
 * @param networkId              network ID (non-zero)
 * @param timestamp              controller time of issue, ms since epoch
 * @param credentialTimeMaxDelta credential time max delta, ms (§8.8.5)
 * @param revision               controller's network revision
 * @param issuedTo               the member this config is for
 * @param remoteTraceTarget      remote trace target, null for none
 * @param remoteTraceLevel       remote trace level
 * @param flags                  §7.6.2 flags
 * @param multicastLimit         max multicast recipients
 * @param type                   0 private, 1 public
 * @param name                   network name, ≤ 127 bytes
 * @param mtu                    MTU in [1280, 10000]
 * @param com                    raw serialized CertificateOfMembership (§8.2), empty if none
 * @param capabilities           raw concatenated Capabilities (§8.3), empty if none
 * @param tags                   raw concatenated Tags (§8.4), empty if none
 * @param certificatesOfOwnership raw concatenated CertificatesOfOwnership (§8.5), empty if none
 * @param specialists            specialists (≤ 256)
 * @param routes                 managed routes (≤ 128)
 * @param staticIps              assigned addresses with prefix bits (≤ 32)
 * @param rules                  raw serialized base rules (§9.3), empty if none; on parse cut to 1024 rules
 * @param dns                    DNS configuration (always emitted)
 * @param sso                    SSO fields
 */
public record NetworkConfig(long networkId, long timestamp, long credentialTimeMaxDelta, long revision,
                            Address issuedTo, Address remoteTraceTarget, long remoteTraceLevel, long flags,
                            long multicastLimit, int type, String name, int mtu, byte[] com, byte[] capabilities,
                            byte[] tags, byte[] certificatesOfOwnership, List<Specialist> specialists,
                            List<Route> routes, List<IpNetworkPrefix> staticIps, byte[] rules, DnsConfig dns,
                            SsoConfig sso) {
    public static final int VERSION = 7;
    public static final long FLAG_ENABLE_BROADCAST = 0x02;
    public static final long FLAG_ENABLE_IPV6_NDP_EMULATION = 0x04;
    public static final long FLAG_RULES_RESULT_OF_UNSUPPORTED_MATCH = 0x08;
    public static final long FLAG_DISABLE_COMPRESSION = 0x10;
    public static final int DEFAULT_MTU = 2800;
    public static final int MIN_MTU = 1280;
    public static final int MAX_MTU = 10000;
    public static final int MAX_NAME_BYTES = 127;
    public static final int MAX_SPECIALISTS = 256;
    public static final int MAX_ROUTES = 128;
    public static final int MAX_STATIC_IPS = 32;

    public NetworkConfig {
        if (networkId == 0) throw new IllegalArgumentException("network ID is zero");
        if (issuedTo == null || issuedTo.value() == 0) throw new IllegalArgumentException("issued-to missing");
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) throw new IllegalArgumentException("name too long");
        if (specialists.size() > MAX_SPECIALISTS || routes.size() > MAX_ROUTES || staticIps.size() > MAX_STATIC_IPS)
            throw new IllegalArgumentException("too many specialists, routes or static IPs");
        com = copy(com);
        capabilities = copy(capabilities);
        tags = copy(tags);
        certificatesOfOwnership = copy(certificatesOfOwnership);
        rules = copy(rules);
        specialists = List.copyOf(specialists);
        routes = List.copyOf(routes);
        staticIps = List.copyOf(staticIps);
        if (dns == null) dns = DnsConfig.NONE;
        if (sso == null) sso = SsoConfig.DISABLED;
    }

    /** This configuration with other DNS settings. */
    public NetworkConfig withDns(DnsConfig other) {
        return new NetworkConfig(networkId, timestamp, credentialTimeMaxDelta, revision, issuedTo, remoteTraceTarget,
                remoteTraceLevel, flags, multicastLimit, type, name, mtu, com, capabilities, tags,
                certificatesOfOwnership, specialists, routes, staticIps, rules, other, sso);
    }

    private static byte[] copy(byte[] b) {
        return b == null ? new byte[0] : b.clone();
    }

    /** Raw serialized CertificateOfMembership, see §8.2; empty if none. */
    @Override public byte[] com() { return com.clone(); }
    /** Raw concatenated serialized Capabilities, see §8.3; empty if none. */
    @Override public byte[] capabilities() { return capabilities.clone(); }
    /** Raw concatenated serialized Tags, see §8.4; empty if none. */
    @Override public byte[] tags() { return tags.clone(); }
    /** Raw concatenated serialized CertificatesOfOwnership, see §8.5; empty if none. */
    @Override public byte[] certificatesOfOwnership() { return certificatesOfOwnership.clone(); }
    /** Raw serialized base rules, see §9.3; empty if none. */
    @Override public byte[] rules() { return rules.clone(); }

    /** Number of base rules in {@link #rules()}, counted from their framing (§9.3). */
    public int ruleCount() {
        return RuleFraming.count(rules);
    }

    public boolean hasFlag(long flag) {
        return (flags & flag) != 0;
    }

    /** Serializes in 1.14's key order (§7.6.1). */
    public Dictionary toDictionary() {
        Dictionary d = new Dictionary(Dictionary.NETWORK_CONFIG_CAPACITY);
        d.addUnsigned("v", VERSION).addUnsigned("nwid", networkId).addUnsigned("ts", timestamp)
                .addUnsigned("ctmd", credentialTimeMaxDelta).addUnsigned("r", revision).add("id", issuedTo)
                .add("tt", remoteTraceTarget == null ? new Address(0) : remoteTraceTarget)
                .addUnsigned("tl", remoteTraceLevel).addUnsigned("f", flags).addUnsigned("ml", multicastLimit)
                .addUnsigned("t", type).add("n", name).addUnsigned("mtu", mtu);
        if (com.length > 0) d.add("C", com);
        if (capabilities.length > 0) d.add("CAP", capabilities);
        if (tags.length > 0) d.add("TAG", tags);
        if (certificatesOfOwnership.length > 0) d.add("COO", certificatesOfOwnership);
        if (!specialists.isEmpty()) {
            ByteWriter w = new ByteWriter(8 * specialists.size());
            for (Specialist s : specialists) w.u64(s.raw());
            d.add("S", w.toByteArray());
        }
        if (!routes.isEmpty()) {
            ByteWriter w = new ByteWriter();
            for (Route r : routes) r.write(w);
            d.add("RT", w.toByteArray());
        }
        if (!staticIps.isEmpty()) {
            ByteWriter w = new ByteWriter();
            for (IpNetworkPrefix ip : staticIps) IpNetworkPrefix.write(w, ip);
            d.add("I", w.toByteArray());
        }
        if (rules.length > 0) d.add("R", rules);
        d.add("DNS", dns.toBytes());
        SsoDictionary.write(sso, d);
        return d;
    }

    /**
     * Parses a received configuration with 1.14's defaults, clamps and limits (§7.6.1).
     *
     * @throws MalformedException if the network ID or issued-to is missing, the version is below 6, or a
     *                            binary blob does not parse
     */
    public static NetworkConfig fromDictionary(Dictionary d) {
        if (d.getUnsigned("v", 0) < 6) throw new MalformedException("network config version below 6");
        long nwid = d.getUnsigned("nwid", 0);
        if (nwid == 0) throw new MalformedException("network config without network ID");
        Address issuedTo = d.getAddress("id");
        if (issuedTo == null || issuedTo.value() == 0) throw new MalformedException("network config without issued-to");
        Address tt = d.getAddress("tt");
        long mtu = d.getUnsigned("mtu", DEFAULT_MTU);
        mtu = Long.compareUnsigned(mtu, MIN_MTU) < 0 ? MIN_MTU : Long.compareUnsigned(mtu, MAX_MTU) > 0 ? MAX_MTU : mtu;
        String name = Utf8.truncate(d.getString("n", ""), MAX_NAME_BYTES);

        List<Specialist> specialists = new ArrayList<>();
        byte[] s = blob(d, "S");
        for (int i = 0; i + 8 <= s.length && specialists.size() < MAX_SPECIALISTS; i += 8) {
            specialists.add(new Specialist(new ByteReader(s, i, i + 8).u64()));
        }
        List<Route> routes = new ArrayList<>();
        ByteReader rt = new ByteReader(blob(d, "RT"));
        while (rt.hasRemaining() && routes.size() < MAX_ROUTES) routes.add(Route.read(rt));
        List<IpNetworkPrefix> ips = new ArrayList<>();
        ByteReader ir = new ByteReader(blob(d, "I"));
        while (ir.hasRemaining() && ips.size() < MAX_STATIC_IPS) {
            IpNetworkPrefix ip = IpNetworkPrefix.read(ir);
            if (ip != null) ips.add(ip);
        }
        byte[] dnsBlob = d.get("DNS");
        DnsConfig dns = dnsBlob == null || dnsBlob.length == 0 ? DnsConfig.NONE : DnsConfig.read(new ByteReader(dnsBlob));

        return new NetworkConfig(nwid, d.getUnsigned("ts", 0), d.getUnsigned("ctmd", 0), d.getUnsigned("r", 0),
                issuedTo, tt == null || tt.value() == 0 ? null : tt, d.getUnsigned("tl", 0), d.getUnsigned("f", 0),
                d.getUnsigned("ml", 0), (int) d.getUnsigned("t", 0), name, (int) mtu, blob(d, "C"), blob(d, "CAP"),
                blob(d, "TAG"), blob(d, "COO"), specialists, routes, ips, RuleFraming.limit(blob(d, "R"), RuleFraming.MAX_BASE_RULES), dns, SsoDictionary.read(d));
    }

    private static byte[] blob(Dictionary d, String key) {
        byte[] b = d.get(key);
        return b == null ? new byte[0] : b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkConfig c && Arrays.equals(c.toDictionary().toBytes(), toDictionary().toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toDictionary().toBytes());
    }

    @Override
    public String toString() {
        return "NetworkConfig[" + String.format("%016x", networkId) + " r" + revision + " for " + issuedTo + " '" + name + "']";
    }
}
