package de.dockeragents.mailer.outbox.boundary;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import de.dockeragents.mailer.outbox.control.SmtpLogin;
import de.dockeragents.mailer.outbox.control.SmtpStatus;

/**
 * Not ready while the SMTP server refuses the login: replies would only pile up as dead letters,
 * and no waiting cures a wrong password. An unreachable server is reported but stays UP: the
 * queue waits and retries (the SmtpFailing alert watches that).
 */
@Readiness
@ApplicationScoped
public class SmtpCheck implements HealthCheck {

    @Inject
    SmtpStatus status;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("smtp");
        SmtpLogin last = status.last();
        if (last == null) {
            return response.up().withData("login", "not checked yet").build();
        }
        return response.status(!last.rejected())
                .withData("login", last.ok() ? "accepted" : last.reason())
                .withData(
                        "ageSeconds", Duration.between(last.at(), Instant.now()).toSeconds())
                .build();
    }
}
