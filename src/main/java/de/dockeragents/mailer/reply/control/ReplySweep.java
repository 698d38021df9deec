package de.dockeragents.mailer.reply.control;

import java.util.List;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import de.dockeragents.mailer.triage.control.TriageStore;
import de.dockeragents.mailer.triage.entity.Decision;
import de.dockeragents.mailer.triage.entity.MailFacts;

/**
 * The reply's catch-up: classified mail whose reply decision is missing long after classification
 * (the planner crashed or failed between the classification's commit and the enqueue) is planned
 * now, an emergency's fixed template included; drafts sent from the mailbox's Drafts folder are noticed; drafts without a copy in the Drafts folder get one, and
 * decided drafts lose theirs.
 */
@ApplicationScoped
public class ReplySweep {

    private static final Logger LOG = Logger.getLogger(ReplySweep.class.getName());
    static final int BATCH = 100;

    @Inject
    Replies replies;

    @Inject
    ReplyStore store;

    @Inject
    TriageStore triage;

    @Inject
    DraftsCopies drafts;

    @Inject
    MailboxSends mailboxSends;

    public void sweep() {
        // an AI draft still waiting for the model here is not missed: its claim is renewed when its turn comes
        List<Long> missed = store.unplanned(replies.settings().replanAfter(), BATCH).stream()
                .filter(id -> !replies.draftWaits(id))
                .toList();
        if (!missed.isEmpty()) {
            LOG.warning(
                    () -> missed.size() + " classified mail(s) without a reply decision (planner interrupted); planning"
                            + " them now: " + missed);
        }
        for (long id : missed) {
            try {
                MailFacts mail = triage.load(id);
                Decision decision = triage.decision(id);
                if (mail == null || decision == null) {
                    store.settle(id, null, "mail_gone", null, replies.settings().perSenderWindow());
                } else {
                    replies.plan(mail, decision);
                }
            } catch (RuntimeException e) {
                // one mail that cannot be planned must not hold up the others; its claim runs out, it comes round again
                LOG.warning(() -> "planning the reply to mail " + id + " failed: "
                        + e.getClass().getSimpleName());
            }
        }
        // first: a draft sent from Gmail is then no longer waiting, and its copy is not looked for again
        mailboxSends.notice();
        drafts.sync();
    }
}
