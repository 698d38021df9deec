package de.dockeragents.mailer.inbox.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import de.dockeragents.mailer.inbox.entity.MailMessage;
import de.dockeragents.mailer.inbox.entity.ServerAction;
import de.dockeragents.mailer.mailbox.control.ImapMailbox;
import de.dockeragents.mailer.mailbox.control.ImapSettings;

/**
 * What the server is told about stored mail (mailer.imap.after-store: leave, mark seen, or move). Runs
 * only after the commit: a crash before it leaves the rows PENDING, and the next poll does it.
 */
@ApplicationScoped
public class ServerActions {

    @Inject
    ImapSettings imap;

    @Inject
    MailStore store;

    /** Whether stored mail is acted on at all; if not, its rows are never PENDING. */
    boolean enabled() {
        return imap.afterStore() != ImapSettings.AfterStore.LEAVE;
    }

    /** The actions an earlier poll stored but did not get to apply. */
    void catchUp(ImapMailbox box, String folder, long uidValidity) throws MessagingException {
        apply(box, folder, uidValidity, store.pendingActionUids(folder, uidValidity));
    }

    /** The UIDs of just stored mail whose action is still to do. */
    static List<Long> pending(MailStore.Stored stored) {
        return stored.inserted().stream()
                .filter(m -> m.serverAction() == ServerAction.PENDING)
                .map(MailMessage::uid)
                .toList();
    }

    void apply(ImapMailbox box, String folder, long uidValidity, List<Long> uids) throws MessagingException {
        if (uids.isEmpty()) {
            return;
        }
        switch (imap.afterStore()) {
            case SEEN -> box.markSeen(uids);
            case MOVE -> box.moveTo(uids, imap.moveTo());
            case LEAVE -> {}
        }
        store.actionDone(folder, uidValidity, uids, ServerAction.DONE);
    }
}
