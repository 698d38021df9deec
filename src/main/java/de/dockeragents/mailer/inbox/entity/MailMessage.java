package de.dockeragents.mailer.inbox.entity;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One mail as fetched from the mailbox: where it came from, what it says, and its state. */
@Entity
@Table(name = "mail_message")
@NamedQuery(
        name = MailMessage.EXISTING_KEYS,
        query = "select m.dedupeKey from MailMessage m where m.dedupeKey in :keys")
@NamedQuery(
        name = MailMessage.PENDING_ACTIONS,
        query = "select m from MailMessage m where m.folder = :folder and m.uidValidity = :uidValidity"
                + " and m.serverAction = de.dockeragents.mailer.inbox.entity.ServerAction.PENDING order by m.uid")
public class MailMessage {

    public static final String EXISTING_KEYS = "MailMessage.existingKeys";
    public static final String PENDING_ACTIONS = "MailMessage.pendingActions";

    @Id
    @SequenceGenerator(name = "mail_seq", sequenceName = "mail_message_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mail_seq")
    private Long id;

    private String folder;

    @Column(name = "uid_validity")
    private long uidValidity;

    private long uid;

    @Column(name = "dedupe_key")
    private String dedupeKey;

    @Column(name = "gm_msgid")
    private Long gmMsgId;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "content_sha256")
    private String contentSha256;

    @Enumerated(EnumType.STRING)
    private MailStatus status;

    private String error;

    @Column(name = "from_addr")
    private String from;

    @Column(name = "reply_to")
    private String replyTo;

    @Column(name = "to_addrs")
    private String to;

    @Column(name = "cc_addrs")
    private String cc;

    private String subject;

    @Column(name = "sent_at")
    private OffsetDateTime sentAt;

    @Column(name = "received_at")
    private OffsetDateTime receivedAt;

    @Column(name = "text_body")
    private String textBody;

    @Column(name = "html_text")
    private String htmlText;

    @Column(name = "in_reply_to")
    private String inReplyTo;

    @Column(name = "references_hdr")
    private String references;

    @Column(name = "auto_submitted")
    private String autoSubmitted;

    private String precedence;

    @Column(name = "list_id")
    private String listId;

    @Column(name = "list_unsubscribe")
    private boolean listUnsubscribe;

    @Column(name = "spam_hints")
    private String spamHints;

    @Column(name = "size_bytes")
    private long sizeBytes;

    @Column(name = "attachment_count")
    private int attachmentCount;

    @Enumerated(EnumType.STRING)
    @Column(name = "server_action")
    private ServerAction serverAction = ServerAction.NONE;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "internal_date")
    private OffsetDateTime internalDate;
    /** From the initial import (or a UIDVALIDITY change): stored and classified, never answered automatically. */
    private boolean history;

    protected MailMessage() {}

    public MailMessage(String folder, long uidValidity, long uid, String dedupeKey, MailStatus status, long sizeBytes) {
        this.folder = folder;
        this.uidValidity = uidValidity;
        this.uid = uid;
        this.dedupeKey = dedupeKey;
        this.status = status;
        this.sizeBytes = sizeBytes;
        this.receivedAt = OffsetDateTime.now();
        this.createdAt = receivedAt;
    }

    public void identity(Long gmMsgId, String messageId, String contentSha256) {
        this.gmMsgId = gmMsgId;
        this.messageId = messageId;
        this.contentSha256 = contentSha256;
    }

    public void parsed(ParsedFields p) {
        this.from = p.from();
        this.replyTo = p.replyTo();
        this.to = p.to();
        this.cc = p.cc();
        this.subject = p.subject();
        this.sentAt = p.sentAt();
        this.textBody = p.textBody();
        this.htmlText = p.htmlText();
        this.inReplyTo = p.inReplyTo();
        this.references = p.references();
        this.autoSubmitted = p.autoSubmitted();
        this.precedence = p.precedence();
        this.listId = p.listId();
        this.listUnsubscribe = p.listUnsubscribe();
        this.attachmentCount = p.attachmentCount();
        this.spamHints = p.spamHints();
        // stored and triaged like any mail; the note keeps why its body had to be read leniently
        this.error = p.malformed() == null ? null : "malformed MIME, read leniently: " + p.malformed();
    }

    /** A spam signal found at ingest besides the parser's (the server's junk mark), one line more. */
    public void spamHint(String line) {
        if (line != null && !line.isBlank()) {
            this.spamHints = spamHints == null ? line : spamHints + "\n" + line;
        }
    }

    /** True when the body was read by the lenient second reading (see {@link ParsedFields#malformed()}). */
    public boolean malformed() {
        return status == MailStatus.STORED && error != null;
    }

    /**
     * This mail as a row that cannot fail on its content: identity, size and status only, as
     * PARSE_ERROR with {@code error}; the raw message is kept beside it. For mail whose parsed fields
     * the database refused (e.g. a Message-ID too long for its index), so it never blocks the folder.
     */
    public MailMessage unstorable(String error) {
        MailMessage m = new MailMessage(folder, uidValidity, uid, dedupeKey, MailStatus.PARSE_ERROR, sizeBytes);
        m.identity(gmMsgId, null, contentSha256);
        m.failed(error);
        m.serverAction(serverAction);
        m.arrived(internalDate, history);
        return m;
    }

    /** The server's INTERNALDATE (null if it did not say) and whether the mail is history. */
    public void arrived(OffsetDateTime serverDate, boolean fromHistory) {
        this.internalDate = serverDate;
        this.history = fromHistory;
    }

    public void failed(String error) {
        this.error = error;
    }

    public void serverAction(ServerAction action) {
        this.serverAction = action;
    }

    public Long id() {
        return id;
    }

    public long uid() {
        return uid;
    }

    public String dedupeKey() {
        return dedupeKey;
    }

    public MailStatus status() {
        return status;
    }

    public ServerAction serverAction() {
        return serverAction;
    }

    public OffsetDateTime receivedAt() {
        return receivedAt;
    }

    public boolean history() {
        return history;
    }

    public int attachmentCount() {
        return attachmentCount;
    }

    public String folder() {
        return folder;
    }

    public String from() {
        return from;
    }

    public String subject() {
        return subject;
    }

    public long sizeBytes() {
        return sizeBytes;
    }
}
