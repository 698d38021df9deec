package de.dockeragents.mailer.events.control;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Mailer-Signature} header: {@code sha256=} and the hex HMAC-SHA256 of the exact body
 * bytes under the shared secret, so a receiver can tell our events from anyone else's POST.
 */
public final class Signature {

    public static final String HEADER = "X-Mailer-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private Signature() {}

    public static String sign(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
