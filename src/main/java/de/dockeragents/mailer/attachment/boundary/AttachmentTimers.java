package de.dockeragents.mailer.attachment.boundary;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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

import de.dockeragents.mailer.attachment.control.AttachmentSettings;
import de.dockeragents.mailer.attachment.control.CleanupMark;
import de.dockeragents.mailer.platform.control.Leases;
import de.dockeragents.mailer.platform.entity.Started;

/**
 * Two timers, programmatic and non-persistent like the poll timer: the scan retry on an interval,
 * and the daily cleanup (archive, then retention) at a time of day ({@code mailer.attachment.cleanup-at},
 * 02:00 by default: the quiet hours). A cleanup missed while the PC was off (none finished in the
 * last day) runs a minute after start.
 * They only trigger the processor and never let an exception end the timer. With several instances of a
 * mailer, the cleanup runs on one of them at a time ({@link Leases#exclusive}); the scan retries claim each
 * mail anyway.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AttachmentTimers {

    private static final Logger LOG = Logger.getLogger(AttachmentTimers.class.getName());
    static final String RETRY = "attachment-retry";
    static final String CLEANUP = "attachment-cleanup";
    static final String CATCH_UP = "attachment-cleanup-catch-up";
    private static final Duration CATCH_UP_DELAY = Duration.ofMinutes(1);

    @Resource
    TimerService timers;

    @Inject
    AttachmentProcessor processor;

    private volatile CleanupMark mark;

    @Inject
    AttachmentSettings settings;

    @Inject
    Leases leases;

    /** Configures the processor and starts both timers. */
    public void start(@Observes @Priority(Started.ATTACHMENT) Started started) {
        processor.configure(settings);
        timers.getTimers().forEach(Timer::cancel);
        Duration every = settings.retryInterval();
        timers.createIntervalTimer(every.toMillis(), every.toMillis(), new TimerConfig(RETRY, false));
        LocalTime at = settings.cleanupAt();
        timers.createCalendarTimer(
                new ScheduleExpression()
                        .hour(at.getHour())
                        .minute(at.getMinute())
                        .second(0),
                new TimerConfig(CLEANUP, false));
        mark = CleanupMark.in(settings.root());
        if (mark.due(Instant.now(), Duration.ofDays(1))) {
            LOG.info("no attachment cleanup in the last day: catching up in " + CATCH_UP_DELAY.toSeconds() + " s");
            timers.createSingleActionTimer(CATCH_UP_DELAY.toMillis(), new TimerConfig(CATCH_UP, false));
        }
    }

    public boolean running() {
        return timers.getTimers().stream()
                        .filter(t -> !CATCH_UP.equals(t.getInfo()))
                        .count()
                == 2;
    }

    /** The longest a cleanup may take before another instance may start one (this one died in it). */
    private static final Duration CLEANUP_MAX = Duration.ofHours(2);

    private Boolean cleanup() {
        try {
            processor.cleanup(OffsetDateTime.now());
            mark.done();
            return true;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Timeout
    void fire(Timer timer) {
        try {
            if (CLEANUP.equals(timer.getInfo()) || CATCH_UP.equals(timer.getInfo())) {
                leases.exclusive("attachment-cleanup", CLEANUP_MAX, this::cleanup);
            } else {
                processor.retry();
            }
        } catch (Exception e) {
            LOG.warning(
                    () -> timer.getInfo() + " failed (" + e.getClass().getSimpleName() + "), next run as scheduled");
        }
    }
}
