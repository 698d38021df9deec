package de.dockeragents.mailer.reply.control;

import java.util.Properties;

import de.dockeragents.mailer.mailbox.control.ImapFolders;
import de.dockeragents.mailer.mailbox.control.ImapSettings;
import de.dockeragents.mailer.outbox.control.ReplyMessage;
import de.dockeragents.mailer.outbox.entity.Outbound;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.MessageIDTerm;

/**
 * One visit to the mailbox's Drafts folder: drafts are appended ({@code APPEND}, flagged
 * {@code \Draft}) as the very message the outbox would send after approval: our From, the
 * recipient code chose, the threading headers and the Message-ID of the queue's row. A copy whose
 * Message-ID is there already is not appended again. Nothing here sends mail.
 */
final class DraftsFolder implements AutoCloseable {

    private static final Session BUILD = Session.getInstance(new Properties());

    private final Store store;
    private final Folder folder;
    private final String from;

    private DraftsFolder(Store store, Folder folder, String from) {
        this.store = store;
        this.folder = folder;
        this.from = from;
    }

    /** The open folder, or null when the mailbox has no such folder. */
    static DraftsFolder open(ImapSettings imap, String name, String from) throws MessagingException {
        Store store = ImapFolders.connect(imap);
        try {
            Folder f = ImapFolders.find(store, name, "\\Drafts");
            if (f == null) {
                ImapFolders.close(store);
                return null;
            }
            f.open(Folder.READ_WRITE);
            return new DraftsFolder(store, f, from);
        } catch (MessagingException | RuntimeException e) {
            ImapFolders.close(store);
            throw e;
        }
    }

    /** Appends the draft unless a message with its Message-ID is there; true if it appended. */
    boolean put(ReplyStore.Draft d) throws MessagingException {
        if (folder.search(new MessageIDTerm(d.messageId())).length > 0) {
            return false;
        }
        folder.appendMessages(new Message[] {message(d, from)});
        return true;
    }

    /** Removes the copy with this Message-ID; false when there was none. */
    boolean remove(String messageId) throws MessagingException {
        return ImapFolders.removeByMessageId(folder, messageId);
    }

    static MimeMessage message(ReplyStore.Draft d, String from) throws MessagingException {
        MimeMessage m = ReplyMessage.of(BUILD, new Outbound(d.id(), d.recipient(), subject(d), d.body(), d.messageId(),
                d.inReplyTo(), d.references(), false, 0, false), from);
        m.setFlags(new Flags(Flags.Flag.DRAFT), true);
        m.setFlag(Flags.Flag.SEEN, true);
        return m;
    }

    /**
     * "Re: " and the original's subject: Gmail files a message into a conversation only when the
     * subject matches as well as the threading headers. Without an original subject, the row's.
     */
    static String subject(ReplyStore.Draft d) {
        String original = d.originalSubject() == null ? "" : d.originalSubject().replaceAll("[\\r\\n\\t]+", " ").strip();
        if (original.isEmpty()) {
            return d.subject();
        }
        return original.regionMatches(true, 0, "Re:", 0, 3) ? original : "Re: " + original;
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // the store's close below is what matters
        }
        ImapFolders.close(store);
    }
}
