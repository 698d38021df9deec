package de.dockeragents.mailer.ops.boundary;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import de.dockeragents.mailer.inbox.control.InboxStatus;
import de.dockeragents.mailer.ops.control.Configuration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Ready while polls succeed: the last successful one is younger than mailer.health.imap-max-age. */
@Readiness
@ApplicationScoped
public class ImapCheck implements HealthCheck {

    @Inject
    InboxStatus inbox;
    @Inject
    Configuration configuration;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("imap").withData("connected", inbox.connected())
                .withData("consecutiveFailures", inbox.consecutiveFailures());
        Instant last = inbox.lastSuccess();
        if (last == null) {
            return response.down().withData("lastSuccessAgeSeconds", -1).build();
        }
        Duration age = Duration.between(last, Instant.now());
        if (inbox.lastError() != null) {
            response.withData("lastError", inbox.lastError());
        }
        boolean fresh = age.compareTo(configuration.settings().imapMaxAge()) <= 0 && inbox.consecutiveFailures() == 0;
        return response.status(fresh).withData("lastSuccessAgeSeconds", age.toSeconds()).build();
    }
}
