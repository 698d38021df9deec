package it.attachment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.DevStack;
import dev.Waits;
import it.support.Db;
import it.support.Mails;

/**
 * What the running mailer made of a mail's attachments, seen the way an operator sees it: the
 * rows in PostgreSQL and the files under the configured storage and quarantine directories.
 */
final class AttachmentStore {

    /** Generous: two cores are shared with other Liberty test runs. */
    static final Duration PROCESSED = Duration.ofSeconds(90);

    final DevStack stack;
    final Db db;
    final Path root;
    final Path quarantine;

    AttachmentStore(DevStack stack) {
        this.stack = stack;
        this.db = new Db(stack);
        this.root = Path.of(stack.env().get("MAILER_ATTACHMENT_ROOT"));
        this.quarantine = Path.of(stack.env().get("MAILER_ATTACHMENT_QUARANTINE"));
    }

    /** Delivers the mail over SMTP and waits until the mailer stored it and recorded its attachments. */
    long deliver(String subject, AttachmentMail mail) {
        Mails.sendRaw(stack.mail().smtpPort(), mail.bytes());
        long id = mailId(subject);
        Waits.until(
                PROCESSED,
                "the attachments of mail " + id + " are recorded",
                () -> db.count("select count(*) from attachment_extraction where mail_id = ? and state = 'DONE'", id)
                        == 1);
        return id;
    }

    long mailId(String subject) {
        List<Map<String, Object>> rows = Waits.until(
                PROCESSED, "mail '" + subject + "' is stored", () -> db.mailsWithSubject(subject), r -> !r.isEmpty());
        return ((Number) rows.get(0).get("id")).longValue();
    }

    Map<String, Object> mail(long id) {
        return db.rows("select * from mail_message where id = ?", id).get(0);
    }

    /** The rows of one mail in MIME order. */
    List<Map<String, Object>> rows(long mailId) {
        return db.rows("select * from attachment where mail_id = ? order by part_path", mailId);
    }

    /**
     * {@code yyyy/mm/<mail id>}, from the received time the inbox recorded; the test server runs in
     * UTC, as the mailer names directories in its own time zone.
     */
    String mailDir(long mailId) {
        return db.rows(
                                "select to_char(received_at at time zone 'UTC', 'YYYY/MM') as ym from mail_message where id = ?",
                                mailId)
                        .get(0)
                        .get("ym")
                + "/" + mailId;
    }

    /** The server's messages.log as it is now. */
    String messagesLog() {
        try {
            return Files.readString(
                    stack.liberty().logs().resolve("messages.log"), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file below a directory, relative to it, with '/' separators. */
    static List<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
