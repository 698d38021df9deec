package de.dockeragents.mailer.triage.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.angus.mail.imap.IMAPFolder;

import de.dockeragents.mailer.mailbox.control.ImapFolders;
import de.dockeragents.mailer.mailbox.control.ImapSettings;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.search.MessageIDTerm;

/**
 * One visit to the mailbox that puts triage labels on mail. Label folders ({@code COPY} into
 * {@code Mailer/<category>}; on Gmail a folder is a label, so the copy is the same message with one
 * more label) or IMAP keywords ({@code STORE +FLAGS}). Idempotent: a copy is made only when the label
 * folder has no message with the mail's Message-ID, and setting a keyword twice is harmless. A
 * changed classification moves the mail: the old label is taken off ({@code \Deleted} and
 * {@code UID EXPUNGE} of just that message in the old label folder; on Gmail that removes the label).
 */
final class MailboxLabels implements AutoCloseable {

    /** What the visit does; {@code NONE} when the server offers neither labels nor keywords. */
    enum Kind {
        FOLDERS, KEYWORDS, NONE
    }

    private final Store store;
    private final List<Folder> sources = new ArrayList<>();
    private final Map<String, Folder> labelFolders = new HashMap<>();
    private final Kind kind;
    private final LabelNames names;
    private final char separator;

    private MailboxLabels(Store store, Kind kind, LabelNames names) throws MessagingException {
        this.store = store;
        this.kind = kind;
        this.names = names;
        this.separator = store.getDefaultFolder().getSeparator();
    }

    /** Opens the folders mail is fetched from (and moved to, with after-store=move). */
    static MailboxLabels open(ImapSettings imap, LabelSettings settings) throws MessagingException {
        Store store = ImapFolders.connect(imap);
        try {
            Folder inbox = store.getFolder(imap.folder());
            Kind kind = switch (settings.mode()) {
                case FOLDERS -> Kind.FOLDERS;
                case KEYWORDS -> Kind.KEYWORDS;
                case OFF -> Kind.NONE;
                case AUTO -> imap.gmail() ? Kind.FOLDERS : keywordsKept(inbox) ? Kind.KEYWORDS : Kind.NONE;
            };
            MailboxLabels visit = new MailboxLabels(store, kind, settings.names());
            int mode = kind == Kind.KEYWORDS ? Folder.READ_WRITE : Folder.READ_ONLY;
            if (kind != Kind.NONE) {
                inbox.open(mode);
                visit.sources.add(inbox);
                if (imap.afterStore() == ImapSettings.AfterStore.MOVE) {
                    Folder moved = store.getFolder(imap.moveTo());
                    if (moved.exists()) {
                        moved.open(mode);
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

    Kind kind() {
        return kind;
    }

    /**
     * Gives the mail the labels of its classification and takes off those of {@code shown} (the
     * category and priority the mailbox shows now, null for none). False when the mail is no longer in
     * the mailbox (deleted by staff): there is nothing to label.
     */
    boolean label(LabelStore.Pending p) throws MessagingException {
        Source found = find(p);
        if (found == null) {
            return false;
        }
        String[] shown = p.shown();
        if (kind == Kind.KEYWORDS) {
            if (shown != null) {
                List<String> old = new ArrayList<>(names.keywords(shown[0], shown[1]));
                old.removeAll(names.keywords(p.category(), p.priority()));
                found.message.setFlags(flags(old), false);
            }
            found.message.setFlags(flags(names.keywords(p.category(), p.priority())), true);
            return true;
        }
        List<String> add = names.folders(p.category(), p.priority(), separator);
        for (String name : add) {
            Folder target = labelFolder(name);
            if (found.messageId == null || !holds(target, found.messageId)) {
                found.folder.copyMessages(new Message[] {found.message}, target);
            }
        }
        if (shown != null && found.messageId != null) {
            List<String> old = new ArrayList<>(names.folders(shown[0], shown[1], separator));
            old.removeAll(add);
            for (String name : old) {
                unlabel(name, found.messageId);
            }
        }
        return true;
    }

    private record Source(Folder folder, Message message, String messageId) {
    }

    /** By UID where the UID is still valid and the Message-ID agrees, else by Message-ID. */
    private Source find(LabelStore.Pending p) throws MessagingException {
        for (Folder f : sources) {
            IMAPFolder imap = (IMAPFolder) f;
            if (f.getFullName().equals(p.folder()) && imap.getUIDValidity() == p.uidValidity()) {
                Message m = imap.getMessageByUID(p.uid());
                if (m != null && !m.isExpunged() && (p.messageId() == null || p.messageId().equals(messageId(m)))) {
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
