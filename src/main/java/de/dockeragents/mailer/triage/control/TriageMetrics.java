package de.dockeragents.mailer.triage.control;

import java.time.Duration;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import de.dockeragents.mailer.llm.entity.AiOutcome;
import de.dockeragents.mailer.triage.entity.Decision;

/**
 * Triage's Prometheus metrics, named as on the dashboards: {@code emails_processed_total{category,
 * classified_by}}, {@code ai_processing_seconds} (with p95/p99), {@code ai_requests_total{outcome}}.
 * The Fault Tolerance metrics (breaker state, bulkhead) come from Liberty's mpFaultTolerance.
 */
@ApplicationScoped
public class TriageMetrics {

    private static final Metadata PROCESSED = Metadata.builder()
            .withName("emails_processed")
            .withDescription("Mail classified, by category and by who decided (ai or rules)")
            .build();
    private static final Metadata REQUESTS = Metadata.builder()
            .withName("ai_requests")
            .withDescription("Classification requests to Ollama by outcome")
            .build();

    @Inject
    MetricRegistry registry;

    private Timer ai;

    @PostConstruct
    void register() {
        ai = registry.timer(Metadata.builder()
                .withName("ai_processing")
                .withDescription("Time from asking Ollama to its answer (or to giving up)")
                .withUnit(MetricUnits.SECONDS)
                .build());
        for (AiOutcome o : AiOutcome.values()) {
            if (o.asked()) {
                registry.counter(REQUESTS, new Tag("outcome", o.wire()));
            }
        }
    }

    public void classified(Decision d) {
        registry.counter(
                        PROCESSED,
                        new Tag("category", d.verdict().category()),
                        new Tag("classified_by", d.classifiedBy().name().toLowerCase(Locale.ROOT)))
                .inc();
    }

    public void asked(AiOutcome outcome, Duration took) {
        if (!outcome.asked()) {
            return;
        }
        registry.counter(REQUESTS, new Tag("outcome", outcome.wire())).inc();
        ai.update(took);
    }
}
