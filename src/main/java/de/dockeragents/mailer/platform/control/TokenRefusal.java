package de.dockeragents.mailer.platform.control;

/**
 * No access token to be had. {@code refused}: the token endpoint turned the refresh token or the client down
 * ({@code invalid_grant}: revoked, expired, the password changed; {@code invalid_client}): only a person
 * can cure that, by getting a new refresh token. Otherwise the endpoint was unreachable or answered
 * something else, which may pass. The message carries the endpoint's reason, never a token.
 */
public final class TokenRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean refused;

    public TokenRefusal(String reason, boolean refused) {
        super(reason);
        this.refused = refused;
    }

    public boolean refused() {
        return refused;
    }
}
