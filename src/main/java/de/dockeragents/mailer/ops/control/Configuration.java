package de.dockeragents.mailer.ops.control;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import de.dockeragents.mailer.attachment.control.AttachmentSettings;
import de.dockeragents.mailer.events.control.EventSettings;
import de.dockeragents.mailer.inbox.control.InboxSettings;
import de.dockeragents.mailer.mailbox.control.ImapSettings;
import de.dockeragents.mailer.outbox.control.OutboxSettings;
import de.dockeragents.mailer.platform.control.AccessTokens;
import de.dockeragents.mailer.platform.control.LeaseSettings;
import de.dockeragents.mailer.reply.control.NoticeSettings;
import de.dockeragents.mailer.reply.control.ReplySettings;
import de.dockeragents.mailer.review.control.LanSettings;
import de.dockeragents.mailer.review.control.LoginSettings;
import de.dockeragents.mailer.review.control.RetentionSettings;
import de.dockeragents.mailer.spam.control.SpamSettings;
import de.dockeragents.mailer.triage.control.LabelSettings;
import de.dockeragents.mailer.triage.control.TriageSettings;

/**
 * Reads the configuration once and hands each component its part: a component injects its own
 * settings record ({@code @Inject ReplySettings settings}) and never reads a key itself. Start-up
 * checks {@link Settings#problems()} before any component starts, so the parts components see are
 * valid.
 */
@ApplicationScoped
public class Configuration {

    @Inject
    Config config;

    private Settings settings;

    public synchronized Settings settings() {
        if (settings == null) {
            settings = Settings.read(config);
        }
        return settings;
    }

    @Produces
    ImapSettings imap() {
        return settings().imap();
    }

    @Produces
    InboxSettings inbox() {
        return settings().inbox();
    }

    @Produces
    LeaseSettings lease() {
        return settings().lease();
    }

    @Produces
    AttachmentSettings attachments() {
        return settings().attachments();
    }

    @Produces
    TriageSettings triage() {
        return settings().triage();
    }

    @Produces
    LabelSettings labels() {
        return settings().labels();
    }

    @Produces
    LanSettings lan() {
        return settings().lan();
    }

    @Produces
    ReplySettings reply() {
        return settings().reply();
    }

    @Produces
    NoticeSettings notice() {
        return settings().notice();
    }

    @Produces
    SpamSettings spam() {
        return settings().spam();
    }

    @Produces
    OutboxSettings outbox() {
        return settings().outbox();
    }

    @Produces
    EventSettings events() {
        return settings().events();
    }

    @Produces
    LoginSettings logins() {
        return settings().logins();
    }

    @Produces
    RetentionSettings retention() {
        return settings().retention();
    }

    /** The OAuth2 tokens IMAP and SMTP log in with; empty where both use passwords. */
    @Produces
    Optional<AccessTokens> oauth() {
        return settings().oauth();
    }
}
