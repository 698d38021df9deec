package de.dockeragents.mailer.attachment.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.logging.Logger;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

import de.dockeragents.mailer.attachment.entity.AttachmentRow;
import de.dockeragents.mailer.attachment.entity.Outcome;

/**
 * Copies clean attachments of a certain age to an S3-compatible bucket under the same
 * {@code yyyy/mm/<mail id>/<name>} key, requesting server-side encryption. The upload carries
 * Content-MD5, so the server refuses a damaged body; then the object is read back and its SHA-256
 * compared with the row's before the row counts as archived. Only archived files are removed
 * locally by the retention cleanup. The bucket's own retention (90 days) is a lifecycle rule set on
 * the bucket, see docs/attachments.md.
 */
public final class S3Archive implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(S3Archive.class.getName());
    static final int BATCH = 200;

    /** What one archive round did. */
    public record Round(int archived, int failed) {}

    private final S3Client s3;
    private final ArchiveSettings settings;
    private final AttachmentRepository repository;
    private final Layout layout;

    public S3Archive(ArchiveSettings settings, AttachmentRepository repository, Layout layout) {
        this.settings = settings;
        this.repository = repository;
        this.layout = layout;
        this.s3 = S3Client.builder()
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                // MinIO and other S3-compatible servers: bucket in the path, checksums only where S3 requires them
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.timeout())
                        .socketTimeout(settings.timeout())
                        .build())
                .build();
    }

    public Round archive(OffsetDateTime now) throws SQLException {
        int archived = 0;
        int failed = 0;
        for (AttachmentRow row : repository.toArchive(now.minus(settings.after()), BATCH)) {
            try {
                repository.archived(row.id(), upload(row));
                archived++;
            } catch (IOException | SdkException e) {
                failed++;
                LOG.warning(() -> "attachment " + row.id() + " could not be archived: " + describe(e));
            }
        }
        int a = archived, f = failed;
        if (a > 0 || f > 0) {
            LOG.info(() ->
                    "attachment archive: " + a + " copied and verified, " + f + " failed (tried again next round)");
        }
        return new Round(archived, failed);
    }

    String upload(AttachmentRow row) throws IOException {
        Path file = layout.file(Outcome.STORED, row.path());
        String key = row.path();
        PutObjectRequest put = putRequest(key, Files.size(file), md5(file), row.sha256());
        s3.putObject(put, RequestBody.fromFile(file));
        String remote = sha256Of(key);
        if (!remote.equals(row.sha256())) {
            throw new IOException("the archived copy does not match (SHA-256 differs)");
        }
        return key;
    }

    /**
     * Deletes an archived copy (a request to be forgotten, mail retention). Deleting a key that is gone
     * already succeeds, so a repeated run is harmless; any other failure is thrown and the run stops before
     * the rows go, to be completed by the next.
     */
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(DeleteObjectRequest.builder()
                    .bucket(settings.bucket())
                    .key(key)
                    .build());
        } catch (SdkException e) {
            throw new IOException("the archived copy could not be deleted: " + describe(e), e);
        }
    }

    PutObjectRequest putRequest(String key, long size, String contentMd5, String sha256) {
        PutObjectRequest.Builder put = PutObjectRequest.builder()
                .bucket(settings.bucket())
                .key(key)
                .contentLength(size)
                .contentMD5(contentMd5)
                .metadata(Map.of("sha256", sha256));
        if (!settings.sse().isEmpty()) {
            put.serverSideEncryption(settings.sse());
        }
        return put.build();
    }

    /** Class, HTTP status and S3 error code: enough to act on, and free of keys and content. */
    static String describe(Exception e) {
        if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
            return "S3 " + s3.statusCode() + " " + s3.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    private String sha256Of(String key) throws IOException {
        MessageDigest sha = digest("SHA-256");
        try (InputStream in = new DigestInputStream(
                s3.getObject(GetObjectRequest.builder()
                        .bucket(settings.bucket())
                        .key(key)
                        .build()),
                sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String md5(Path file) throws IOException {
        MessageDigest md5 = digest("MD5");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return Base64.getEncoder().encodeToString(md5.digest());
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
