package de.dockeragents.mailer.inbox.boundary;

import java.time.Duration;

import de.dockeragents.mailer.inbox.control.InboxPoller;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Polls the inbox on an interval. Programmatic and non-persistent: two mailers never share a
 * timer, and a restart simply starts polling again. The poller itself never throws, so the timer
 * never dies of an exception.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PollTimer {

    @Resource
    TimerService timers;

    @Inject
    InboxPoller poller;

    public void start(Duration interval) {
        timers.getTimers().forEach(Timer::cancel);
        timers.createIntervalTimer(0, interval.toMillis(), new TimerConfig("imap-poll", false));
    }

    public boolean running() {
        return !timers.getTimers().isEmpty();
    }

    /** No transaction around a whole poll: each batch commits in its own. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        poller.tick();
    }
}
