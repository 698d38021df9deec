package de.dockeragents.mailer.mailbox.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.search.MessageIDTerm;

import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * One visit to the mailbox that puts labels on mail: label folders ({@code COPY} into a folder; on
 * Gmail a folder is a label, so the copy is the same message with one more label) or IMAP keywords
 * ({@code STORE +FLAGS}). Idempotent: a copy is made only when the label folder has no message with
 * the mail's Message-ID, and setting a keyword twice is harmless. A label taken off is {@code \Deleted}
 * and {@code UID EXPUNGE}d as just that message in its folder (on Gmail that removes the label). What
 * the labels are called is the caller's business.
 */
public final class MailboxLabels implements AutoCloseable {

    /** Which labels to use: {@code AUTO} takes label folders on Gmail and keywords where the server keeps them. */
    public enum Mode {
        AUTO,
        FOLDERS,
        KEYWORDS,
        OFF
    }

    /** What the visit does; {@code NONE} when the server offers neither labels nor keywords. */
    public enum Kind {
        FOLDERS,
        KEYWORDS,
        NONE
    }

    /** Where a mail was fetched: folder, UIDVALIDITY and UID then, and its Message-ID (null if it has none). */
    public record Mail(String folder, long uidValidity, long uid, String messageId) {}

    private final Store store;
    private final List<Folder> sources = new ArrayList<>();
    private final Map<String, Folder> labelFolders = new HashMap<>();
    private final Kind kind;
    private final char separator;

    private MailboxLabels(Store store, Kind kind) throws MessagingException {
        this.store = store;
        this.kind = kind;
        this.separator = store.getDefaultFolder().getSeparator();
    }

    /** Opens the folders mail is fetched from (and moved to, with after-store=move). */
    public static MailboxLabels open(ImapSettings imap, Mode mode) throws MessagingException {
        Store store = ImapFolders.connect(imap);
        try {
            Folder inbox = store.getFolder(imap.folder());
            Kind kind = switch (mode) {
                case FOLDERS -> Kind.FOLDERS;
                case KEYWORDS -> Kind.KEYWORDS;
                case OFF -> Kind.NONE;
                case AUTO -> imap.gmail() ? Kind.FOLDERS : keywordsKept(inbox) ? Kind.KEYWORDS : Kind.NONE;
            };
            MailboxLabels visit = new MailboxLabels(store, kind);
            int access = kind == Kind.KEYWORDS ? Folder.READ_WRITE : Folder.READ_ONLY;
            if (kind != Kind.NONE) {
                inbox.open(access);
                visit.sources.add(inbox);
                if (imap.afterStore() == ImapSettings.AfterStore.MOVE) {
                    Folder moved = store.getFolder(imap.moveTo());
                    if (moved.exists()) {
                        moved.open(access);
                        visit.sources.add(moved);
                    }
                }
            }
            return visit;
        } catch (MessagingException | RuntimeException e) {
            ImapFolders.close(store);
            throw e;
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The server's hierarchy separator, for label folder paths (Gmail {@code /}). */
    public char separator() {
        return separator;
    }

    /**
     * Puts the labels {@code add} on the mail and takes {@code remove} off: folder paths with
     * {@link Kind#FOLDERS}, keywords with {@link Kind#KEYWORDS}. False when the mail is no longer in the
     * mailbox (deleted by staff): there is nothing to label.
     */
    public boolean relabel(Mail mail, List<String> add, List<String> remove) throws MessagingException {
        Source found = find(mail);
        if (found == null) {
            return false;
        }
        if (kind == Kind.KEYWORDS) {
            if (!remove.isEmpty()) {
                found.message.setFlags(flags(remove), false);
            }
            found.message.setFlags(flags(add), true);
            return true;
        }
        for (String name : add) {
            Folder target = labelFolder(name);
            if (found.messageId == null || !holds(target, found.messageId)) {
                found.folder.copyMessages(new Message[] {found.message}, target);
            }
        }
        if (found.messageId != null) {
            for (String name : remove) {
                unlabel(name, found.messageId);
            }
        }
        return true;
    }

    private record Source(Folder folder, Message message, String messageId) {}

    /** By UID where the UID is still valid and the Message-ID agrees, else by Message-ID. */
    private Source find(Mail p) throws MessagingException {
        for (Folder f : sources) {
            IMAPFolder imap = (IMAPFolder) f;
            if (f.getFullName().equals(p.folder()) && imap.getUIDValidity() == p.uidValidity()) {
                Message m = imap.getMessageByUID(p.uid());
                if (m != null
                        && !m.isExpunged()
                        && (p.messageId() == null || p.messageId().equals(messageId(m)))) {
                    return new Source(f, m, p.messageId());
                }
            }
        }
        if (p.messageId() == null) {
            return null;
        }
        for (Folder f : sources) {
            Message[] hits = f.search(new MessageIDTerm(p.messageId()));
            if (hits.length > 0) {
                return new Source(f, hits[0], p.messageId());
            }
        }
        return null;
    }

    private void unlabel(String name, String messageId) throws MessagingException {
        Folder f = store.getFolder(name);
        if (!f.exists()) {
            return;
        }
        f.open(Folder.READ_WRITE);
        try {
            ImapFolders.removeByMessageId(f, messageId);
        } finally {
            f.close(false);
        }
    }

    private static boolean holds(Folder f, String messageId) throws MessagingException {
        f.open(Folder.READ_ONLY);
        try {
            return f.search(new MessageIDTerm(messageId)).length > 0;
        } finally {
            f.close(false);
        }
    }

    private Folder labelFolder(String name) throws MessagingException {
        Folder f = labelFolders.get(name);
        if (f == null) {
            f = store.getFolder(name);
            if (!f.exists() && !f.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException("the mailbox refused to create a label folder");
            }
            labelFolders.put(name, f);
        }
        return f;
    }

    private static String messageId(Message m) throws MessagingException {
        String[] h = m.getHeader("Message-ID");
        return h == null || h.length == 0 ? null : h[0].strip();
    }

    private static Flags flags(List<String> keywords) {
        Flags f = new Flags();
        keywords.forEach(f::add);
        return f;
    }

    /**
     * The server keeps keywords of our own when the folder's PERMANENTFLAGS include {@code \*}. Asked with the
     * folder opened for writing: a read-only EXAMINE may answer {@code PERMANENTFLAGS ()} since nothing can be
     * stored then (Dovecot does), which is no answer to this question.
     */
    private static boolean keywordsKept(Folder inbox) throws MessagingException {
        inbox.open(Folder.READ_WRITE);
        try {
            return inbox.getPermanentFlags().contains(Flags.Flag.USER);
        } finally {
            inbox.close(false);
        }
    }

    @Override
    public void close() {
        for (Folder f : sources) {
            try {
                if (f.isOpen()) {
                    f.close(false);
                }
            } catch (MessagingException | RuntimeException e) {
                // closing the store below ends the session anyway
            }
        }
        ImapFolders.close(store);
    }
}
