package de.dockeragents.mailer.reply.control;

import java.time.Duration;
import java.time.Instant;

import de.dockeragents.mailer.reply.entity.Arrival;
import de.dockeragents.mailer.reply.entity.ReplyKind;
import de.dockeragents.mailer.reply.entity.SuppressReason;

/**
 * Old mail is not answered automatically. Mail from the mailbox's history (the initial import) gets no reply at
 * all: no template, no draft, no question to the model, no Drafts-folder copy. Mail the mailbox received longer
 * ago than {@code mailer.reply.max-age} (by the server's INTERNALDATE, not the sender's Date header; e.g. after
 * the mailer was down for a week) gets its automatic template as a draft for a person instead.
 */
final class AgeGate {

    /** The reply outcome recorded for an automatic reply that became a draft because the mail is too old. */
    static final String TOO_OLD = "too_old";

    private AgeGate() {}

    static ReplyPlanner.Plan apply(ReplyPlanner.Plan plan, Arrival arrival, Duration maxAge, Instant now) {
        if (arrival.history()) {
            if (plan instanceof ReplyPlanner.Ready r) {
                return new ReplyPlanner.Suppressed(
                        SuppressReason.HISTORY, r.reply().kind().automatic());
            }
            if (plan instanceof ReplyPlanner.Suppressed s) {
                return new ReplyPlanner.Suppressed(SuppressReason.HISTORY, s.automatic());
            }
            return plan;
        }
        if (plan instanceof ReplyPlanner.Ready r && r.reply().kind().automatic() && tooOld(arrival, maxAge, now)) {
            return new ReplyPlanner.Ready(r.reply().withBody(r.reply().body(), ReplyKind.TEMPLATE_DRAFT), r.askModel());
        }
        return plan;
    }

    static boolean tooOld(Arrival arrival, Duration maxAge, Instant now) {
        return arrival.serverDate() != null && arrival.serverDate().toInstant().isBefore(now.minus(maxAge));
    }
}
