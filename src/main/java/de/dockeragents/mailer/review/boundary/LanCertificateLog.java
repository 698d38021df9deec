package de.dockeragents.mailer.review.boundary;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import de.dockeragents.mailer.platform.entity.Started;
import de.dockeragents.mailer.review.control.LanCertificate;
import de.dockeragents.mailer.review.control.LanSettings;

/**
 * With LAN access on, every start logs the certificate's SHA-256 fingerprint, so staff importing it on a
 * practice PC can compare it with what their browser shows (docs/lan-access.md). Liberty writes the keystore
 * only after the server is up on the first start, so the file is looked for until it is there. It warns when
 * the kept certificate does not name review.lan.host (the name was changed after the first start) or is about
 * to expire: Liberty generates it once, valid for a year, and never renews it.
 */
@ApplicationScoped
public class LanCertificateLog {

    private static final Logger LOG = Logger.getLogger(LanCertificateLog.class.getName());
    static final Duration LOOK_EVERY = Duration.ofSeconds(2);
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    @Inject
    LanSettings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> task;
    private Instant giveUpAt;

    synchronized void start(@Observes @Priority(Started.LOGINS + 1) Started started) {
        if (!settings.on() || task != null) {
            return;
        }
        giveUpAt = Instant.now().plus(GIVE_UP_AFTER);
        long every = LOOK_EVERY.toMillis();
        task = scheduler.scheduleWithFixedDelay(this::look, 0, every, TimeUnit.MILLISECONDS);
    }

    synchronized void look() {
        Optional<LanCertificate> found;
        try {
            found = LanCertificate.read(settings.keystore(), settings.keystorePassword());
        } catch (IllegalStateException e) {
            // Liberty may be writing it right now; a wrong password shows in Liberty's own log as well
            found = Optional.empty();
            if (Instant.now().isAfter(giveUpAt)) {
                LOG.warning(() -> "LAN access: " + e.getMessage());
            }
        }
        if (found.isEmpty()) {
            if (Instant.now().isAfter(giveUpAt)) {
                LOG.warning(() -> "LAN access: no certificate in " + settings.keystore() + " after " + GIVE_UP_AFTER
                        + "; see Liberty's CWPKI messages above");
                task.cancel(false);
            }
            return;
        }
        task.cancel(false);
        LanCertificate cert = found.get();
        LocalDate until = LocalDate.ofInstant(cert.notAfter(), ZoneOffset.UTC);
        LOG.info(() -> "LAN access on for " + settings.host() + ": HTTPS with the certificate SHA-256 "
                + cert.sha256() + " (valid until " + until + ", names " + cert.names()
                + "); staff compare this fingerprint when they import it (docs/lan-access.md)");
        if (!cert.names(settings.host())) {
            LOG.warning(() -> "LAN access: the certificate in " + settings.keystore() + " does not name "
                    + settings.host() + " (review.lan.host): browsers will refuse it. It was made for another name"
                    + " at the first start; delete the file and restart to make a new one (docs/lan-access.md)");
        }
        if (cert.notAfter().isBefore(Instant.now().plus(EXPIRY_WARNING))) {
            LOG.warning(() -> "LAN access: the certificate in " + settings.keystore() + " expires on " + until
                    + "; delete the file and restart to make a new one, then import it again (docs/lan-access.md)");
        }
    }
}
