package de.dockeragents.mailer.outbox.boundary;

import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import de.dockeragents.mailer.mailbox.control.ImapSettings;
import de.dockeragents.mailer.outbox.control.OutboxSender;
import de.dockeragents.mailer.outbox.control.OutboxSettings;
import de.dockeragents.mailer.platform.control.Intervals;
import de.dockeragents.mailer.platform.entity.Started;

/**
 * Drains the outbound queue on {@code mailer.outbox.interval}. Programmatic and non-persistent like
 * the poll timer; no transaction around a run, because every claim and every outcome must commit
 * on its own, before and after the SMTP transaction.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxTimer {

    private static final Logger LOG = Logger.getLogger(OutboxTimer.class.getName());

    @Resource
    TimerService timers;

    @Inject
    OutboxSender sender;

    @Inject
    OutboxSettings settings;

    @Inject
    ImapSettings imap;

    /** {@code imap} is where the Sent folder lives. */
    public void start(@Observes @Priority(Started.OUTBOX) Started started) {
        timers.getTimers().forEach(Timer::cancel);
        sender.configure(settings, imap);
        if (!settings.enabled()) {
            LOG.info("outbox disabled (mailer.outbox.enabled=false): queued mail is not sent");
            return;
        }
        Intervals.every(timers, "outbox-send", settings.interval(), settings.interval());
        LOG.info(() -> "outbox sending every " + settings.interval().toMillis() + " ms via " + settings.smtp());
    }

    public boolean running() {
        return !timers.getTimers().isEmpty();
    }

    @Timeout
    void tick() {
        try {
            sender.drain();
        } catch (RuntimeException e) {
            LOG.warning(() -> "outbox run failed (" + e.getClass().getSimpleName() + "), next run as scheduled");
        }
    }
}
