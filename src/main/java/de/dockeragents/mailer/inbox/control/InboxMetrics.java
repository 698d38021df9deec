package de.dockeragents.mailer.inbox.control;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/** The inbox's Prometheus metrics; the names match the Grafana dashboards one to one. */
@ApplicationScoped
public class InboxMetrics {

    /** Why a message did not end up stored and parsed. */
    public enum FailReason {
        PARSE_ERROR,
        TOO_LARGE,
        STORE_ERROR,
        IMAP_ERROR
    }

    @Inject
    MetricRegistry registry;

    @Inject
    InboxStatus status;

    private Counter fetched;
    private Counter stored;
    private Counter duplicates;
    private Timer poll;
    private Counter idleWakeups;
    private Counter idleRenewals;

    /** Why waiting with IDLE gave way to the poll alone. */
    public enum IdleFallback {
        UNSUPPORTED,
        FAILED
    }

    @PostConstruct
    void register() {
        fetched = registry.counter(Metadata.builder()
                .withName("emails_fetched")
                .withDescription("Messages downloaded from the IMAP server")
                .build());
        stored = registry.counter(Metadata.builder()
                .withName("emails_stored")
                .withDescription("Messages newly stored in the database, parsed or raw")
                .build());
        duplicates = registry.counter(Metadata.builder()
                .withName("emails_duplicate")
                .withDescription("Messages fetched again but already stored (skipped)")
                .build());
        for (FailReason r : FailReason.values()) {
            failedCounter(r);
        }
        poll = registry.timer(Metadata.builder()
                .withName("imap_poll")
                .withDescription("Duration of one poll of the IMAP folder")
                .withUnit(MetricUnits.SECONDS)
                .build());
        idleWakeups = registry.counter(Metadata.builder()
                .withName("imap_idle_wakeups")
                .withDescription("Fetches asked for because the server announced new mail during IMAP IDLE")
                .build());
        idleRenewals = registry.counter(Metadata.builder()
                .withName("imap_idle_renewals")
                .withDescription("IDLE commands ended and issued again (mailer.imap.idle-renew), each with a NOOP")
                .build());
        for (IdleFallback f : IdleFallback.values()) {
            fallbackCounter(f);
        }
        registry.gauge(
                Metadata.builder()
                        .withName("imap_idle_active")
                        .withDescription(
                                "1 while new mail is waited for with IMAP IDLE, 0 while only the poll finds it")
                        .build(),
                status,
                s -> s.idle() == InboxStatus.Idle.ACTIVE ? 1 : 0);
        registry.gauge(
                Metadata.builder()
                        .withName("imap_connected")
                        .withDescription("1 while the IMAP connection is open, else 0")
                        .build(),
                status,
                s -> s.connected() ? 1 : 0);
        registry.gauge(
                Metadata.builder()
                        .withName("imap_last_success_timestamp_seconds")
                        .withDescription("Unix time of the last successful poll, 0 before the first")
                        .build(),
                status,
                s -> s.lastSuccess() == null ? 0 : s.lastSuccess().getEpochSecond());
    }

    public void fetched(int n) {
        fetched.inc(n);
    }

    public void stored(int n) {
        stored.inc(n);
    }

    public void duplicates(int n) {
        duplicates.inc(n);
    }

    public void failed(FailReason reason) {
        failedCounter(reason).inc();
    }

    public void polled(Duration took) {
        poll.update(took);
    }

    public void idleWakeup() {
        idleWakeups.inc();
    }

    public void idleRenewed() {
        idleRenewals.inc();
    }

    public void idleFallback(IdleFallback reason) {
        fallbackCounter(reason).inc();
    }

    private Counter fallbackCounter(IdleFallback reason) {
        return registry.counter(
                Metadata.builder()
                        .withName("imap_idle_fallbacks")
                        .withDescription("Times waiting with IMAP IDLE gave way to the poll alone, by reason")
                        .build(),
                new Tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT)));
    }

    private Counter failedCounter(FailReason reason) {
        return registry.counter(
                Metadata.builder()
                        .withName("emails_failed")
                        .withDescription("Messages not stored as parsed mail, and poll failures, by reason")
                        .build(),
                new Tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT)));
    }
}
