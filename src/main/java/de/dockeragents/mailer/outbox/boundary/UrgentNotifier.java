package de.dockeragents.mailer.outbox.boundary;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import de.dockeragents.mailer.ops.control.Durations;
import de.dockeragents.mailer.ops.control.StartupState;
import de.dockeragents.mailer.outbox.control.OutboxSender;
import de.dockeragents.mailer.outbox.control.OutboxSettings;
import de.dockeragents.mailer.outbox.control.SendFailure;
import de.dockeragents.mailer.outbox.control.SmtpConnection;
import de.dockeragents.mailer.outbox.control.UrgentNotice;
import de.dockeragents.mailer.triage.entity.Classified;
import de.dockeragents.mailer.triage.entity.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;

/**
 * Tells staff at once when urgent mail arrives (optional: {@code mailer.notify.urgent-to}). Urgent
 * mails within {@code mailer.notify.delay} share one notice; a notice the SMTP server did not take
 * is tried again a minute later, with the mails that came meanwhile counted in.
 */
@ApplicationScoped
public class UrgentNotifier {

    private static final Logger LOG = Logger.getLogger(UrgentNotifier.class.getName());

    /** empty in the configuration means absent in MP Config: no notice */
    @Inject
    @ConfigProperty(name = "mailer.notify.urgent-to")
    Optional<String> to;
    @Inject
    @ConfigProperty(name = "mailer.notify.page-url")
    String pageUrl;
    @Inject
    @ConfigProperty(name = "mailer.notify.delay")
    String delay;
    @Inject
    OutboxSender outbox;
    @Inject
    StartupState state;
    @Resource
    ManagedScheduledExecutorService scheduler;

    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    void on(@Observes Classified event) {
        if (to.filter(t -> !t.isBlank()).isEmpty() || event.decision().verdict().priority() != Priority.URGENT) {
            return;
        }
        waiting.incrementAndGet();
        schedule(Durations.parse(delay).toMillis());
    }

    private void schedule(long millis) {
        if (scheduled.compareAndSet(false, true)) {
            scheduler.schedule(this::send, millis, TimeUnit.MILLISECONDS);
        }
    }

    void send() {
        scheduled.set(false);
        int count = waiting.getAndSet(0);
        OutboxSettings s = outbox.settings();
        if (count == 0 || s == null) {
            return;
        }
        UrgentNotice notice = new UrgentNotice(state.settings().profile().name(), count, pageUrl);
        try (SmtpConnection smtp = new SmtpConnection(s.smtp())) {
            String address = to.orElseThrow().strip();
            smtp.send(notice.message(smtp.session(), s.smtp().from(), address), new InternetAddress(address));
            LOG.info(() -> "urgent notice sent: " + count + " urgent mail(s)");
        } catch (SendFailure | jakarta.mail.MessagingException e) {
            waiting.addAndGet(count);
            LOG.warning(() -> "urgent notice not sent, next try in 60 s: " + e.getMessage());
            schedule(60_000);
        }
    }
}
