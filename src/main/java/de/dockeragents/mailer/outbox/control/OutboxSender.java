package de.dockeragents.mailer.outbox.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import de.dockeragents.mailer.mailbox.control.ImapSettings;
import de.dockeragents.mailer.mailbox.control.SentFolder;
import de.dockeragents.mailer.outbox.entity.Outbound;

/**
 * Drains the outbound queue over SMTP, one claimed row at a time (see {@link OutboxStore}): at most
 * {@code mailer.outbox.batch-size} per run, over one connection. A row recovered from an expired
 * lease is first looked for in the Sent folder, because an interrupted attempt may have reached the
 * server; see docs/outbox.md. Logs name rows by id and Message-ID only, never an address.
 */
@ApplicationScoped
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class.getName());
    static final String UNCONFIRMED = "unconfirmed: an attempt was interrupted after the mail went to the SMTP server"
            + " and no Sent folder can tell whether it was accepted; check the recipient's thread before requeueing";

    @Inject
    OutboxStore store;

    @Inject
    OutboxMetrics metrics;

    @Inject
    SmtpStatus smtpStatus;

    private volatile OutboxSettings settings;
    private volatile SentFolder sentFolder;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Instant lastRun;

    public void configure(OutboxSettings outbox, ImapSettings imap) {
        this.settings = outbox;
        this.sentFolder = new SentFolder(imap, outbox.sentFolder());
    }

    /** One run: sends what is due; returns how many rows it dealt with. Never overlaps itself. */
    public int drain() {
        OutboxSettings s = settings;
        if (s == null || !running.compareAndSet(false, true)) {
            return 0;
        }
        int handled = 0;
        try (SmtpConnection smtp = new SmtpConnection(s.smtp())) {
            while (handled < s.batchSize()) {
                Optional<Outbound> next = store.claimExpired(s.lease()).or(() -> store.claimDue(s.lease()));
                if (next.isEmpty()) {
                    break;
                }
                handled++;
                if (!handle(next.get(), smtp, s)) {
                    break; // the server is not usable now; the rest waits for the next run
                }
            }
        } finally {
            running.set(false);
            lastRun = Instant.now();
            try {
                metrics.depth(store.depth());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "queue depth not refreshed", e);
            }
        }
        return handled;
    }

    /** When the last run ended; null before the first. */
    public Instant lastRun() {
        return lastRun;
    }

    public OutboxSettings settings() {
        return settings;
    }

    /** False when the SMTP server itself failed, so the run should stop. */
    boolean handle(Outbound o, SmtpConnection smtp, OutboxSettings s) {
        if (o.recovered() && !mayResend(o, s)) {
            return true;
        }
        MimeMessage message;
        InternetAddress to;
        try {
            to = new InternetAddress(o.recipient(), true);
            message = ReplyMessage.of(smtp.session(), o, s.smtp().from());
        } catch (AddressException e) {
            give(o, "the recipient is not a valid address", s);
            return true;
        } catch (MessagingException e) {
            give(o, "the message could not be built: " + e.getClass().getSimpleName(), s);
            return true;
        }
        try {
            smtp.send(message, to);
            smtpStatus.record(new SmtpLogin(true, false, "accepted", Instant.now()));
            if (!store.sent(o, "")) {
                LOG.warning(
                        () -> o + ": sent, but its lease had passed to another run (mailer.outbox.lease too short?)");
            }
            metrics.attempt(OutboxMetrics.Result.SUCCESS);
            LOG.fine(() -> o + ": sent");
            return true;
        } catch (SendFailure f) {
            if (f.connection()) {
                smtpStatus.record(new SmtpLogin(false, f.loginRejected(), f.getMessage(), Instant.now()));
            }
            if (f.permanent() || o.attempt() >= s.maxAttempts()) {
                give(
                        o,
                        (f.permanent() ? "refused: " : "gave up after " + o.attempt() + " attempts: ") + f.getMessage(),
                        s);
            } else {
                Duration wait = s.backoff().after(o.attempt(), ThreadLocalRandom.current()::nextDouble);
                store.failed(o, f.getMessage(), wait);
                metrics.attempt(OutboxMetrics.Result.FAILURE);
                LOG.info(() -> o + " failed (" + f.getMessage() + "), next attempt in " + wait.toMillis() + " ms");
            }
            return !f.connection();
        }
    }

    /**
     * A recovered row: an earlier attempt was cut off between claiming it and recording the outcome.
     * Sent folder shows it: it left, record SENT. Not there: it never left, send it. No folder: as
     * configured (review: dead-letter for a person; resend). Folder unreadable: decide later.
     */
    private boolean mayResend(Outbound o, OutboxSettings s) {
        switch (sentFolder.holds(o.messageId())) {
            case FOUND -> {
                store.sent(o, "confirmed in the Sent folder after an interrupted attempt");
                metrics.attempt(OutboxMetrics.Result.SUCCESS);
                LOG.info(() ->
                        o + ": an interrupted attempt had been accepted (found in the Sent folder); not sent again");
                return false;
            }
            case ABSENT -> {
                LOG.info(() -> o + ": an interrupted attempt is not in the Sent folder; sending it");
                return true;
            }
            case NO_FOLDER -> {
                if (s.unconfirmed() == OutboxSettings.Unconfirmed.RESEND) {
                    LOG.info(
                            () -> o
                                    + ": an interrupted attempt cannot be checked; sending again (mailer.outbox.unconfirmed=resend)");
                    return true;
                }
                give(o, UNCONFIRMED, s);
                return false;
            }
            default -> {
                if (o.attempt() >= s.maxAttempts()) {
                    give(o, UNCONFIRMED, s);
                } else {
                    Duration wait = s.backoff().after(o.attempt(), ThreadLocalRandom.current()::nextDouble);
                    store.undecided(
                            o, "interrupted attempt; the Sent folder could not be read, looking again later", wait);
                    LOG.info(() ->
                            o + ": the Sent folder could not be read; looking again in " + wait.toMillis() + " ms");
                }
                return false;
            }
        }
    }

    private void give(Outbound o, String reason, OutboxSettings s) {
        store.dead(o, reason);
        metrics.attempt(OutboxMetrics.Result.DEAD);
        LOG.warning(() -> o + " is dead (" + Scrub.text(reason) + ")");
    }
}
