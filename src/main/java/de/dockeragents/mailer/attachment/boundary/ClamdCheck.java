package de.dockeragents.mailer.attachment.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import de.dockeragents.mailer.attachment.control.Attachments;

/**
 * Ready only while clamd answers PING. Mail keeps flowing without it (attachments wait as
 * pending), but nothing new reaches storage, which is worth a red light.
 */
@Readiness
@ApplicationScoped
public class ClamdCheck implements HealthCheck {

    @Inject
    AttachmentProcessor processor;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("clamd");
        Attachments a = processor.attachments();
        if (a == null) {
            return response.down().withData("configured", false).build();
        }
        long start = System.nanoTime();
        boolean up = a.scanner().ping();
        return response.status(up)
                .withData("endpoint", a.scanner().clamd().endpoint())
                .withData("latencyMs", (System.nanoTime() - start) / 1_000_000)
                .withData("quarantineFiles", a.metrics().quarantineFiles())
                .build();
    }
}
