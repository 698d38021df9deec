package de.dockeragents.mailer.inbox.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The message exactly as the server sent it, kept apart so listing mail never loads it. */
@Entity
@Table(name = "mail_raw")
public class MailRaw {

    @Id
    @Column(name = "mail_id")
    private long mailId;

    @Basic(fetch = FetchType.LAZY)
    @Column(name = "raw", nullable = false)
    private byte[] raw;

    protected MailRaw() {}

    public MailRaw(long mailId, byte[] raw) {
        this.mailId = mailId;
        this.raw = raw;
    }

    public byte[] raw() {
        return raw;
    }
}
