package de.dockeragents.mailer.attachment.control;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.LocalClamd;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import de.dockeragents.mailer.attachment.Mails;
import de.dockeragents.mailer.attachment.Samples;
import de.dockeragents.mailer.attachment.entity.AttachmentRow;
import de.dockeragents.mailer.attachment.entity.Outcome;
import de.dockeragents.mailer.testing.Database;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The archive round trip against a real S3 server (s3proxy on loopback), then retention. */
class S3ArchiveIT {

    static final String BUCKET = "email-attachments";
    static final OffsetDateTime RECEIVED = OffsetDateTime.of(2026, 9, 15, 8, 0, 0, 0, ZoneOffset.UTC);

    @RegisterExtension
    final S3ProxyExtension s3proxy = S3ProxyExtension.builder()
            .withCredentials("archive-user", "archive-secret")
            .build();

    @TempDir
    Path dir;

    @Test
    void cleanAttachmentsAreArchivedVerifiedAndThenRemovedLocally() throws Exception {
        try (LocalClamd clamd = LocalClamd.start(dir.resolve("clamd"), 50L * 1024 * 1024);
                Database db = new Database();
                S3Client client = client()) {
            client.createBucket(b -> b.bucket(BUCKET));
            AttachmentSettings base = AttachmentPipelineIT.settings(dir, clamd.port());
            // s3proxy answers 501 NotImplemented to the SSE header (see S3ArchiveTest for the request with it)
            ArchiveSettings archive = new ArchiveSettings(
                    s3proxy.getUri(),
                    "us-east-1",
                    BUCKET,
                    s3proxy.getAccessKey(),
                    s3proxy.getSecretKey(),
                    "",
                    Duration.ofDays(1),
                    Duration.ofSeconds(30));
            AttachmentSettings settings = new AttachmentSettings(
                    base.root(),
                    base.quarantine(),
                    base.maxSize(),
                    base.maxCount(),
                    base.allowed(),
                    base.clamdHost(),
                    base.clamdPort(),
                    base.clamdConnectTimeout(),
                    base.clamdReadTimeout(),
                    base.clamdStreamMaxLength(),
                    base.retryInterval(),
                    base.retention(),
                    base.quarantineRetention(),
                    base.cleanupAt(),
                    archive);
            try (Attachments attachments = new Attachments(settings, db.dataSource(), new AttachmentMetrics(null))) {
                byte[] raw = Mails.with()
                        .attachment("Befund.pdf", "application/pdf", Samples.pdf())
                        .build();
                long mail = db.insertMail(RECEIVED, raw, 1);
                AttachmentRow row = attachments
                        .pipeline()
                        .process(mail, RECEIVED, new ByteArrayInputStream(raw))
                        .rows()
                        .get(0);
                assertEquals(Outcome.STORED, row.outcome());

                // too young for the archive
                assertEquals(
                        0, attachments.archive().archive(OffsetDateTime.now()).archived());

                db.execute("UPDATE attachment SET stored_at = now() - interval '2 days' WHERE id = " + row.id());
                S3Archive.Round round = attachments.archive().archive(OffsetDateTime.now());
                assertEquals(new S3Archive.Round(1, 0), round);

                ResponseBytes<GetObjectResponse> object =
                        client.getObjectAsBytes(b -> b.bucket(BUCKET).key(row.path()));
                assertArrayEquals(Samples.pdf(), object.asByteArray());
                assertEquals(row.sha256(), object.response().metadata().get("sha256"));
                assertEquals(row.path(), archiveKey(db, row.id()));
                assertEquals(
                        0, attachments.archive().archive(OffsetDateTime.now()).archived(), "archived once");

                // archived and past the local retention: the local copy goes, the archived one stays
                db.execute("UPDATE attachment SET stored_at = now() - interval '31 days' WHERE id = " + row.id());
                Retention.Report report = attachments.retention().clean(OffsetDateTime.now());
                assertEquals(1, report.stored());
                assertFalse(Files.exists(dir.resolve("attachments").resolve(row.path())));
                assertTrue(
                        client.headObject(b -> b.bucket(BUCKET).key(row.path())).contentLength() > 0);
            }
        }
    }

    private S3Client client() {
        return S3Client.builder()
                .endpointOverride(s3proxy.getUri())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3proxy.getAccessKey(), s3proxy.getSecretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static String archiveKey(Database db, long id) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                ResultSet rs =
                        c.createStatement().executeQuery("SELECT archive_key FROM attachment WHERE id = " + id)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
