package net.ztj.service.dns;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * Answers one DNS query from the zones of the networks a listener serves: authoritative, no recursion.
 * <ul>
 * <li>{@code <member>.<domain>}: A and AAAA (ANY: both) of the member's managed addresses; another type of an
 *     existing name is an empty NOERROR; an unknown name under the domain is NXDOMAIN (both with the zone's SOA).</li>
 * <li>{@code <domain>}: SOA; any other type an empty NOERROR.</li>
 * <li>{@code in-addr.arpa} / {@code ip6.arpa} names of a member's managed address: PTR to its names.</li>
 * <li>Anything else, a class other than IN, or a zone transfer: REFUSED.</li>
 * <li>A query that does not parse, or without exactly one question: FORMERR; an opcode other than QUERY: NOTIMP;
 *     fewer bytes than a header, or a response: no answer.</li>
 * </ul>
 * Over UDP an answer is at most 512 bytes, or the EDNS size the query gives up to {@value #UDP_MAX}; a longer one is
 * cut and marked truncated (TC), so the client asks again over TCP. Stateless and safe for any number of threads.
 */
public final class DnsResponder {
    /** Largest UDP answer even when EDNS allows more: fits in any path's MTU without fragments. */
    public static final int UDP_MAX = 1232;
    public static final int UDP_PLAIN = 512;
    public static final int TCP_MAX = 65535;
    /** Seconds a resolver may keep an answer: short, so renames show soon in caches too. */
    public static final long TTL = 30;
    private static final Name IN_ADDR = Name.fromConstantString("in-addr.arpa.");
    private static final Name IP6 = Name.fromConstantString("ip6.arpa.");

    private final Supplier<Map<Long, Zone>> zones;
    private final DnsCounters counters;

    public DnsResponder(Supplier<Map<Long, Zone>> zones, DnsCounters counters) {
        this.zones = zones;
        this.counters = counters;
    }

    /**
     * @param query   the query's bytes (not kept)
     * @param overTcp whether the answer goes back over TCP (no size limit but the 16-bit length)
     * @param scope   the networks whose zones this listener answers for
     * @return the answer, or null when none is to be sent
     */
    public byte[] answer(byte[] query, int off, int len, boolean overTcp, LongPredicate scope) {
        if (len < Header.LENGTH || off < 0 || off + len > query.length) {
            counters.dropped.increment();
            return null;
        }
        if ((query[off + 2] & 0x80) != 0) { // QR: a response; answering it could start a loop
            counters.dropped.increment();
            return null;
        }
        Message q;
        try {
            q = new Message(Arrays.copyOfRange(query, off, off + len));
        } catch (IOException | RuntimeException e) {
            return headerOnly(query, off, Rcode.FORMERR, counters.formerr);
        }
        int opcode = q.getHeader().getOpcode();
        if (opcode != Opcode.QUERY) return headerOnly(query, off, Rcode.NOTIMP, counters.notimp);
        if (q.getHeader().getCount(Section.QUESTION) != 1 || q.getQuestion() == null) {
            return headerOnly(query, off, Rcode.FORMERR, counters.formerr);
        }
        OPTRecord opt = q.getOPT();
        int limit = overTcp ? TCP_MAX
                : opt == null ? UDP_PLAIN : Math.clamp(opt.getPayloadSize(), UDP_PLAIN, UDP_MAX);
        Message r = reply(q);
        if (opt != null && opt.getVersion() != 0) {
            r.addRecord(new OPTRecord(UDP_MAX, Rcode.BADVERS >>> 4, 0), Section.ADDITIONAL);
            r.getHeader().setRcode(Rcode.BADVERS & 0xf);
            counters.formerr.increment();
            return r.toWire(limit);
        }
        resolve(q.getQuestion(), r, scope);
        if (opt != null) r.addRecord(new OPTRecord(UDP_MAX, 0, 0), Section.ADDITIONAL);
        byte[] wire = r.toWire(limit);
        if ((wire[2] & 0x02) != 0) counters.truncated.increment(); // the TC bit of the header's flags
        return wire;
    }

    private void resolve(Record question, Message r, LongPredicate scope) {
        Name name = question.getName();
        int type = question.getType();
        if (question.getDClass() != DClass.IN || type == Type.AXFR || type == Type.IXFR) {
            refuse(r);
            return;
        }
        if (name.subdomain(IN_ADDR) || name.subdomain(IP6)) {
            reverse(name, type, r, scope);
            return;
        }
        List<Zone> matching = new ArrayList<>();
        Name domain = null;
        for (Zone z : zones.get().values()) {
            if (!scope.test(z.networkId()) || !name.subdomain(z.domain())) continue;
            if (domain == null || z.domain().labels() > domain.labels()) {
                domain = z.domain();
                matching.clear();
            }
            if (z.domain().equals(domain)) matching.add(z);
        }
        if (matching.isEmpty()) {
            refuse(r);
            return;
        }
        SOARecord soa = soa(domain);
        if (name.equals(domain)) {
            if (type == Type.SOA || type == Type.ANY) r.addRecord(soa, Section.ANSWER);
            else r.addRecord(soa, Section.AUTHORITY);
            counters.answered.increment();
            return;
        }
        List<InetAddress> addresses = new ArrayList<>();
        if (name.labels() == domain.labels() + 1) {
            String label = name.getLabelString(0).toLowerCase(Locale.ROOT);
            for (Zone z : matching) {
                List<InetAddress> found = z.byLabel().get(label);
                if (found != null) for (InetAddress a : found) if (!addresses.contains(a)) addresses.add(a);
            }
        }
        if (addresses.isEmpty()) {
            r.getHeader().setRcode(Rcode.NXDOMAIN);
            r.addRecord(soa, Section.AUTHORITY);
            counters.nxdomain.increment();
            return;
        }
        for (InetAddress a : addresses) {
            if (a instanceof Inet4Address v4 && (type == Type.A || type == Type.ANY)) {
                r.addRecord(new ARecord(name, DClass.IN, TTL, v4), Section.ANSWER);
            } else if (a instanceof Inet6Address v6 && (type == Type.AAAA || type == Type.ANY)) {
                r.addRecord(new AAAARecord(name, DClass.IN, TTL, v6), Section.ANSWER);
            }
        }
        if (r.getSection(Section.ANSWER).isEmpty()) r.addRecord(soa, Section.AUTHORITY);
        counters.answered.increment();
    }

    private void reverse(Name name, int type, Message r, LongPredicate scope) {
        InetAddress address;
        try {
            address = ReverseMap.fromName(name);
        } catch (UnknownHostException | RuntimeException e) {
            refuse(r);
            return;
        }
        List<Name> names = new ArrayList<>();
        for (Zone z : zones.get().values()) {
            if (!scope.test(z.networkId())) continue;
            List<Name> found = z.byAddress().get(address);
            if (found != null) for (Name n : found) if (!names.contains(n)) names.add(n);
        }
        if (names.isEmpty()) {
            refuse(r);
            return;
        }
        if (type == Type.PTR || type == Type.ANY) {
            for (Name n : names) r.addRecord(new PTRRecord(name, DClass.IN, TTL, n), Section.ANSWER);
        }
        counters.answered.increment();
    }

    private void refuse(Message r) {
        r.getHeader().setRcode(Rcode.REFUSED);
        r.getHeader().unsetFlag(Flags.AA);
        counters.refused.increment();
    }

    /** The reply's header and question: same ID, QR, AA, RD as asked, no recursion available. */
    private static Message reply(Message q) {
        Message r = new Message(q.getHeader().getID());
        Header h = r.getHeader();
        h.setFlag(Flags.QR);
        h.setFlag(Flags.AA);
        if (q.getHeader().getFlag(Flags.RD)) h.setFlag(Flags.RD);
        h.setOpcode(Opcode.QUERY);
        r.addRecord(q.getQuestion(), Section.QUESTION);
        return r;
    }

    /** An answer made from the query's header alone (it did not parse, or cannot be answered): no sections. */
    private static byte[] headerOnly(byte[] query, int off, int rcode, java.util.concurrent.atomic.LongAdder counter) {
        counter.increment();
        Header h = new Header(((query[off] & 0xff) << 8) | (query[off + 1] & 0xff));
        h.setFlag(Flags.QR);
        if ((query[off + 2] & 0x01) != 0) h.setFlag(Flags.RD);
        h.setOpcode((query[off + 2] >>> 3) & 0xf);
        h.setRcode(rcode);
        return h.toWire();
    }

    private static SOARecord soa(Name domain) {
        Name hostmaster;
        try {
            hostmaster = Name.concatenate(Name.fromConstantString("hostmaster"), domain);
        } catch (org.xbill.DNS.NameTooLongException e) {
            hostmaster = domain;
        }
        return new SOARecord(domain, DClass.IN, TTL, domain, hostmaster, 1, 3600, 600, 86400, TTL);
    }
}
