package de.dockeragents.mailer.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import de.dockeragents.mailer.platform.control.Leases;

/**
 * Which instance this is and which folders it reads ({@code held}) or stands by for ({@code standby}). A
 * standby is as ready as the holder (it takes over when the holder goes), so this check is always UP; the
 * {@code MailerLeaseUnheld} alert watches that some instance holds each folder.
 */
@Readiness
@ApplicationScoped
public class LeaseCheck implements HealthCheck {

    @Inject
    Leases leases;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("lease")
                .withData("instance", leases.instance())
                .withData("holder", leases.holder());
        for (String folder : leases.folders()) {
            response.withData("folder:" + folder, leases.holds(folder) ? "held" : "standby");
        }
        return response.up().build();
    }
}
