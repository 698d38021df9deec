package de.dockeragents.mailer.ops.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

import de.dockeragents.mailer.platform.control.StartupState;

/** Started once configuration, database, mailbox and migrations are through and the timer runs. */
@Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {

    @Inject
    StartupState state;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("mailer-started")
                .status(state.started())
                .build();
    }
}
