package de.dockeragents.mailer.inbox.boundary;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import de.dockeragents.mailer.inbox.control.InboxSettings;
import de.dockeragents.mailer.inbox.control.InboxStatus;
import de.dockeragents.mailer.inbox.control.MailStore;
import de.dockeragents.mailer.mailbox.control.ImapSettings;
import de.dockeragents.mailer.platform.control.Leases;

/**
 * Ready while polls succeed: the last successful one is younger than mailer.health.imap-max-age. Its data
 * also says how reading the folder began (mailer.imap.initial-import), which a successful poll has recorded,
 * and whether new mail is waited for with IMAP IDLE ({@code idle}: active, or why not); IDLE is a speed-up
 * beside the poll, so it does not decide readiness. An instance that stands by while another holds the
 * folder's lease ({@code lease: standby}) does not poll, and is ready: it takes over when the holder goes.
 */
@Readiness
@ApplicationScoped
public class ImapCheck implements HealthCheck {

    @Inject
    InboxStatus inbox;

    @Inject
    InboxSettings settings;

    @Inject
    ImapSettings imap;

    @Inject
    Leases leases;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("imap")
                .withData("connected", inbox.connected())
                .withData("consecutiveFailures", inbox.consecutiveFailures())
                .withData("idle", inbox.idle().label());
        if (inbox.idleError() != null) {
            response.withData("idleError", inbox.idleError());
        }
        MailStore.Position start = inbox.position();
        if (start != null) {
            // how reading the folder began: what of its history was imported (never answered automatically)
            response.withData("initialImport", start.initialImport())
                    .withData("startReason", start.startReason())
                    .withData("historyUntilUid", start.historyUntilUid())
                    .withData("folderStartedAt", String.valueOf(start.startedAt()));
            if (start.historySince() != null) {
                response.withData("historySince", start.historySince().toString());
            }
        }
        boolean contending = leases.folders().contains(imap.folder());
        if (contending && !leases.holds(imap.folder())) {
            return response.up().withData("lease", "standby").build();
        }
        response.withData("lease", contending ? "held" : "none yet");
        Instant last = inbox.lastSuccess();
        if (last == null) {
            return response.down().withData("lastSuccessAgeSeconds", -1).build();
        }
        Duration age = Duration.between(last, Instant.now());
        if (inbox.lastError() != null) {
            response.withData("lastError", inbox.lastError());
        }
        boolean fresh = age.compareTo(settings.maxPollAge()) <= 0 && inbox.consecutiveFailures() == 0;
        return response.status(fresh)
                .withData("lastSuccessAgeSeconds", age.toSeconds())
                .build();
    }
}
