package de.dockeragents.mailer.attachment.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import javax.sql.DataSource;

import de.dockeragents.mailer.events.control.EventOutbox;

/**
 * The attachment component put together from its settings: one place that knows how the parts
 * fit, used by the boundary in the server and by the tests without one.
 */
public final class Attachments implements AutoCloseable {

    /** A run that has not finished after this long is taken to have died with its JVM. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(30);
    /** The inbox calls in right after its commit; the timer only picks up mail it missed. */
    static final Duration BACKLOG_GRACE = Duration.ofMinutes(2);

    private final AttachmentSettings settings;
    private final Layout layout;
    private final Scanner scanner;
    private final AttachmentPipeline pipeline;
    private final PendingScans pendingScans;
    private final Retention retention;
    private final S3Archive archive;
    private final AttachmentMetrics metrics;
    private final AttachmentFiles files;
    private final AttachmentErasure erasure;

    /** Without webhook events (tests of the component alone). */
    public Attachments(AttachmentSettings settings, DataSource dataSource, AttachmentMetrics metrics)
            throws IOException {
        this(settings, dataSource, metrics, null);
    }

    public Attachments(
            AttachmentSettings settings, DataSource dataSource, AttachmentMetrics metrics, EventOutbox events)
            throws IOException {
        this.settings = settings;
        this.metrics = metrics;
        this.layout = new Layout(settings.root(), settings.quarantine());
        layout.create();
        AttachmentRepository repository = new AttachmentRepository(dataSource, events);
        ClamdClient clamd = new ClamdClient(
                settings.clamdHost(),
                settings.clamdPort(),
                settings.clamdConnectTimeout(),
                settings.clamdReadTimeout(),
                settings.clamdStreamMaxLength());
        this.scanner = new Scanner(clamd, metrics);
        this.pipeline = new AttachmentPipeline(
                repository,
                layout,
                new MimeAttachments(layout.staging(), settings.maxSize(), settings.maxCount()),
                new TypeDetector(),
                new TypeCheck(settings.allowed()),
                scanner,
                metrics,
                STALE_CLAIM);
        this.pendingScans =
                new PendingScans(repository, layout, scanner, pipeline, metrics, BACKLOG_GRACE, STALE_CLAIM);
        this.archive = settings.archive() == null ? null : new S3Archive(settings.archive(), repository, layout);
        this.retention = new Retention(
                repository, layout, metrics, settings.retention(), settings.quarantineRetention(), archive != null);
        this.files = new AttachmentFiles(repository, layout);
        this.erasure = new AttachmentErasure(dataSource, layout, archive);
        metrics.quarantineFiles(countFiles(layout.quarantine()));
    }

    public AttachmentSettings settings() {
        return settings;
    }

    public AttachmentPipeline pipeline() {
        return pipeline;
    }

    public PendingScans pendingScans() {
        return pendingScans;
    }

    public Retention retention() {
        return retention;
    }

    /** Null when no archive is configured. */
    public S3Archive archive() {
        return archive;
    }

    /** What staff may read: listings and clean files. */
    public AttachmentFiles files() {
        return files;
    }

    /** Retention and requests to be forgotten: attachments of given mails, with files and archive copies. */
    public AttachmentErasure erasure() {
        return erasure;
    }

    public Scanner scanner() {
        return scanner;
    }

    public Layout layout() {
        return layout;
    }

    public AttachmentMetrics metrics() {
        return metrics;
    }

    static long countFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    @Override
    public void close() {
        if (archive != null) {
            archive.close();
        }
    }
}
