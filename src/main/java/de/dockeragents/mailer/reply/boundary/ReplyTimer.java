package de.dockeragents.mailer.reply.boundary;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;

import de.dockeragents.mailer.ops.control.StartupState;
import de.dockeragents.mailer.reply.control.ReplySettings;
import de.dockeragents.mailer.reply.control.ReplySweep;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Runs the reply sweep on {@code mailer.reply.sweep-interval}; programmatic, non-persistent, idle
 * until start-up has migrated the schema. No transaction: each step commits on its own, and IMAP
 * work (the Drafts folder) must not sit inside one.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReplyTimer {

    private static final Logger LOG = Logger.getLogger(ReplyTimer.class.getName());

    @Resource
    TimerService timers;
    @Inject
    Config config;
    @Inject
    StartupState state;
    @Inject
    ReplySweep sweep;

    @PostConstruct
    void start() {
        long every;
        try {
            every = ReplySettings.read(config).sweepInterval().toMillis();
        } catch (RuntimeException e) {
            // start-up's configuration check reports it and exits with code 1
            every = 60_000;
        }
        timers.getTimers().forEach(jakarta.ejb.Timer::cancel);
        timers.createIntervalTimer(every, every, new TimerConfig("reply-sweep", false));
    }

    @Timeout
    void tick() {
        if (!state.started()) {
            return;
        }
        try {
            sweep.sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reply sweep failed: " + e.getClass().getSimpleName());
        }
    }
}
