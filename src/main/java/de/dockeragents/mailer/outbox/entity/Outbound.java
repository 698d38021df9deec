package de.dockeragents.mailer.outbox.entity;

/**
 * One claimed row of the outbound queue, as the sender needs it. {@code attempt} is the number this
 * claim gave it: the fencing token every later update checks, so a sender whose lease ran out can
 * never overwrite what the next one did. {@code recovered}: the row was SENDING under a lease that
 * expired, so an earlier attempt may have reached the SMTP server.
 */
public record Outbound(
        long id,
        String recipient,
        String subject,
        String body,
        String messageId,
        String inReplyTo,
        String references,
        boolean autoSubmitted,
        int attempt,
        boolean recovered) {

    @Override
    public String toString() {
        // never the recipient or the text
        return "outbound " + id + " " + messageId + " attempt " + attempt + (recovered ? " (recovered)" : "");
    }
}
