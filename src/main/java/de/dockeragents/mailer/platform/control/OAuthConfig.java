package de.dockeragents.mailer.platform.control;

import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.Config;

/**
 * Reads {@code mailer.oauth.*} the first time a login asks for tokens, and only then: a mailer that logs in
 * with passwords needs none of those keys. IMAP and SMTP get the one {@link AccessTokens} instance.
 */
public final class OAuthConfig implements Supplier<AccessTokens> {

    private final ConfigProblems problems;
    private final Config config;
    private AccessTokens tokens;

    public OAuthConfig(ConfigProblems problems, Config config) {
        this.problems = problems;
        this.config = config;
    }

    @Override
    public AccessTokens get() {
        if (tokens == null) {
            tokens = new AccessTokens(OAuthSettings.read(problems, config));
        }
        return tokens;
    }

    /** The tokens, where some login uses them. */
    public Optional<AccessTokens> used() {
        return Optional.ofNullable(tokens);
    }
}
