package net.ztj.service.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import net.ztj.service.dns.DnsCounters;
import net.ztj.service.node.NodeControl;
import net.ztj.service.port.PortCounters;
import net.ztj.transport.portmap.PortMapper;
import net.ztj.transport.tcprelay.TcpFallback;
import net.ztj.transport.tcprelay.TcpRelayClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.LongSupplier;

/**
 * The service's metrics registry: the node's families and the JVM's (memory, GC, threads...), rendered in the
 * Prometheus text format 0.0.4, the format ZeroTier One serves.
 *
 * <p>Nothing of the Prometheus client but the collectors' own classes is loaded until the first {@link #scrape}:
 * the registry, the text format's writer and the JVM's families (which load java.management, JMX and JFR's
 * classes, ~300 of them, and start reading the JVM's MXBeans) are made then. A daemon that is never scraped, as
 * most are (the metrics need a token), never pays for them. The families read the node's counters at scrape time,
 * so no count is lost before.
 */
public final class ServiceMetrics {
    /** The content type of {@link #scrape}. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final NodeMetricsCollector node;
    private TransportMetricsCollector transports;
    private ControllerMetrics controller;
    private final ServicePartsCollector parts = new ServicePartsCollector();
    /** Made by the first scrape. */
    private PrometheusRegistry registry;
    private PrometheusTextFormatWriter writer;

    public ServiceMetrics(NodeControl node, LongSupplier clockMs) {
        this.node = new NodeMetricsCollector(node, clockMs);
    }

    /**
     * Adds the TCP fallback relay's families and its bytes to {@code zt_data}, and the network ports' families when
     * there are ports ({@code ports} null: none).
     */
    public synchronized ServiceMetrics withTransports(TcpFallback fallback, Supplier<List<PortCounters>> ports) {
        TcpRelayClient client = fallback.client();
        node.tcpBytes(new NodeMetricsCollector.TcpBytes() {
            @Override
            public long received() {
                return client.bytesRead();
            }

            @Override
            public long sent() {
                return client.bytesWritten();
            }
        });
        transports = new TransportMetricsCollector(fallback, ports);
        if (registry != null) registry.register(transports);
        return this;
    }

    /** Adds the embedded controller's families. */
    public synchronized ServiceMetrics withController(ControllerMetrics controller) {
        this.controller = controller;
        if (registry != null) controller.registerWith(registry);
        return this;
    }

    /**
     * Adds the DNS server's counters to {@code ztj_dns_*}: {@code counters} is asked at each scrape and may give null
     * (no DNS server, or not yet), which reads as 0.
     */
    public ServiceMetrics withDns(Supplier<DnsCounters> counters) {
        parts.dns(counters);
        return this;
    }

    /**
     * Adds the port mapper's dropped answers to {@code ztj_port_mapping_dropped_answers}: {@code mapper} is asked at
     * each scrape and may give null (no port mapping, or not yet), which reads as 0.
     */
    public ServiceMetrics withPortMapper(Supplier<PortMapper> mapper) {
        parts.portMapper(mapper);
        return this;
    }

    /** Whether a scrape has made the registry (and registered the JVM's families). */
    synchronized boolean registryMade() {
        return registry != null;
    }

    /** Collects every family now and renders them. */
    public String scrape() {
        PrometheusRegistry r;
        PrometheusTextFormatWriter w;
        synchronized (this) {
            if (registry == null) {
                PrometheusRegistry made = new PrometheusRegistry();
                made.register(node);
                made.register(parts);
                if (transports != null) made.register(transports);
                if (controller != null) controller.registerWith(made);
                JvmMetrics.builder().register(made);
                writer = PrometheusTextFormatWriter.create();
                registry = made;
            }
            r = registry;
            w = writer;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            w.write(out, r.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
