package de.dockeragents.mailer.review.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The certificate Liberty generated for LAN access, as staff compare it when they import it into a browser: its
 * SHA-256 fingerprint (what Windows and Firefox show), the names it is valid for and until when.
 */
public record LanCertificate(String sha256, List<String> names, Instant notAfter) {

    /** The server's certificate in the keystore, once Liberty has written it; empty while there is no file. */
    public static Optional<LanCertificate> read(Path keystore, String password) {
        if (!Files.isRegularFile(keystore)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate cert) {
                    return Optional.of(of(cert));
                }
            }
            throw new IllegalStateException("the keystore " + keystore + " holds no key with a certificate");
        } catch (IOException | GeneralSecurityException e) {
            // a half-written file or a wrong password; never the password in the message
            throw new IllegalStateException(
                    "the keystore " + keystore + " cannot be read ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    static LanCertificate of(X509Certificate cert) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        return new LanCertificate(
                fingerprint(digest), names(cert), cert.getNotAfter().toInstant());
    }

    /** AB:CD:..., as browsers and Windows' certificate dialog show it. */
    static String fingerprint(byte[] digest) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    /** The DNS names and IP addresses of the subjectAltName extension. */
    static List<String> names(X509Certificate cert) throws CertificateParsingException {
        List<String> names = new ArrayList<>();
        if (cert.getSubjectAlternativeNames() != null) {
            for (List<?> entry : cert.getSubjectAlternativeNames()) {
                int type = (Integer) entry.get(0);
                if (type == 2 || type == 7) { // dNSName, iPAddress
                    names.add(String.valueOf(entry.get(1)).toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(names);
    }

    /** Whether a browser that opens https://host/ accepts the certificate's names. */
    public boolean names(String host) {
        return names.contains(host.toLowerCase(Locale.ROOT));
    }
}
