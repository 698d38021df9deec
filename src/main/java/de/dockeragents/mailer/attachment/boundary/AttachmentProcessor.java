package de.dockeragents.mailer.attachment.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.metrics.MetricRegistry;

import de.dockeragents.mailer.attachment.control.AttachmentErasure;
import de.dockeragents.mailer.attachment.control.AttachmentMetrics;
import de.dockeragents.mailer.attachment.control.AttachmentPipeline;
import de.dockeragents.mailer.attachment.control.AttachmentSettings;
import de.dockeragents.mailer.attachment.control.Attachments;
import de.dockeragents.mailer.attachment.control.Infection;
import de.dockeragents.mailer.attachment.control.PendingScans;
import de.dockeragents.mailer.attachment.control.Retention;
import de.dockeragents.mailer.attachment.control.S3Archive;
import de.dockeragents.mailer.events.control.EventOutbox;

/**
 * The attachment component's entry. The inbox calls {@link #process} for each mail it stored,
 * after its transaction committed; the timers call the rest. Nothing here throws into the caller:
 * a failure is recorded, the mail stays stored, and the retry timer tries again. Runs outside any
 * container transaction, because it moves files between its own short database transactions.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class AttachmentProcessor {

    private static final Logger LOG = Logger.getLogger(AttachmentProcessor.class.getName());

    @Resource(lookup = "jdbc/mailer")
    DataSource dataSource;

    @Inject
    MetricRegistry registry;

    @Inject
    Event<AttachmentInfected> infected;

    @Inject
    EventOutbox events;

    private final ReentrantLock retrying = new ReentrantLock();
    private AttachmentMetrics metrics;
    private volatile Attachments attachments;

    @PostConstruct
    void register() {
        metrics = new AttachmentMetrics(registry);
    }

    /** Called once at start-up with checked settings; creates the directories. */
    public void configure(AttachmentSettings settings) {
        try {
            Attachments previous = attachments;
            attachments = new Attachments(settings, dataSource, metrics, events);
            if (previous != null) {
                previous.close();
            }
            metrics.clamdUp(attachments.scanner().ping());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the attachment directories under " + settings.root() + " and "
                            + settings.quarantine(),
                    e);
        }
    }

    /**
     * Extracts, checks, scans and files the attachments of a stored mail.
     *
     * @param mailId   {@code mail_message.id} of the committed mail
     * @param received when it was received; names the {@code yyyy/mm} directories
     * @param raw      the raw RFC 822 message; read to its end, not closed
     */
    public AttachmentPipeline.Summary process(long mailId, OffsetDateTime received, InputStream raw) {
        Attachments a = attachments;
        if (a == null) {
            return new AttachmentPipeline.Summary(mailId, false, List.of(), "not started");
        }
        try {
            AttachmentPipeline.Summary summary = a.pipeline().process(mailId, received, raw);
            announce(summary.infections());
            return summary;
        } catch (SQLException | RuntimeException e) {
            LOG.warning(() -> "attachments of mail " + mailId + " not processed now ("
                    + e.getClass().getSimpleName() + "); the retry timer will take them up");
            return new AttachmentPipeline.Summary(
                    mailId, false, List.of(), e.getClass().getSimpleName());
        }
    }

    /** The retry timer: pending scans, then stored mail whose attachments were never extracted. */
    public PendingScans.Round retry() throws SQLException, IOException {
        Attachments a = attachments;
        // a round slower than the interval must not overlap the next one
        if (a == null || !retrying.tryLock()) {
            return new PendingScans.Round(0, 0, 0, List.of());
        }
        try {
            PendingScans.Round round = a.pendingScans().retry();
            announce(round.infected());
            return round;
        } finally {
            retrying.unlock();
        }
    }

    /** The daily timer: archive first, so retention can remove what was archived. */
    public Retention.Report cleanup(OffsetDateTime now) throws SQLException, IOException {
        Attachments a = attachments;
        if (a == null) {
            return new Retention.Report(0, 0, 0, 0);
        }
        S3Archive archive = a.archive();
        if (archive != null) {
            archive.archive(now);
        }
        return a.retention().clean(now);
    }

    /** Retention and requests to be forgotten; fails until configured (nothing may be left behind unnoticed). */
    public AttachmentErasure erasure() {
        Attachments a = attachments;
        if (a == null) {
            throw new IllegalStateException("the attachment component has not started yet");
        }
        return a.erasure();
    }

    /** Null until configured. */
    public Attachments attachments() {
        return attachments;
    }

    private void announce(List<Infection> infections) {
        for (Infection i : infections) {
            infected.fire(new AttachmentInfected(i.mailId(), i.attachmentId(), i.signature()));
        }
    }

    @PreDestroy
    void close() {
        if (attachments != null) {
            attachments.close();
        }
    }
}
