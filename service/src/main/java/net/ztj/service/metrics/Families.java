package net.ztj.service.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;

import java.util.List;

/** Building the snapshots of metric families from values read at scrape time. */
final class Families {
    private Families() {}

    /** One value and its label names and values, alternating. */
    record Sample(double value, String... labels) {}

    /**
     * A family of ZeroTier One's counters. Its library writes them without the {@code _total} suffix the Prometheus
     * Java client gives a counter, so they are exposed untyped, which keeps the sample names identical.
     */
    static MetricSnapshot untyped(String name, String help, List<Sample> samples) {
        UnknownSnapshot.Builder b = UnknownSnapshot.builder().name(name).help(help);
        for (Sample s : samples) {
            b.dataPoint(UnknownSnapshot.UnknownDataPointSnapshot.builder().value(s.value())
                    .labels(Labels.of(s.labels())).build());
        }
        return b.build();
    }

    static MetricSnapshot counter(String name, String help, List<Sample> samples) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (Sample s : samples) {
            b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(s.value())
                    .labels(Labels.of(s.labels())).build());
        }
        return b.build();
    }

    static MetricSnapshot gauge(String name, String help, List<Sample> samples) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        for (Sample s : samples) {
            b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(s.value())
                    .labels(Labels.of(s.labels())).build());
        }
        return b.build();
    }
}
