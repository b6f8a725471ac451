package net.ztj.service.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import net.ztj.service.node.NodeControl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    public ServiceMetrics(NodeControl node, LongSupplier clockMs) {
        registry.register(new NodeMetricsCollector(node, clockMs));
        JvmMetrics.builder().register(registry);
    }

    /** Adds the embedded controller's families. */
    public ServiceMetrics withController(ControllerMetrics controller) {
        controller.registerWith(registry);
        return this;
    }

    /** Collects every family now and renders them. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
