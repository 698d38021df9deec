package de.dockeragents.mailer.events.control;

import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@code webhook_events_total{result}}: each delivery attempt counts once, as delivered, failed (to be
 * retried) or dead (the attempt after which the event was given up).
 */
@ApplicationScoped
public class EventMetrics {

    /** The metric's result label. */
    public enum Result {
        DELIVERED,
        FAILED,
        DEAD;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Metadata ATTEMPTS = Metadata.builder()
            .withName("webhook_events")
            .withDescription(
                    "Webhook event delivery attempts by result: delivered, failed (retried later), dead (given up)")
            .build();

    @Inject
    MetricRegistry registry;

    @PostConstruct
    void register() {
        for (Result r : Result.values()) {
            registry.counter(ATTEMPTS, new Tag("result", r.label()));
        }
    }

    public void attempt(Result result) {
        registry.counter(ATTEMPTS, new Tag("result", result.label())).inc();
    }
}
