package net.ztj.service.dns;

import java.util.concurrent.atomic.LongAdder;

/** What the DNS server did with the queries it received, by outcome; safe to update from any thread. */
public final class DnsCounters {
    /** Answered with records or an empty NOERROR. */
    public final LongAdder answered = new LongAdder();
    public final LongAdder nxdomain = new LongAdder();
    /** Outside the zones of the listener, another class, or a zone transfer. */
    public final LongAdder refused = new LongAdder();
    /** Unparsable, or not exactly one question. */
    public final LongAdder formerr = new LongAdder();
    /** An opcode other than QUERY. */
    public final LongAdder notimp = new LongAdder();
    /** Too short for a header, a response rather than a query, cut short over TCP, or failed: no answer at all. */
    public final LongAdder dropped = new LongAdder();
    /** Over the per-source rate: no answer. */
    public final LongAdder rateLimited = new LongAdder();
    /** Answers cut to fit (TC set). */
    public final LongAdder truncated = new LongAdder();
}
