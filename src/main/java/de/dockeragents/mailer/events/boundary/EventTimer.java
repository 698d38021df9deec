package de.dockeragents.mailer.events.boundary;

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

import de.dockeragents.mailer.events.control.EventSender;
import de.dockeragents.mailer.events.control.EventSettings;
import de.dockeragents.mailer.platform.control.Intervals;
import de.dockeragents.mailer.platform.entity.Started;

/**
 * Delivers webhook events on {@code mailer.events.interval}. No transaction around a run: every claim
 * and every outcome commits on its own, before and after the HTTP call.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventTimer {

    private static final Logger LOG = Logger.getLogger(EventTimer.class.getName());

    @Resource
    TimerService timers;

    @Inject
    EventSender sender;

    @Inject
    EventSettings settings;

    public void start(@Observes @Priority(Started.EVENTS) Started started) {
        timers.getTimers().forEach(Timer::cancel);
        if (!settings.enabled()) {
            LOG.info("webhook events off (" + EventSettings.URL + " not set): none are written or sent");
            return;
        }
        Intervals.every(timers, "events-deliver", settings.interval(), settings.interval());
        LOG.info(() -> "webhook events to " + settings.target() + " every "
                + settings.interval().toMillis() + " ms, mail content "
                + (settings.includeContent() ? "included" : "left out"));
    }

    @Timeout
    void tick() {
        try {
            sender.drain();
        } catch (RuntimeException e) {
            LOG.warning(
                    () -> "event delivery run failed (" + e.getClass().getSimpleName() + "), next run as scheduled");
        }
    }
}
