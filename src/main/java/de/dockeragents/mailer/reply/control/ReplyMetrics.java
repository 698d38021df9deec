package de.dockeragents.mailer.reply.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import de.dockeragents.mailer.reply.entity.SuppressReason;

/** {@code auto_replies_suppressed_total{reason}}, as on the dashboard. */
@ApplicationScoped
public class ReplyMetrics {

    private static final Metadata SUPPRESSED = Metadata.builder()
            .withName("auto_replies_suppressed")
            .withDescription("Automatic replies not sent, by reason (loop guard, daily cap)")
            .build();

    @Inject
    MetricRegistry registry;

    @PostConstruct
    void register() {
        for (SuppressReason r : SuppressReason.values()) {
            registry.counter(SUPPRESSED, new Tag("reason", r.wire()));
        }
    }

    public void suppressed(SuppressReason reason) {
        registry.counter(SUPPRESSED, new Tag("reason", reason.wire())).inc();
    }
}
