package net.ztj.service.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import net.ztj.service.node.NodeControl;
import net.ztj.service.port.PortCounters;
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
 */
public final class ServiceMetrics {
    /** The content type of {@link #scrape}. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final NodeMetricsCollector node;
    private boolean jvmRegistered;

    /** The JVM's families join on {@link #registerJvmMetrics} or the first {@link #scrape}, whichever comes first. */
    public ServiceMetrics(NodeControl node, LongSupplier clockMs) {
        this.node = new NodeMetricsCollector(node, clockMs);
        registry.register(this.node);
    }

    /**
     * Adds the JVM's families (memory, GC, threads...) once. They load java.management and take a starting daemon
     * 0.2-0.4 s, so the daemon calls this after its API is up; a scrape before that calls it itself.
     */
    public synchronized void registerJvmMetrics() {
        if (jvmRegistered) return;
        jvmRegistered = true;
        JvmMetrics.builder().register(registry);
    }

    /**
     * Adds the TCP fallback relay's families and its bytes to {@code zt_data}, and the network ports' families when
     * there are ports ({@code ports} null: none).
     */
    public ServiceMetrics withTransports(TcpFallback fallback, Supplier<List<PortCounters>> ports) {
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
        registry.register(new TransportMetricsCollector(fallback, ports));
        return this;
    }

    /** Adds the embedded controller's families. */
    public ServiceMetrics withController(ControllerMetrics controller) {
        controller.registerWith(registry);
        return this;
    }

    /** Collects every family now and renders them. */
    public String scrape() {
        registerJvmMetrics();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
