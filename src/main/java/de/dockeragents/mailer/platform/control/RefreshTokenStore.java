package de.dockeragents.mailer.platform.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;

/**
 * The newest refresh token, kept on the mailer's own volume ({@code mailer.oauth.rotation-store}). Microsoft
 * hands out a new refresh token with every access token and lets each one lapse 90 days after it was
 * issued; the secret file holds the first one, which a restart months later could no longer use. The file
 * also names (by hash) the secret's token it descends from: when the operator puts a new token into the
 * secret (a new login), the kept one belongs to the old login and is passed over. Written to a temporary
 * file readable by the mailer's user only, then renamed, so a crash leaves the old or the new token, never
 * half of one. The token never appears in a log line.
 */
final class RefreshTokenStore {

    private static final Logger LOG = Logger.getLogger(RefreshTokenStore.class.getName());
    private static final String ORIGIN = "origin=";
    private static final String TOKEN = "token=";

    private final Path file;
    private final String secretToken;
    private final String origin;

    /** {@code secretToken}: the refresh token of the secret file, the start of the line of tokens kept here. */
    RefreshTokenStore(Path file, String secretToken) {
        this.file = file;
        this.secretToken = secretToken;
        this.origin = hash(secretToken);
    }

    /** The token to start with: the kept one if it descends from this secret, else the secret's own. */
    String initial() {
        try {
            if (!Files.isRegularFile(file)) {
                return secretToken;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() == 2
                    && lines.get(0).equals(ORIGIN + origin)
                    && lines.get(1).startsWith(TOKEN)
                    && lines.get(1).length() > TOKEN.length()) {
                LOG.info("OAuth2: starting with the newest refresh token, kept in " + file);
                return lines.get(1).substring(TOKEN.length());
            }
            LOG.info("OAuth2: " + file + " belongs to another refresh token than the secret's (a new login):"
                    + " starting with the secret's");
        } catch (IOException | RuntimeException e) {
            LOG.warning("OAuth2: " + file + " could not be read ("
                    + e.getClass().getSimpleName() + "): starting with the secret's refresh token");
        }
        return secretToken;
    }

    /** Keeps {@code newest}; a failure is logged, not thrown: the token in memory still works until a restart. */
    void keep(String newest) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(
                    file.getParent(),
                    ".refresh-token",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temp, ORIGIN + origin + "\n" + TOKEN + newest + "\n", StandardCharsets.UTF_8);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning("OAuth2: the rotated refresh token could not be kept in " + file + " ("
                    + e.getClass().getSimpleName() + "): a restart after the first token has lapsed will need a"
                    + " new login (scripts/oauth-login.py)");
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
