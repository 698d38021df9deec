package de.dockeragents.mailer.ops.control;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import de.dockeragents.mailer.attachment.control.AttachmentSettings;
import de.dockeragents.mailer.events.control.EventSettings;
import de.dockeragents.mailer.inbox.control.InboxSettings;
import de.dockeragents.mailer.mailbox.control.ImapSettings;
import de.dockeragents.mailer.outbox.control.OutboxSettings;
import de.dockeragents.mailer.platform.control.AccessTokens;
import de.dockeragents.mailer.platform.control.ConfigProblems;
import de.dockeragents.mailer.platform.control.LeaseSettings;
import de.dockeragents.mailer.platform.control.OAuthConfig;
import de.dockeragents.mailer.platform.control.Profile;
import de.dockeragents.mailer.reply.control.NoticeSettings;
import de.dockeragents.mailer.reply.control.ReplySettings;
import de.dockeragents.mailer.review.control.LanSettings;
import de.dockeragents.mailer.review.control.LoginSettings;
import de.dockeragents.mailer.review.control.RetentionSettings;
import de.dockeragents.mailer.spam.control.SpamSettings;
import de.dockeragents.mailer.triage.control.LabelSettings;
import de.dockeragents.mailer.triage.control.TriageSettings;

/**
 * The whole configuration, read and checked once at start-up; problems name their keys. Each
 * component gets its part through {@link Configuration}, so no key is read twice.
 */
public record Settings(
        Profile profile,
        ImapSettings imap,
        AttachmentSettings attachments,
        TriageSettings triage,
        LabelSettings labels,
        ReplySettings reply,
        NoticeSettings notice,
        SpamSettings spam,
        OutboxSettings outbox,
        InboxSettings inbox,
        LeaseSettings lease,
        EventSettings events,
        LoginSettings logins,
        LanSettings lan,
        RetentionSettings retention,
        Optional<AccessTokens> oauth,
        Duration startupGrace,
        Duration livenessExitAfter,
        Duration livenessInterval,
        boolean opsTrigger,
        List<String> problems) {

    public static Settings read(Config config) {
        ConfigProblems c = new ConfigProblems(config);
        String profileName = c.required(Profile.KEY);
        Profile profile = null;
        try {
            profile = profileName.isEmpty() ? null : Profile.load(profileName);
            if (!profileName.isEmpty() && profile == null) {
                c.problem(Profile.KEY + " names an unknown profile '" + profileName
                        + "': expected a folder under profiles/ with a profile.properties (praxis, ecom, ...)");
            } else if (profile != null) {
                profile.loadLanguages();
            }
        } catch (IllegalArgumentException e) {
            c.problem(Profile.KEY + " '" + profileName + "': " + e.getMessage());
        }
        OAuthConfig oauth = new OAuthConfig(c, config);
        ImapSettings imap = ImapSettings.read(c, oauth);
        AttachmentSettings attachments = AttachmentSettings.read(c);
        TriageSettings triage = TriageSettings.read(c);
        LabelSettings labels = LabelSettings.read(c);
        ReplySettings reply = ReplySettings.read(c, config);
        NoticeSettings notice = NoticeSettings.read(c, config);
        SpamSettings spam = SpamSettings.read(c);
        OutboxSettings outbox = OutboxSettings.read(c, config, oauth);
        Duration grace = c.duration("mailer.startup.grace", Duration.ofSeconds(1), Duration.ofHours(1));
        InboxSettings inbox = InboxSettings.read(c);
        LeaseSettings lease = LeaseSettings.read(c);
        EventSettings events = EventSettings.read(c, config, profileName);
        LoginSettings logins = LoginSettings.read(c, config);
        LanSettings lan = LanSettings.read(c, config);
        RetentionSettings retention = RetentionSettings.read(c);
        // 0: an unhealthy mailer keeps running
        Duration exitAfter = "0".equals(c.required("mailer.health.liveness-exit-after"))
                ? Duration.ZERO
                : c.duration("mailer.health.liveness-exit-after", Duration.ofMinutes(1), Duration.ofDays(1));
        Duration livenessEvery =
                c.duration("mailer.health.liveness-interval", Duration.ofSeconds(1), Duration.ofMinutes(10));
        boolean trigger = Boolean.parseBoolean(c.required("mailer.ops.trigger-enabled"));
        // the data source reads it from Liberty's variables; it has no default anywhere
        c.required("db.password");
        return new Settings(
                profile,
                imap,
                attachments,
                triage,
                labels,
                reply,
                notice,
                spam,
                outbox,
                inbox,
                lease,
                events,
                logins,
                lan,
                retention,
                oauth.used(),
                grace,
                exitAfter,
                livenessEvery,
                trigger,
                c.problems());
    }
}
