package de.dockeragents.mailer.platform.boundary;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

import de.dockeragents.mailer.platform.control.AccessTokens;
import de.dockeragents.mailer.platform.entity.Started;

/**
 * {@code mailer_oauth_refresh_refused} (1 while the token endpoint refuses the refresh token: the
 * {@code MailerOAuthRefused} alert) and {@code mailer_oauth_token_valid} (1 while an unexpired access token
 * is held), registered at start where IMAP or SMTP log in with XOAUTH2.
 */
@ApplicationScoped
public class OAuthMetrics {

    @Inject
    Optional<AccessTokens> tokens;

    @Inject
    MetricRegistry registry;

    void start(@Observes @Priority(Started.LOGINS) Started started) {
        tokens.ifPresent(t -> {
            registry.gauge(
                    Metadata.builder()
                            .withName("mailer_oauth_refresh_refused")
                            .withDescription("1 while the OAuth2 token endpoint refuses the refresh token"
                                    + " (revoked or expired): get a new one")
                            .build(),
                    t,
                    x -> x.status().refused() ? 1 : 0);
            registry.gauge(
                    Metadata.builder()
                            .withName("mailer_oauth_token_valid")
                            .withDescription("1 while the mailer holds an unexpired OAuth2 access token")
                            .build(),
                    t,
                    x -> x.status().valid() ? 1 : 0);
        });
    }
}
