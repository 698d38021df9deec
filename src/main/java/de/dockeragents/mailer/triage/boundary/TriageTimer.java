package de.dockeragents.mailer.triage.boundary;

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
import de.dockeragents.mailer.triage.control.Labeling;
import de.dockeragents.mailer.triage.control.TriageSettings;
import de.dockeragents.mailer.triage.control.TriageSweep;

/**
 * Runs the triage sweep and the labels' catch-up on {@code mailer.triage.sweep-interval}, from
 * start-up on. No transaction: each step commits on its own, and IMAP work must not sit inside one.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TriageTimer {

    private static final Logger LOG = Logger.getLogger(TriageTimer.class.getName());

    @Resource
    TimerService timers;

    @Inject
    TriageSettings settings;

    @Inject
    TriageSweep sweep;

    @Inject
    Labeling labels;

    public void start(@Observes @Priority(Started.TRIAGE) Started started) {
        Intervals.every(timers, "triage-sweep", settings.sweepInterval(), settings.sweepInterval());
    }

    @Timeout
    void tick() {
        try {
            sweep.sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "triage sweep failed: " + e.getClass().getSimpleName());
        }
        labels.applyPending();
    }
}
