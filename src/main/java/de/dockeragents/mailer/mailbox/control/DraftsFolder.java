package de.dockeragents.mailer.mailbox.control;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.MessageIDTerm;

/**
 * One visit to the mailbox's Drafts folder: a message is appended ({@code APPEND}) unless one with its
 * Message-ID is there already, and removed by Message-ID. {@code auto} finds the folder by its RFC 6154
 * {@code \Drafts} attribute, whatever its localised name ("[Gmail]/Entwürfe"). Nothing here sends mail.
 */
public final class DraftsFolder implements AutoCloseable {

    private final Store store;
    private final Folder folder;

    private DraftsFolder(Store store, Folder folder) {
        this.store = store;
        this.folder = folder;
    }

    /** The open folder, or null when the mailbox has no such folder. */
    public static DraftsFolder open(ImapSettings imap, String name) throws MessagingException {
        Store store = ImapFolders.connect(imap);
        try {
            Folder f = ImapFolders.find(store, name, "\\Drafts");
            if (f == null) {
                ImapFolders.close(store);
                return null;
            }
            f.open(Folder.READ_WRITE);
            return new DraftsFolder(store, f);
        } catch (MessagingException | RuntimeException e) {
            ImapFolders.close(store);
            throw e;
        }
    }

    /** Appends the message unless one with its Message-ID is there; true if it appended. */
    public boolean put(MimeMessage message) throws MessagingException {
        String messageId = message.getMessageID();
        if (messageId != null && folder.search(new MessageIDTerm(messageId)).length > 0) {
            return false;
        }
        folder.appendMessages(new Message[] {message});
        return true;
    }

    /** Removes the copy with this Message-ID; false when there was none. */
    public boolean remove(String messageId) throws MessagingException {
        return ImapFolders.removeByMessageId(folder, messageId);
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
