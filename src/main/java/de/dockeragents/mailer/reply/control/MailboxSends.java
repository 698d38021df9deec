package de.dockeragents.mailer.reply.control;

import java.util.List;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import de.dockeragents.mailer.mailbox.control.ImapSettings;
import de.dockeragents.mailer.mailbox.control.SentFolder;
import de.dockeragents.mailer.outbox.control.OutboxSettings;

/**
 * Notices a draft that someone sent from the mailbox's Drafts folder (in Gmail) instead of approving it
 * on the page: its copy, or a reply to the same mail and recipient, is in the Sent folder
 * ({@code mailer.outbox.sent-folder}, {@code auto}: Gmail's "[Gmail]/Gesendet" by its \Sent attribute).
 * The queue row is then SENT, so the outbox never sends it and an approval is refused. Asked by the reply
 * sweep for every draft whose copy is in the Drafts folder, and once more just before a person approves
 * such a draft, so the window between a send in Gmail and the next sweep is closed too. One IMAP visit per
 * sweep for all of them (at most {@value #BATCH}). A Sent folder
 * that cannot be read decides nothing (the draft waits as before).
 */
@ApplicationScoped
public class MailboxSends {

    private static final Logger LOG = Logger.getLogger(MailboxSends.class.getName());
    private static final int BATCH = 100;

    @Inject
    ReplySettings settings;

    @Inject
    ImapSettings imap;

    @Inject
    OutboxSettings outbox;

    @Inject
    ReplyStore store;

    /** Looks for every waiting draft with a copy; returns how many were found sent from the mailbox. */
    public int notice() {
        if (!settings.draftsFolderEnabled()) {
            return 0;
        }
        List<ReplyStore.CopiedDraft> due = store.copiedDrafts(BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        List<SentFolder.Answer> answers = new SentFolder(imap, outbox.sentFolder())
                .holdReplies(due.stream().map(MailboxSends::reply).toList());
        int found = 0;
        for (int i = 0; i < due.size(); i++) {
            SentFolder.Answer a = answers.get(i);
            if (a == SentFolder.Answer.NO_FOLDER || a == SentFolder.Answer.ERROR) {
                LOG.fine(() ->
                        "the Sent folder cannot be asked (" + a + "); drafts sent from the mailbox are noticed later");
                return found;
            }
            if (a == SentFolder.Answer.FOUND && mark(due.get(i))) {
                found++;
            }
        }
        return found;
    }

    /** Just before a person's approval: true if this draft was sent from the mailbox (now or before). */
    public boolean sentAlready(long id) {
        if (store.wasSentFromMailbox(id)) {
            return true;
        }
        if (!settings.draftsFolderEnabled()) {
            return false;
        }
        return store.copiedDraft(id)
                .filter(d -> new SentFolder(imap, outbox.sentFolder()).holdsReply(reply(d)) == SentFolder.Answer.FOUND)
                .map(this::mark)
                .orElse(false);
    }

    private static SentFolder.Reply reply(ReplyStore.CopiedDraft d) {
        return new SentFolder.Reply(d.messageId(), d.inReplyTo(), d.recipient());
    }

    private boolean mark(ReplyStore.CopiedDraft d) {
        boolean marked = store.sentFromMailbox(d.id());
        if (marked) {
            LOG.info(() -> d + " was sent from the mailbox's Drafts folder (found in the Sent folder): recorded as"
                    + " sent, never sent by the mailer");
        }
        return marked;
    }
}
