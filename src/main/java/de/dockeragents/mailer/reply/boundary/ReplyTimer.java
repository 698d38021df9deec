package de.dockeragents.mailer.reply.boundary;

import java.util.logging.Level;
import java.util.logging.Logger;

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

import de.dockeragents.mailer.platform.control.Intervals;
import de.dockeragents.mailer.platform.entity.Started;
import de.dockeragents.mailer.reply.control.ReplySettings;
import de.dockeragents.mailer.reply.control.ReplySweep;

/**
 * Runs the reply sweep on {@code mailer.reply.sweep-interval}, from start-up on. No transaction:
 * each step commits on its own, and IMAP work (the Drafts folder) must not sit inside one.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReplyTimer {

    private static final Logger LOG = Logger.getLogger(ReplyTimer.class.getName());

    @Resource
    TimerService timers;

    @Inject
    ReplySettings settings;

    @Inject
    ReplySweep sweep;

    public void start(@Observes @Priority(Started.REPLY) Started started) {
        Intervals.every(timers, "reply-sweep", settings.sweepInterval(), settings.sweepInterval());
    }

    @Timeout
    void tick() {
        try {
            sweep.sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reply sweep failed: " + e.getClass().getSimpleName());
        }
    }
}
