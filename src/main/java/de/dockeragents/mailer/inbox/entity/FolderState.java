package de.dockeragents.mailer.inbox.entity;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How far a folder has been read: its UIDVALIDITY and the highest UID stored; and how reading began
 * (the initial import in force, which UIDs are history and from which INTERNALDATE on they are read).
 */
@Entity
@Table(name = "imap_folder_state")
public class FolderState {

    /** Why the position was (re)started. */
    public static final String FIRST_START = "first_start";

    public static final String UIDVALIDITY_CHANGE = "uidvalidity_change";

    @Id
    private String folder;

    @Column(name = "uid_validity", nullable = false)
    private long uidValidity;

    @Column(name = "last_uid", nullable = false)
    private long lastUid;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "initial_import", nullable = false)
    private String initialImport;

    @Column(name = "start_reason", nullable = false)
    private String startReason;

    @Column(name = "history_until_uid", nullable = false)
    private long historyUntilUid;

    @Column(name = "history_since")
    private OffsetDateTime historySince;

    @Column(name = "started_at", nullable = false)
    private OffsetDateTime startedAt;

    protected FolderState() {}

    public FolderState(String folder, long uidValidity) {
        this.folder = folder;
        this.uidValidity = uidValidity;
        this.updatedAt = OffsetDateTime.now();
    }

    public String folder() {
        return folder;
    }

    public long uidValidity() {
        return uidValidity;
    }

    public long lastUid() {
        return lastUid;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public String initialImport() {
        return initialImport;
    }

    public String startReason() {
        return startReason;
    }

    public long historyUntilUid() {
        return historyUntilUid;
    }

    public OffsetDateTime historySince() {
        return historySince;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    /**
     * Reading (again) from here: {@code uidValidity}'s UIDs up to {@code historyUntilUid} are history,
     * read from {@code firstUid} on and only where their INTERNALDATE is at or after {@code historySince}
     * (null: every one). A new UIDVALIDITY invalidates every UID we knew.
     */
    public void start(
            long newUidValidity, String mode, String reason, long historyUntil, OffsetDateTime since, long firstUid) {
        this.uidValidity = newUidValidity;
        this.initialImport = mode;
        this.startReason = reason;
        this.historyUntilUid = historyUntil;
        this.historySince = since;
        this.lastUid = Math.max(0, firstUid - 1);
        this.startedAt = OffsetDateTime.now();
        this.updatedAt = startedAt;
    }

    public void advanceTo(long uid) {
        if (uid > lastUid) {
            lastUid = uid;
            updatedAt = OffsetDateTime.now();
        }
    }
}
