package de.dockeragents.mailer.platform.boundary;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import de.dockeragents.mailer.platform.control.AccessTokens;
import de.dockeragents.mailer.platform.control.TokenRefusal;

/**
 * Not ready while the mailer has no OAuth2 access token: the token endpoint refused the refresh token
 * (revoked, expired: a person must get a new one) or could not be reached once the last token expired.
 * Asking for the token here also keeps it fresh while no login needs one, so a revocation shows within
 * one token lifetime even on a quiet mailbox. Mailers that log in with passwords are always UP here.
 */
@Readiness
@ApplicationScoped
public class OAuthCheck implements HealthCheck {

    @Inject
    Optional<AccessTokens> tokens;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("oauth");
        if (tokens.isEmpty()) {
            return response.up().withData("login", "password").build();
        }
        AccessTokens t = tokens.get();
        try {
            t.current();
        } catch (TokenRefusal e) {
            // the status below carries the reason
        }
        AccessTokens.Status s = t.status();
        response.status(!s.refused() && s.valid()).withData("login", "xoauth2").withData("token", s.reason());
        if (s.expiresAt() != null) {
            response.withData("expiresAt", s.expiresAt().toString());
        }
        return response.withData("grants", s.grants()).build();
    }
}
