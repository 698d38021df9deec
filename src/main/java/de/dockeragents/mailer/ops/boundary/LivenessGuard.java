package de.dockeragents.mailer.ops.boundary;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import de.dockeragents.mailer.ops.control.Configuration;
import de.dockeragents.mailer.ops.control.DownStreak;
import de.dockeragents.mailer.ops.control.Settings;
import de.dockeragents.mailer.platform.control.ExitCode;

/**
 * An unhealthy container is never restarted by Docker; one that exits is (restart: unless-stopped).
 * So every few seconds the liveness checks are asked, and when one has stayed DOWN for
 * {@code mailer.health.liveness-exit-after} the mailer logs which and leaves with exit code 3.
 */
@Startup
@Singleton
public class LivenessGuard {

    private static final Logger LOG = Logger.getLogger(LivenessGuard.class.getName());

    @Inject
    @Liveness
    Instance<HealthCheck> checks;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Configuration configuration;

    private DownStreak streak;

    @PostConstruct
    void begin() {
        Settings settings = configuration.settings();
        if (!settings.problems().isEmpty()) {
            return; // start-up reports them and leaves with exit code 1
        }
        Duration limit = settings.livenessExitAfter();
        if (limit.isZero()) {
            LOG.info("mailer.health.liveness-exit-after=0: an unhealthy mailer keeps running");
            return;
        }
        streak = new DownStreak(limit);
        long every = settings.livenessInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::look, every, every, TimeUnit.MILLISECONDS);
    }

    void look() {
        List<String> down = new ArrayList<>();
        for (HealthCheck check : checks) {
            try {
                HealthCheckResponse r = check.call();
                if (r.getStatus() != HealthCheckResponse.Status.UP) {
                    down.add(r.getName() + " "
                            + r.getData().map(Object::toString).orElse(""));
                }
            } catch (RuntimeException e) {
                down.add(check.getClass().getSimpleName() + " threw "
                        + e.getClass().getSimpleName());
            }
        }
        String why = streak.observe(down, Instant.now());
        if (why != null) {
            ExitCode.LIVENESS.exit(why);
        }
    }
}
