package de.dockeragents.mailer.outbox.control;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import de.dockeragents.mailer.outbox.entity.OutboundStatus;

/**
 * {@code outbound_queue_depth{status}} (rows per status, refreshed by every sender run) and
 * {@code smtp_send_total{result}}: each SMTP attempt counts once, as success, failure (to be
 * retried) or dead (the attempt after which the mail was given up).
 */
@ApplicationScoped
public class OutboxMetrics {

    /** The metric's result label. */
    public enum Result {
        SUCCESS,
        FAILURE,
        DEAD;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Metadata SENDS = Metadata.builder()
            .withName("smtp_send")
            .withDescription("SMTP send attempts by result: success, failure (retried later), dead (given up)")
            .build();

    @Inject
    MetricRegistry registry;

    private final Map<OutboundStatus, AtomicLong> depth = new EnumMap<>(OutboundStatus.class);

    @PostConstruct
    void register() {
        Metadata gauge = Metadata.builder()
                .withName("outbound_queue_depth")
                .withDescription("Outbound mail per status (draft, pending, sending, failed, sent, dead, rejected)")
                .build();
        for (OutboundStatus s : OutboundStatus.values()) {
            AtomicLong value = new AtomicLong();
            depth.put(s, value);
            registry.gauge(gauge, value, AtomicLong::get, new Tag("status", s.label()));
        }
        for (Result r : Result.values()) {
            registry.counter(SENDS, new Tag("result", r.label()));
        }
    }

    public void attempt(Result result) {
        registry.counter(SENDS, new Tag("result", result.label())).inc();
    }

    public void depth(Map<OutboundStatus, Long> rows) {
        rows.forEach((s, n) -> depth.get(s).set(n));
    }
}
