package de.dockeragents.mailer.review.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import de.dockeragents.mailer.platform.entity.Started;
import de.dockeragents.mailer.review.control.LoginSettings;
import de.dockeragents.mailer.review.control.People;

/**
 * At start, once the schema is there: the logins the operator's secrets define (the first admin,
 * and the old shared staff login while its secret is set) are made or brought up to date, so an
 * existing install logs in as before.
 */
@ApplicationScoped
public class ConfiguredPeople {

    @Inject
    LoginSettings settings;

    @Inject
    People people;

    void start(@Observes @Priority(Started.LOGINS) Started started) {
        settings.accounts().forEach(people::configure);
    }
}
