package de.dockeragents.mailer.triage.boundary;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;

import de.dockeragents.mailer.ops.control.StartupState;
import de.dockeragents.mailer.triage.control.Labeling;
import de.dockeragents.mailer.triage.control.TriageSettings;
import de.dockeragents.mailer.triage.control.TriageSweep;
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
 * Runs the triage sweep and the labels' catch-up on {@code mailer.triage.sweep-interval}.
 * Programmatic and non-persistent like the poll timer; it does nothing until start-up has migrated
 * the schema. No transaction: each step commits on its own, and IMAP work must not sit inside one.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TriageTimer {

    private static final Logger LOG = Logger.getLogger(TriageTimer.class.getName());

    @Resource
    TimerService timers;
    @Inject
    Config config;
    @Inject
    StartupState state;
    @Inject
    TriageSweep sweep;
    @Inject
    Labeling labels;

    @PostConstruct
    void start() {
        long every;
        try {
            every = TriageSettings.read(config).sweepInterval().toMillis();
        } catch (RuntimeException e) {
            // start-up's configuration check reports it and exits with code 1
            every = 60_000;
        }
        timers.getTimers().forEach(jakarta.ejb.Timer::cancel);
        timers.createIntervalTimer(every, every, new TimerConfig("triage-sweep", false));
    }

    @Timeout
    void tick() {
        if (!state.started()) {
            return;
        }
        try {
            sweep.sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "triage sweep failed: " + e.getClass().getSimpleName());
        }
        labels.applyPending();
    }
}
