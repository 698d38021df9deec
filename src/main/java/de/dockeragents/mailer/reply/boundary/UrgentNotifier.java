package de.dockeragents.mailer.reply.boundary;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;

import de.dockeragents.mailer.outbox.control.OutboxSettings;
import de.dockeragents.mailer.outbox.control.SendFailure;
import de.dockeragents.mailer.outbox.control.SmtpConnection;
import de.dockeragents.mailer.platform.control.Profile;
import de.dockeragents.mailer.reply.control.NoticeSettings;
import de.dockeragents.mailer.reply.control.UrgentNotice;
import de.dockeragents.mailer.triage.control.TriageSettings;
import de.dockeragents.mailer.triage.entity.Classified;
import de.dockeragents.mailer.triage.entity.Priority;

/**
 * Tells staff at once when urgent mail arrives (optional: {@code mailer.notify.urgent-to}). Urgent
 * mails within {@code mailer.notify.delay} share one notice; a notice the SMTP server did not take
 * is tried again a minute later, with the mails that came meanwhile counted in. The notice goes
 * straight over SMTP, not through the outbound queue: it answers no mail and has no recipient of
 * the mail's choosing.
 */
@ApplicationScoped
public class UrgentNotifier {

    private static final Logger LOG = Logger.getLogger(UrgentNotifier.class.getName());
    private static final long RETRY_MILLIS = 60_000;

    @Inject
    NoticeSettings settings;

    @Inject
    OutboxSettings outbox;

    @Inject
    TriageSettings triage;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    void on(@Observes Classified event) {
        if (!settings.enabled() || event.decision().verdict().priority() != Priority.URGENT) {
            return;
        }
        waiting.incrementAndGet();
        schedule(settings.delay().toMillis());
    }

    private void schedule(long millis) {
        if (scheduled.compareAndSet(false, true)) {
            scheduler.schedule(this::send, millis, TimeUnit.MILLISECONDS);
        }
    }

    void send() {
        scheduled.set(false);
        int count = waiting.getAndSet(0);
        if (count == 0) {
            return;
        }
        Profile profile = Profile.require(triage.profile());
        UrgentNotice notice = new UrgentNotice(
                profile.name(),
                count,
                settings.pageUrl(),
                profile.loadLanguages().get(0));
        try (SmtpConnection smtp = new SmtpConnection(outbox.smtp())) {
            smtp.send(
                    notice.message(smtp.session(), outbox.smtp().from(), settings.urgentTo()),
                    new InternetAddress(settings.urgentTo()));
            LOG.info(() -> "urgent notice sent: " + count + " urgent mail(s)");
        } catch (SendFailure | MessagingException e) {
            waiting.addAndGet(count);
            LOG.warning(() -> "urgent notice not sent, next try in 60 s: " + e.getMessage());
            schedule(RETRY_MILLIS);
        }
    }
}
