package de.dockeragents.mailer.outbox.boundary;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import de.dockeragents.mailer.outbox.control.OutboxSender;
import de.dockeragents.mailer.outbox.control.OutboxSettings;
import de.dockeragents.mailer.platform.control.StartupState;

/**
 * Alive while the outbox timer exists and runs. An SMTP outage is not a reason to restart (the
 * queue waits and retries; dead mail is an alert), so only a vanished or stuck timer is DOWN.
 */
@Liveness
@ApplicationScoped
public class OutboxCheck implements HealthCheck {

    @Inject
    OutboxTimer timer;

    @Inject
    OutboxSender sender;

    @Inject
    StartupState state;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("outbox-timer");
        OutboxSettings s = sender.settings();
        if (!state.started() || s == null || !s.enabled()) {
            return response.up()
                    .withData("state", s != null && !s.enabled() ? "disabled" : "starting")
                    .build();
        }
        Instant last = sender.lastRun();
        Duration allowed = s.interval().multipliedBy(3).plus(s.lease()).plus(Duration.ofMinutes(2));
        long age = last == null ? -1 : Duration.between(last, Instant.now()).toSeconds();
        boolean alive = timer.running() && (last == null ? true : age <= allowed.toSeconds());
        return response.status(alive).withData("lastRunAgeSeconds", age).build();
    }
}
