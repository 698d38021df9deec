package de.dockeragents.mailer.review.boundary;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import de.dockeragents.mailer.platform.control.Leases;
import de.dockeragents.mailer.platform.entity.Started;
import de.dockeragents.mailer.review.control.MailRetention;
import de.dockeragents.mailer.review.control.RetentionSettings;

/**
 * The daily mail retention at {@code mailer.retention.at}, programmatic and non-persistent like the other
 * timers; only with an age configured. One instance of a mailer runs it at a time ({@link Leases#exclusive}).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetentionTimer {

    private static final Logger LOG = Logger.getLogger(RetentionTimer.class.getName());
    static final String PASS = "mail-retention";
    /** The longest a run may take before another instance may start one (this one died in it). */
    static final Duration MAX = Duration.ofHours(2);

    @Resource
    TimerService timers;

    @Inject
    RetentionSettings settings;

    @Inject
    MailRetention retention;

    @Inject
    Leases leases;

    public void start(@Observes @Priority(Started.REPLY + 50) Started started) {
        timers.getTimers().forEach(Timer::cancel);
        if (settings.mailAge().isEmpty()) {
            return;
        }
        LocalTime at = settings.at();
        timers.createCalendarTimer(
                new ScheduleExpression()
                        .hour(at.getHour())
                        .minute(at.getMinute())
                        .second(0),
                new TimerConfig(PASS, false));
    }

    @Timeout
    void fire(Timer timer) {
        try {
            leases.exclusive(PASS, MAX, () -> {
                try {
                    return retention.run(OffsetDateTime.now());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.warning(() -> "mail retention stopped (" + cause.getClass().getSimpleName()
                    + "); what is left goes in the next run");
        }
    }
}
