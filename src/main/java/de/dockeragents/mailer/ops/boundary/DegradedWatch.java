package de.dockeragents.mailer.ops.boundary;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import de.dockeragents.mailer.events.control.EventOutbox;
import de.dockeragents.mailer.events.control.EventSettings;
import de.dockeragents.mailer.events.entity.EventType;
import de.dockeragents.mailer.events.entity.NewEvent;
import de.dockeragents.mailer.ops.control.Degradation;
import de.dockeragents.mailer.platform.entity.Started;

/**
 * {@code mailer.degraded}: every {@code mailer.events.health-interval} the readiness checks are asked;
 * when one that was UP goes DOWN, one event names the checks that are down. No table of ours records
 * health, so the event has a transaction of its own; while PostgreSQL itself is down none can be
 * written (Prometheus' alerts cover that).
 */
@ApplicationScoped
public class DegradedWatch {

    private static final Logger LOG = Logger.getLogger(DegradedWatch.class.getName());

    @Inject
    @Readiness
    Instance<HealthCheck> checks;

    @Inject
    EventSettings settings;

    @Inject
    EventOutbox events;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Degradation degradation = new Degradation();
    private ScheduledFuture<?> task;

    void start(@Observes @Priority(Started.INBOX + 1) Started started) {
        if (task != null) {
            task.cancel(false);
        }
        if (!settings.enabled()) {
            return;
        }
        long every = settings.healthInterval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::look, every, every, TimeUnit.MILLISECONDS);
    }

    void look() {
        Set<String> down = new TreeSet<>();
        for (HealthCheck check : checks) {
            try {
                HealthCheckResponse r = check.call();
                if (r.getStatus() != HealthCheckResponse.Status.UP) {
                    down.add(r.getName());
                }
            } catch (RuntimeException e) {
                down.add(check.getClass().getSimpleName());
            }
        }
        Set<String> report = degradation.newlyDown(down);
        if (report.isEmpty()) {
            return;
        }
        try {
            events.recordAlone(NewEvent.of(EventType.MAILER_DEGRADED)
                    .with("down", down.stream().toList())
                    .with("newly_down", report.stream().toList()));
            degradation.reported(down);
        } catch (RuntimeException e) {
            LOG.warning(() -> "mailer.degraded (" + report + ") not recorded ("
                    + e.getClass().getSimpleName() + "), tried again on the next look");
        }
    }
}
