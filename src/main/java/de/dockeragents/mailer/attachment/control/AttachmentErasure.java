package de.dockeragents.mailer.attachment.control;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;

import de.dockeragents.mailer.attachment.entity.Outcome;
import de.dockeragents.mailer.platform.control.Ids;

/**
 * The attachment component's part of retention and of a request to be forgotten: every attachment of these
 * mails goes, its file in whatever area it is (stored, pending, quarantine), its copy in the S3 archive, the
 * mail's directories, then the rows. Files and copies first: a run cut short leaves rows whose files are gone,
 * and the next run deletes nothing twice and completes it. {@link Retention} is the other, daily cleanup: it
 * only removes local files past {@code mailer.attachment.retention} and keeps the rows for staff.
 */
public final class AttachmentErasure {

    private static final Logger LOG = Logger.getLogger(AttachmentErasure.class.getName());

    /** What went: attachment rows, and copies deleted from the archive or left there (no archive configured). */
    public record Erased(int attachments, int archiveCopies, int archiveCopiesLeft) {}

    private record Row(
            long mailId, Outcome outcome, String path, boolean removed, String archiveKey, OffsetDateTime received) {}

    private final DataSource dataSource;
    private final Layout layout;
    private final S3Archive archive;

    /** {@code archive} null when none is configured. */
    public AttachmentErasure(DataSource dataSource, Layout layout, S3Archive archive) {
        this.dataSource = dataSource;
        this.layout = layout;
        this.archive = archive;
    }

    /** How many attachments these mails have (the preview of a request to be forgotten). */
    public int count(List<Long> mailIds) throws SQLException {
        if (mailIds.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*) FROM attachment WHERE mail_id IN (" + Ids.sql(mailIds) + ")");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    public Erased erase(List<Long> mailIds) throws SQLException, IOException {
        if (mailIds.isEmpty()) {
            return new Erased(0, 0, 0);
        }
        String ids = Ids.sql(mailIds);
        List<Row> rows = rows(ids);
        int copies = 0;
        int left = 0;
        Map<Long, OffsetDateTime> mails = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.archiveKey() != null) {
                if (archive == null) {
                    left++;
                } else {
                    archive.delete(r.archiveKey());
                    copies++;
                }
            }
            if (r.path() != null && !r.removed()) {
                layout.remove(r.outcome(), r.path());
            }
            mails.putIfAbsent(r.mailId(), r.received());
        }
        for (Map.Entry<Long, OffsetDateTime> m : mails.entrySet()) {
            layout.clear(m.getValue(), m.getKey());
        }
        int deleted;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement a = c.prepareStatement("DELETE FROM attachment WHERE mail_id IN (" + ids + ")");
                    PreparedStatement x =
                            c.prepareStatement("DELETE FROM attachment_extraction WHERE mail_id IN (" + ids + ")")) {
                deleted = a.executeUpdate();
                x.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        if (left > 0) {
            int l = left;
            LOG.warning(() -> l + " archived attachment copies could not be deleted: no archive is configured now"
                    + " (the bucket's lifecycle rule removes them)");
        }
        return new Erased(deleted, copies, left);
    }

    private List<Row> rows(String ids) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT mail_id, outcome, path, removed_at IS NOT NULL,"
                        + " archive_key, received_at FROM attachment WHERE mail_id IN (" + ids + ") ORDER BY id");
                ResultSet rs = s.executeQuery()) {
            List<Row> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Row(
                        rs.getLong(1),
                        Outcome.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getBoolean(4),
                        rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class)));
            }
            return out;
        }
    }
}
