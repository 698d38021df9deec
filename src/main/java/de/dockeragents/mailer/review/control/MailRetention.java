package de.dockeragents.mailer.review.control;

import java.io.IOException;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import de.dockeragents.mailer.inbox.control.MailErasure;
import de.dockeragents.mailer.outbox.control.OutboxErasure;

/**
 * Mail retention ({@code mailer.retention.mail}, docs/data-protection.md): mail received longer ago than the
 * configured age goes with everything recorded about it, batch by batch ({@link Erasure}), then finished replies
 * that answer no mail any more and are as old. Nothing with the default {@code keep}. Counts go to the log (no
 * addresses) and to {@code mailer_retention_deleted_total{what}}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class MailRetention {

    private static final Logger LOG = Logger.getLogger(MailRetention.class.getName());

    @Inject
    RetentionSettings settings;

    @Inject
    MailErasure mail;

    @Inject
    OutboxErasure outbox;

    @Inject
    Erasure erasure;

    @Inject
    MetricRegistry registry;

    private Counter mails;
    private Counter attachments;
    private Counter replies;

    @PostConstruct
    void metrics() {
        Metadata m = Metadata.builder()
                .withName("mailer_retention_deleted_total")
                .withDescription("rows deleted by mail retention (mailer.retention.mail), by what they were")
                .build();
        mails = registry.counter(m, new Tag("what", "mail"));
        attachments = registry.counter(m, new Tag("what", "attachment"));
        replies = registry.counter(m, new Tag("what", "reply"));
    }

    /** Deletes what is older than the configured age at {@code now}; what it deleted. */
    public Erasure.Counts run(OffsetDateTime now) throws SQLException, IOException {
        if (settings.mailAge().isEmpty()) {
            return Erasure.Counts.NONE;
        }
        OffsetDateTime cutoff = now.minus(settings.mailAge().get());
        Erasure.Counts done = Erasure.Counts.NONE;
        for (List<Long> batch = mail.olderThan(cutoff, Erasure.BATCH);
                !batch.isEmpty();
                batch = mail.olderThan(cutoff, Erasure.BATCH)) {
            done = count(done, erasure.erase(batch, Optional.empty()));
        }
        for (List<Long> batch = outbox.unlinkedOlderThan(cutoff, Erasure.BATCH);
                !batch.isEmpty();
                batch = outbox.unlinkedOlderThan(cutoff, Erasure.BATCH)) {
            done = count(done, erasure.eraseReplies(batch));
        }
        Erasure.Counts d = done;
        LOG.info(() -> "mail retention (" + settings.mailAge().get().toDays() + " days): deleted " + d.mails()
                + " mail(s), " + d.attachments() + " attachment(s), " + d.outbound() + " repl(ies), "
                + d.archiveCopies() + " archive copie(s)");
        return done;
    }

    private Erasure.Counts count(Erasure.Counts sum, Erasure.Counts batch) {
        mails.inc(batch.mails());
        attachments.inc(batch.attachments());
        replies.inc(batch.outbound());
        return sum.plus(batch);
    }
}
