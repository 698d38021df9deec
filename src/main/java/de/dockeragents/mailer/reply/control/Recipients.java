package de.dockeragents.mailer.reply.control;

import java.util.Optional;

import de.dockeragents.mailer.platform.control.Addresses;
import de.dockeragents.mailer.triage.entity.MailFacts;

/**
 * The one address a reply goes to: Reply-To if it names exactly one valid address, else From.
 * Chosen by code from the original's headers only; no model output is ever consulted.
 */
public final class Recipients {

    private Recipients() {}

    public static Optional<String> of(MailFacts mail) {
        if (Addresses.count(mail.replyTo()) == 1) {
            Optional<String> replyTo = Addresses.first(mail.replyTo());
            if (replyTo.isPresent()) {
                return replyTo;
            }
        }
        return Addresses.count(mail.from()) == 1 ? Addresses.first(mail.from()) : Optional.empty();
    }
}
