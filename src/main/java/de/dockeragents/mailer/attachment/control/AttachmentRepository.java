package de.dockeragents.mailer.attachment.control;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import de.dockeragents.mailer.attachment.entity.AttachmentRow;
import de.dockeragents.mailer.attachment.entity.AttachmentView;
import de.dockeragents.mailer.attachment.entity.Outcome;
import de.dockeragents.mailer.attachment.entity.ScanStatus;
import de.dockeragents.mailer.events.control.EventOutbox;
import de.dockeragents.mailer.events.entity.EventType;
import de.dockeragents.mailer.events.entity.NewEvent;

/**
 * The attachment tables, in plain JDBC with short local transactions of our own: the work between
 * them moves files and talks to clamd, and must never sit inside a container transaction that
 * could time out or roll back rows whose files were already moved.
 */
public final class AttachmentRepository {

    /** A stored mail whose attachments still need extracting. */
    public record Backlog(long mailId, OffsetDateTime receivedAt) {}

    /** An attachment as staff see it, with the relative path of its file (null without one). */
    record Listed(AttachmentView view, String path) {}

    private static final String VIEW_COLUMNS = "SELECT id, mail_id, file_name, detected_type, size_bytes, outcome,"
            + " virus_scan_status, reason, signature, removed_at IS NOT NULL, path FROM attachment";

    private static final String COLUMNS =
            "id, mail_id, part_path, original_name, file_name, declared_type, detected_type,"
                    + " size_bytes, sha256, outcome, reason, virus_scan_status, signature, scan_attempts, scanned_at, path, received_at";

    private final DataSource dataSource;
    private final EventOutbox events;

    /** Without webhook events (tests of the component alone). */
    public AttachmentRepository(DataSource dataSource) {
        this(dataSource, null);
    }

    /** {@code events} writes {@code attachment.infected} in the transaction that records the infection. */
    public AttachmentRepository(DataSource dataSource, EventOutbox events) {
        this.dataSource = dataSource;
        this.events = events;
    }

    /**
     * Takes the mail for one run: new, failed before, or held by a run that went silent for
     * {@code stale}. False when it is done or another run holds it.
     */
    public boolean claim(long mailId, Duration stale) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO attachment_extraction (mail_id, state, attempts)"
                        + " VALUES (?, 'RUNNING', 1) ON CONFLICT (mail_id) DO UPDATE SET state = 'RUNNING',"
                        + " attempts = attachment_extraction.attempts + 1, error = NULL, updated_at = now()"
                        + " WHERE attachment_extraction.state = 'FAILED' OR (attachment_extraction.state = 'RUNNING'"
                        + " AND attachment_extraction.updated_at < now() - make_interval(secs => ?))")) {
            s.setLong(1, mailId);
            s.setDouble(2, stale.toSeconds());
            return s.executeUpdate() == 1;
        }
    }

    /** Writes the rows of one mail and marks it done, in one transaction; returns the rows with their ids. */
    public List<AttachmentRow> finish(long mailId, List<AttachmentRow> rows) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<AttachmentRow> saved = insert(c, rows);
                names(c, mailId, rows);
                for (AttachmentRow r : saved) {
                    if (r.scanStatus() == ScanStatus.INFECTED) {
                        infected(c, r.id(), r.mailId(), r.signature(), r.detectedType(), r.originalName());
                    }
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE attachment_extraction SET state = 'DONE',"
                        + " attachment_count = ?, updated_at = now() WHERE mail_id = ? AND state = 'RUNNING'")) {
                    s.setInt(1, rows.size());
                    s.setLong(2, mailId);
                    if (s.executeUpdate() != 1) {
                        throw new SQLException("the extraction of mail " + mailId + " is no longer held by this run");
                    }
                }
                c.commit();
                return saved;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * The names go onto the mail's row too, where its search document takes them in (V25): a search
     * then walks one index. The mail component owns the row; this column is the attachment component's.
     */
    private static void names(Connection c, long mailId, List<AttachmentRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE mail_message SET attachment_names = ? WHERE id = ?")) {
            s.setString(1, searchNames(rows));
            s.setLong(2, mailId);
            s.executeUpdate();
        }
    }

    /** One name per line, as each attachment row shows it (the name as sent, else the sanitised one). */
    static String searchNames(List<AttachmentRow> rows) {
        return rows.stream()
                .map(r -> r.originalName() != null ? r.originalName() : r.fileName())
                .filter(n -> n != null && !n.isBlank())
                .map(n -> n.replace('\n', ' ').replace('\r', ' '))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static List<AttachmentRow> insert(Connection c, List<AttachmentRow> rows) throws SQLException {
        List<AttachmentRow> saved = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO attachment (mail_id, part_path, original_name,"
                        + " file_name, declared_type, detected_type, size_bytes, sha256, outcome, reason, virus_scan_status,"
                        + " signature, scan_attempts, scanned_at, path, received_at, stored_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? THEN now() END)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (AttachmentRow r : rows) {
                int i = 1;
                s.setLong(i++, r.mailId());
                s.setString(i++, r.partPath());
                s.setString(i++, r.originalName());
                s.setString(i++, r.fileName());
                s.setString(i++, r.declaredType());
                s.setString(i++, r.detectedType());
                s.setObject(i++, r.sizeBytes(), Types.BIGINT);
                s.setString(i++, r.sha256());
                s.setString(i++, r.outcome().name());
                s.setString(i++, r.reason());
                s.setString(i++, r.scanStatus().column());
                s.setString(i++, r.signature());
                s.setInt(i++, r.scanAttempts());
                s.setObject(i++, r.scannedAt());
                s.setString(i++, r.path());
                s.setObject(i++, r.receivedAt());
                s.setBoolean(i, r.outcome() == Outcome.STORED);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    saved.add(r.withId(keys.getLong(1)));
                }
            }
        }
        return saved;
    }

    public void failed(long mailId, String error) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE attachment_extraction SET state = 'FAILED', error = ?,"
                        + " updated_at = now() WHERE mail_id = ? AND state = 'RUNNING'")) {
            s.setString(1, error);
            s.setLong(2, mailId);
            s.executeUpdate();
        }
    }

    /** Stored mail with attachments that no run has finished: never started, failed, or abandoned. */
    public List<Backlog> backlog(Duration grace, Duration stale, int maxAttempts, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT m.id, m.received_at FROM mail_message m"
                        + " LEFT JOIN attachment_extraction e ON e.mail_id = m.id"
                        + " WHERE m.status = 'STORED' AND m.attachment_count > 0 AND ("
                        + " (e.mail_id IS NULL AND m.created_at < now() - make_interval(secs => ?))"
                        + " OR (e.state = 'FAILED' AND e.attempts < ?)"
                        + " OR (e.state = 'RUNNING' AND e.updated_at < now() - make_interval(secs => ?)))"
                        + " ORDER BY m.id LIMIT ?")) {
            s.setDouble(1, grace.toSeconds());
            s.setInt(2, maxAttempts);
            s.setDouble(3, stale.toSeconds());
            s.setInt(4, limit);
            List<Backlog> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Backlog(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)));
                }
            }
            return out;
        }
    }

    /** The raw message of a mail, as the inbox stored it; null if it has none. */
    public byte[] raw(long mailId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT raw FROM mail_raw WHERE mail_id = ?")) {
            s.setLong(1, mailId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                try (InputStream in = rs.getBinaryStream(1)) {
                    return in.readAllBytes();
                } catch (java.io.IOException e) {
                    throw new SQLException("cannot read the raw message", e);
                }
            }
        }
    }

    List<Listed> views(long mailId) throws SQLException {
        return listed(VIEW_COLUMNS + " WHERE mail_id = ? ORDER BY part_path", mailId);
    }

    /** Null when that mail has no attachment with this id. */
    Listed view(long mailId, long id) throws SQLException {
        List<Listed> rows = listed(VIEW_COLUMNS + " WHERE mail_id = ? AND id = ?", mailId, id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private List<Listed> listed(String sql, long... params) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setLong(i + 1, params[i]);
            }
            List<Listed> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long size = rs.getLong(5);
                    Long sizeBytes = rs.wasNull() ? null : size;
                    out.add(new Listed(
                            new AttachmentView(
                                    rs.getLong(1),
                                    rs.getLong(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    sizeBytes,
                                    Outcome.valueOf(rs.getString(6)),
                                    ScanStatus.ofColumn(rs.getString(7)),
                                    rs.getString(8),
                                    rs.getString(9),
                                    rs.getBoolean(10)),
                            rs.getString(11)));
                }
            }
            return out;
        }
    }

    public List<AttachmentRow> pending(int limit) throws SQLException {
        return select("WHERE outcome = 'PENDING' ORDER BY id LIMIT ?", limit);
    }

    public List<AttachmentRow> ofMail(long mailId) throws SQLException {
        return select("WHERE mail_id = ? ORDER BY id", mailId);
    }

    /**
     * A pending row after its scan: the new outcome and place. Only while it is still pending. An
     * infection found now is reported ({@code attachment.infected}) in the same transaction.
     */
    public boolean rescanned(long id, Admission d, String path) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("UPDATE attachment SET outcome = ?, virus_scan_status = ?,"
                    + " signature = ?, reason = ?, path = ?, scan_attempts = scan_attempts + 1, scanned_at = now(),"
                    + " stored_at = CASE WHEN ? THEN now() END WHERE id = ? AND outcome = 'PENDING'"
                    + " RETURNING mail_id, detected_type, original_name")) {
                s.setString(1, d.outcome().name());
                s.setString(2, d.status().column());
                s.setString(3, d.signature());
                s.setString(4, d.reason());
                s.setString(5, path);
                s.setBoolean(6, d.outcome() == Outcome.STORED);
                s.setLong(7, id);
                boolean changed;
                try (ResultSet r = s.executeQuery()) {
                    changed = r.next();
                    if (changed && d.status() == ScanStatus.INFECTED) {
                        infected(c, id, r.getLong(1), d.signature(), r.getString(2), r.getString(3));
                    }
                }
                c.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** {@code attachment.infected}: ids, the signature and the type; the file's name only where opted in. */
    private void infected(Connection c, long id, long mailId, String signature, String type, String name)
            throws SQLException {
        if (events == null) {
            return;
        }
        events.record(
                c,
                NewEvent.of(EventType.ATTACHMENT_INFECTED)
                        .with("attachment_id", id)
                        .with("mail_id", mailId)
                        .with("signature", signature)
                        .with("detected_type", type)
                        .personal("file_name", name));
    }

    public void scanAttempted(long id) throws SQLException {
        update("UPDATE attachment SET scan_attempts = scan_attempts + 1 WHERE id = ?", id);
    }

    /** Stored files older than the cutoff; with {@code archivedOnly}, only those already in the archive. */
    public List<AttachmentRow> expiredStored(OffsetDateTime cutoff, boolean archivedOnly, int limit)
            throws SQLException {
        return select(
                "WHERE outcome = 'STORED' AND removed_at IS NULL AND stored_at < ?"
                        + (archivedOnly ? " AND archived_at IS NOT NULL" : "") + " ORDER BY stored_at LIMIT ?",
                cutoff,
                limit);
    }

    public int unarchivedExpired(OffsetDateTime cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM attachment WHERE outcome = 'STORED'"
                        + " AND removed_at IS NULL AND archived_at IS NULL AND stored_at < ?")) {
            s.setObject(1, cutoff);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public List<AttachmentRow> expiredQuarantine(OffsetDateTime cutoff, int limit) throws SQLException {
        return select(
                "WHERE outcome = 'QUARANTINED' AND removed_at IS NULL AND coalesce(scanned_at, created_at) < ?"
                        + " ORDER BY id LIMIT ?",
                cutoff,
                limit);
    }

    public List<AttachmentRow> toArchive(OffsetDateTime cutoff, int limit) throws SQLException {
        return select(
                "WHERE outcome = 'STORED' AND removed_at IS NULL AND archived_at IS NULL AND stored_at < ?"
                        + " ORDER BY stored_at LIMIT ?",
                cutoff,
                limit);
    }

    public void removed(long id) throws SQLException {
        update("UPDATE attachment SET removed_at = now() WHERE id = ?", id);
    }

    public void archived(long id, String key) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("UPDATE attachment SET archived_at = now(), archive_key = ? WHERE id = ?")) {
            s.setString(1, key);
            s.setLong(2, id);
            s.executeUpdate();
        }
    }

    private void update(String sql, long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    private List<AttachmentRow> select(String where, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM attachment " + where)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<AttachmentRow> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        }
    }

    private static AttachmentRow row(ResultSet rs) throws SQLException {
        long size = rs.getLong("size_bytes");
        Long sizeBytes = rs.wasNull() ? null : size;
        return new AttachmentRow(
                rs.getLong("id"),
                rs.getLong("mail_id"),
                rs.getString("part_path"),
                rs.getString("original_name"),
                rs.getString("file_name"),
                rs.getString("declared_type"),
                rs.getString("detected_type"),
                sizeBytes,
                rs.getString("sha256"),
                Outcome.valueOf(rs.getString("outcome")),
                rs.getString("reason"),
                ScanStatus.ofColumn(rs.getString("virus_scan_status")),
                rs.getString("signature"),
                rs.getInt("scan_attempts"),
                rs.getObject("scanned_at", OffsetDateTime.class),
                rs.getString("path"),
                rs.getObject("received_at", OffsetDateTime.class));
    }
}
