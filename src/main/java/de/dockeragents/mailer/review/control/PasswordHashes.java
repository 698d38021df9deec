package de.dockeragents.mailer.review.control;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * Password hashes by Jakarta Security's built-in {@link Pbkdf2PasswordHash}, with OWASP's current
 * work factor for PBKDF2-HMAC-SHA512 instead of the API's default 2,048 iterations. Each hash
 * carries its own algorithm, iterations and salt, so a later change of these settings still
 * verifies the hashes made before.
 */
@ApplicationScoped
public class PasswordHashes {

    static final Map<String, String> PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64");

    /** A hash of a password nobody has, verified when the name is unknown: a miss takes as long as a hit. */
    private String decoy;

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @PostConstruct
    void init() {
        pbkdf2.initialize(PARAMETERS);
        decoy = hash(java.util.UUID.randomUUID().toString());
    }

    public String hash(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    public boolean verify(String password, String hash) {
        try {
            return pbkdf2.verify(password.toCharArray(), hash);
        } catch (RuntimeException e) {
            // a hash not of this form: never a match
            return false;
        }
    }

    /** Spends the time of one verification, for a name that has no hash. */
    public void verifyNothing(String password) {
        verify(password, decoy);
    }
}
