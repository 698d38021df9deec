package de.dockeragents.mailer.events.control;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Delivers due events, one claimed row at a time: a 2xx answer marks it delivered; anything else (an
 * error status, a refused connection, a timeout) is retried after the backoff, and after
 * {@code mailer.events.max-attempts} the event is dead and stays in the table for a person.
 */
@ApplicationScoped
public class EventSender {

    private static final Logger LOG = Logger.getLogger(EventSender.class.getName());
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    @Inject
    EventStore store;

    @Inject
    EventSettings settings;

    @Inject
    EventMetrics metrics;

    private WebhookClient client;
    private Instant lastPurge = Instant.EPOCH;

    /** Delivers up to a batch of due events; returns how many were attempted. */
    public synchronized int drain() {
        if (!settings.enabled()) {
            return 0;
        }
        if (client == null) {
            client = new WebhookClient(settings);
        }
        int n = 0;
        while (n < settings.batchSize()) {
            Optional<EventStore.Pending> next = store.claim(settings.lease());
            if (next.isEmpty()) {
                break;
            }
            deliver(next.get());
            n++;
        }
        purge();
        return n;
    }

    private void deliver(EventStore.Pending event) {
        String error;
        try {
            int status = client.post(event);
            if (status >= 200 && status < 300) {
                store.delivered(event);
                metrics.attempt(EventMetrics.Result.DELIVERED);
                return;
            }
            error = "HTTP " + status;
        } catch (IOException e) {
            error = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        String why = error;
        if (event.attempt() >= settings.maxAttempts()) {
            store.dead(event, why);
            metrics.attempt(EventMetrics.Result.DEAD);
            LOG.warning(() -> "event " + event.id() + " (" + event.type() + ") given up after " + event.attempt()
                    + " attempt(s): " + why);
        } else {
            Duration wait = settings.backoff().after(event.attempt(), ThreadLocalRandom.current()::nextDouble);
            store.failed(event, why, wait);
            metrics.attempt(EventMetrics.Result.FAILED);
            LOG.info(() -> "event " + event.id() + " (" + event.type() + ") attempt " + event.attempt() + " failed: "
                    + why + "; next in " + wait.toMillis() + " ms");
        }
    }

    private void purge() {
        Instant now = Instant.now();
        if (Duration.between(lastPurge, now).compareTo(PURGE_EVERY) >= 0) {
            lastPurge = now;
            int gone = store.purge(settings.keepDelivered());
            if (gone > 0) {
                LOG.info(() -> gone + " delivered event(s) older than " + settings.keepDelivered() + " removed");
            }
        }
    }
}
