package net.ztj.service.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.function.IntSupplier;

/**
 * The embedded network controller's metrics: requests by outcome, its queue, and how long a request waited from its
 * arrival at the node to its answer. Each count is one pre-bound counter increment (no label lookup); only the
 * controller's thread and the node's refusal of a full queue touch them.
 */
public final class ControllerMetrics {
    private final Counter requests = Counter.builder().name("ztj_controller_requests")
            .help("network configuration requests to the embedded controller, by outcome").labelNames("outcome").build();
    private final CounterDataPoint queued = requests.labelValues("queued");
    private final CounterDataPoint refused = requests.labelValues("refused");
    private final CounterDataPoint config = requests.labelValues("config");
    private final CounterDataPoint error = requests.labelValues("error");
    private final CounterDataPoint ignored = requests.labelValues("ignored");
    private final CounterDataPoint failed = requests.labelValues("failed");
    private final Histogram latency = Histogram.builder().name("ztj_controller_request_latency_seconds")
            .help("time from a configuration request's arrival to the controller's answer").classicOnly()
            .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10).build();
    private volatile IntSupplier queueLength = () -> 0;

    /** A request joined the queue. */
    public void queued() {
        queued.inc();
    }

    /** A request was refused: the queue was full or the controller stopped. */
    public void refused() {
        refused.inc();
    }

    /** The controller answered with a configuration, {@code waitedMs} after the request arrived. */
    public void answeredConfig(long waitedMs) {
        config.inc();
        latency.observe(waitedMs / 1000.0);
    }

    /** The controller answered with an error (not a member, no such network...). */
    public void answeredError(long waitedMs) {
        error.inc();
        latency.observe(waitedMs / 1000.0);
    }

    /** The controller chose not to answer (its rate limit, or a request it ignores). */
    public void ignored() {
        ignored.inc();
    }

    /** The controller failed on a request (its storage, typically); the member asks again. */
    public void failed() {
        failed.inc();
    }

    /** Where the queue's current length is read at scrape time. */
    public void queueLength(IntSupplier length) {
        queueLength = length;
    }

    /** Adds these families to a registry. */
    public void registerWith(PrometheusRegistry registry) {
        registry.register(requests);
        registry.register(latency);
        registry.register(GaugeWithCallback.builder().name("ztj_controller_queue_length")
                .help("configuration requests waiting for the embedded controller")
                .callback(cb -> cb.call(queueLength.getAsInt())).build());
    }
}
