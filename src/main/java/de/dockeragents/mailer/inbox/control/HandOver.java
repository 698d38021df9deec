package de.dockeragents.mailer.inbox.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import de.dockeragents.mailer.attachment.boundary.AttachmentQueue;
import de.dockeragents.mailer.inbox.entity.MailMessage;
import de.dockeragents.mailer.inbox.entity.MailStatus;
import de.dockeragents.mailer.triage.control.Triage;

/**
 * After the commit: attachments go to their scanner's queue and the stored mail to triage; both
 * return at once (the queue waits only when too much is queued). What they miss, their timers take
 * up again.
 */
@ApplicationScoped
public class HandOver {

    @Inject
    AttachmentQueue attachments;

    @Inject
    Triage triage;

    void stored(List<Incoming> incoming, List<MailMessage> inserted) {
        for (Incoming in : incoming) {
            MailMessage m = in.message();
            if (inserted.contains(m) && m.status() == MailStatus.STORED && m.attachmentCount() > 0) {
                attachments.submit(m.id(), m.receivedAt(), in.raw());
            }
        }
        List<MailMessage> classify =
                inserted.stream().filter(m -> m.status() == MailStatus.STORED).toList();
        triage.submit(
                classify.stream().filter(m -> !m.history()).map(MailMessage::id).toList());
        // history waits behind new mail for the model: a new emergency is not queued behind a mailbox's past
        triage.submitHistory(classify.stream()
                .filter(MailMessage::history)
                .map(MailMessage::id)
                .toList());
    }
}
