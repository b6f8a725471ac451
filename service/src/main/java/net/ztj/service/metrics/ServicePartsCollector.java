package net.ztj.service.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import net.ztj.service.dns.DnsCounters;
import net.ztj.service.metrics.Families.Sample;
import net.ztj.transport.portmap.PortMapper;

import java.util.List;
import java.util.function.Supplier;

import static net.ztj.service.metrics.Families.counter;

/**
 * Our families of the service's optional parts, read at scrape time: the controller's DNS server (its queries by
 * outcome, its truncated answers) and the router port mapper (the router's answers it dropped). A part may be made
 * after the collector, or never (no controller, no DNS, no port mapping): its families are then 0.
 */
final class ServicePartsCollector implements MultiCollector {
    private volatile Supplier<DnsCounters> dns = () -> null;
    private volatile Supplier<PortMapper> portMapper = () -> null;

    /** The DNS server's counters, or null while there is none. */
    void dns(Supplier<DnsCounters> counters) {
        dns = counters;
    }

    /** The port mapper, or null while there is none. */
    void portMapper(Supplier<PortMapper> mapper) {
        portMapper = mapper;
    }

    @Override
    public MetricSnapshots collect() {
        DnsCounters d = dns.get();
        PortMapper m = portMapper.get();
        return new MetricSnapshots(
                counter("ztj_dns_queries", "queries the DNS server received, by what it did with them", List.of(
                        new Sample(d == null ? 0 : d.answered.sum(), "outcome", "answered"),
                        new Sample(d == null ? 0 : d.nxdomain.sum(), "outcome", "nxdomain"),
                        new Sample(d == null ? 0 : d.refused.sum(), "outcome", "refused"),
                        new Sample(d == null ? 0 : d.formerr.sum(), "outcome", "formerr"),
                        new Sample(d == null ? 0 : d.notimp.sum(), "outcome", "notimp"),
                        new Sample(d == null ? 0 : d.dropped.sum(), "outcome", "dropped"),
                        new Sample(d == null ? 0 : d.rateLimited.sum(), "outcome", "rate_limited"))),
                counter("ztj_dns_truncated_answers", "answers of the DNS server cut to fit (TC set)",
                        List.of(new Sample(d == null ? 0 : d.truncated.sum()))),
                counter("ztj_port_mapping_dropped_answers",
                        "answers of the router the port mapper dropped (unexpected or undecodable)",
                        List.of(new Sample(m == null ? 0 : m.droppedAnswers()))));
    }
}
