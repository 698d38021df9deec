package de.dockeragents.mailer.mailbox.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.HeaderTerm;
import jakarta.mail.search.MessageIDTerm;

/**
 * Asks the mailbox's Sent folder whether a mail with this Message-ID left. Gmail files every mail
 * its SMTP server accepts from an authenticated user in the Sent folder before it answers 250, so a
 * mail found there left, and a mail missing there (minutes later) never did. {@code auto} finds the
 * folder by its RFC 6154 {@code \Sent} attribute, whatever its localised name ("[Gmail]/Gesendet");
 * {@code none} means there is no folder to ask.
 */
public final class SentFolder {

    /** What the folder says. */
    public enum Answer {
        FOUND,
        ABSENT,
        NO_FOLDER,
        ERROR
    }

    /** The folder name that means: no Sent folder is asked. */
    public static final String NONE = "none";

    private final ImapSettings imap;
    private final String name;

    public SentFolder(ImapSettings imap, String name) {
        this.imap = imap;
        this.name = name;
    }

    public Answer holds(String messageId) {
        return search(folder -> folder.search(new MessageIDTerm(messageId)).length > 0);
    }

    /** A reply looked for: our copy's Message-ID, the Message-ID of the mail it answers, its recipient. */
    public record Reply(String messageId, String inReplyTo, String recipient) {

        @Override
        public String toString() {
            return "reply " + messageId; // never the recipient
        }
    }

    /**
     * Whether a reply to the mail {@code inReplyTo} left from the mailbox itself: the copy of our draft
     * (its Message-ID), or any mail to {@code recipient} that answers that mail (a draft sent from Gmail
     * may leave with a Message-ID of Gmail's own, threaded like ours).
     */
    public Answer holdsReply(Reply reply) {
        return holdReplies(List.of(reply)).get(0);
    }

    /**
     * As {@link #holdsReply}, for each of these replies, in one visit to the folder (one IMAP login, not
     * one per draft); the answers in the same order. Two plain searches each, the recipient compared
     * here: IMAP servers differ in how far they parse nested search keys.
     */
    public List<Answer> holdReplies(List<Reply> replies) {
        List<Answer> answers = new ArrayList<>();
        Answer visit = search(folder -> {
            for (Reply r : replies) {
                answers.add(found(folder, r) ? Answer.FOUND : Answer.ABSENT);
            }
            return true;
        });
        return visit == Answer.FOUND ? answers : Collections.nCopies(replies.size(), visit);
    }

    private static boolean found(Folder folder, Reply r) throws MessagingException {
        if (folder.search(new MessageIDTerm(r.messageId())).length > 0) {
            return true;
        }
        if (r.inReplyTo() == null || r.recipient() == null) {
            return false;
        }
        for (Message m : folder.search(new HeaderTerm("In-Reply-To", r.inReplyTo()))) {
            Address[] to = m.getRecipients(Message.RecipientType.TO);
            if (to != null
                    && Arrays.stream(to)
                            .anyMatch(a -> a instanceof InternetAddress i
                                    && r.recipient().equalsIgnoreCase(i.getAddress()))) {
                return true;
            }
        }
        return false;
    }

    /** What one look into the open folder found. */
    private interface Look {
        boolean found(Folder open) throws MessagingException;
    }

    private Answer search(Look look) {
        if (imap == null || NONE.equalsIgnoreCase(name)) {
            return Answer.NO_FOLDER;
        }
        Store store = null;
        try {
            store = ImapFolders.connect(imap);
            Folder folder = ImapFolders.find(store, name, "\\Sent");
            if (folder == null) {
                return Answer.NO_FOLDER;
            }
            folder.open(Folder.READ_ONLY);
            try {
                return look.found(folder) ? Answer.FOUND : Answer.ABSENT;
            } finally {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            return Answer.ERROR;
        } finally {
            ImapFolders.close(store);
        }
    }
}
