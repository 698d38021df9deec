package de.dockeragents.mailer.inbox.boundary;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import de.dockeragents.mailer.inbox.control.IdleWatch;
import de.dockeragents.mailer.inbox.control.InboxPoller;
import de.dockeragents.mailer.inbox.control.InboxSettings;
import de.dockeragents.mailer.mailbox.control.ImapSettings;
import de.dockeragents.mailer.platform.control.Intervals;
import de.dockeragents.mailer.platform.control.Leases;
import de.dockeragents.mailer.platform.entity.Started;

/**
 * Polls the inbox on an interval, and starts waiting for new mail with IMAP IDLE beside it. Programmatic
 * and non-persistent: two mailers never share a timer, and a restart simply starts polling again. The poller itself never throws, so the timer
 * never dies of an exception. Every instance contends for the folder's lease; the timer runs on all of them,
 * and only the holder's ticks read the folder.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PollTimer {

    @Resource
    TimerService timers;

    @Inject
    InboxPoller poller;

    @Inject
    InboxSettings settings;

    @Inject
    IdleWatch idle;

    @Inject
    ImapSettings imap;

    @Inject
    Leases leases;

    /** Last of all components: mail flows only once everything behind the inbox runs. */
    public void start(@Observes @Priority(Started.INBOX) Started started) {
        leases.contend(imap.folder());
        Intervals.every(timers, "imap-poll", Duration.ZERO, settings.pollInterval());
        idle.start();
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
