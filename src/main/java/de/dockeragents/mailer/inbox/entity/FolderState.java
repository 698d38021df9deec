package de.dockeragents.mailer.inbox.entity;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How far a folder has been read: its UIDVALIDITY and the highest UID stored. */
@Entity
@Table(name = "imap_folder_state")
public class FolderState {

    @Id
    private String folder;

    @Column(name = "uid_validity", nullable = false)
    private long uidValidity;

    @Column(name = "last_uid", nullable = false)
    private long lastUid;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected FolderState() {
    }

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

    /** A new UIDVALIDITY invalidates every UID we knew: read the folder again from the start. */
    public void resync(long newUidValidity) {
        this.uidValidity = newUidValidity;
        this.lastUid = 0;
        this.updatedAt = OffsetDateTime.now();
    }

    public void advanceTo(long uid) {
        if (uid > lastUid) {
            lastUid = uid;
            updatedAt = OffsetDateTime.now();
        }
    }
}
