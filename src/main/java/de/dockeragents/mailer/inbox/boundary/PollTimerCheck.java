package de.dockeragents.mailer.inbox.boundary;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import de.dockeragents.mailer.inbox.control.InboxSettings;
import de.dockeragents.mailer.inbox.control.InboxStatus;
import de.dockeragents.mailer.platform.control.StartupState;

/**
 * Alive while the poll timer exists and fires. A stuck or vanished timer is what a restart cures,
 * so this is liveness; a failing mailbox is readiness, not this.
 */
@Liveness
@ApplicationScoped
public class PollTimerCheck implements HealthCheck {

    @Inject
    PollTimer timer;

    @Inject
    InboxStatus inbox;

    @Inject
    StartupState state;

    @Inject
    InboxSettings settings;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("poll-timer");
        if (!state.started()) {
            return response.up().withData("state", "starting").build();
        }
        Instant tick = inbox.lastTick();
        Duration allowed = settings.pollInterval().multipliedBy(3).plus(Duration.ofMinutes(2));
        long age = tick == null ? -1 : Duration.between(tick, Instant.now()).toSeconds();
        boolean alive = timer.running() && tick != null && age <= allowed.toSeconds();
        return response.status(alive).withData("lastTickAgeSeconds", age).build();
    }
}
