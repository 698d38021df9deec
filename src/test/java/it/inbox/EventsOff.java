package it.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import de.dockeragents.mailer.events.control.EventSettings;

/** The deployment of {@link MailStoreArquillianIT} has no configuration: webhook events off, as by default. */
@ApplicationScoped
public class EventsOff {

    @Produces
    EventSettings events() {
        return EventSettings.off("test");
    }
}
