package de.dockeragents.mailer.reply.entity;

/**
 * A person decided a draft waiting in the outbound queue: approved (it is queued for sending) or
 * rejected. Fired inside the deciding transaction; observers that touch the mailbox observe it
 * {@code during = TransactionPhase.AFTER_SUCCESS}, so a rolled-back decision changes nothing there.
 *
 * @param outboundId the queue row
 * @param messageId the row's Message-ID (how the Drafts folder copy is found)
 * @param approved true when approved, false when rejected
 */
public record DraftDecided(long outboundId, String messageId, boolean approved) {

    @Override
    public String toString() {
        return "draft " + outboundId + (approved ? " approved" : " rejected");
    }
}
