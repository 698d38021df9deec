package de.dockeragents.mailer.attachment.boundary;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The alert line for an infected attachment, with a fixed marker ({@code attachment.infected},
 * the webhook's event name) that Loki and an operator can search for. Ids and signature only, no
 * file name or address. It counts nothing: {@code attachments_total{result="infected"}} was
 * counted where the row was written, and Prometheus alerts on that.
 */
@ApplicationScoped
public class InfectionAlert {

    private static final Logger LOG = Logger.getLogger(InfectionAlert.class.getName());

    void on(@Observes AttachmentInfected event) {
        LOG.warning(() -> "attachment.infected: attachment " + event.attachmentId() + " of mail " + event.mailId()
                + " (" + event.signature() + ") is in quarantine");
    }
}
