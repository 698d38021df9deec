package de.dockeragents.mailer.review.control;

import java.nio.file.Path;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;

import de.dockeragents.mailer.platform.control.ConfigProblems;

/**
 * The staff page from other PCs of the practice network ({@code review.lan}, docs/lan-access.md): off by
 * default (plain HTTP on loopback only). On, Liberty serves the page over HTTPS on the LAN with a certificate it
 * generates at the first start into {@code review.lan.keystore} for the one name {@code review.lan.host} staff
 * type into the browser. Liberty reads the same keys in server.xml; the application checks them, so a typo
 * stops the start (exit 1) instead of leaving the page half on.
 */
public record LanSettings(boolean on, String host, Path keystore, String keystorePassword) {

    public static final String KEY = "review.lan";
    static final String HOST = "review.lan.host";
    static final String KEYSTORE = "review.lan.keystore";
    static final String PASSWORD = "review.lan.keystore.password";

    /** A host name (praxis-pc, praxis-pc.fritz.box) or an IPv4 address (192.168.178.20). */
    private static final Pattern NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    public static LanSettings read(ConfigProblems c, Config config) {
        // exactly off or on: server.xml includes lan-${review.lan}.xml, so "On" would be on here and off there
        String mode = c.required(KEY);
        if (!mode.equals("off") && !mode.equals("on")) {
            if (!mode.isEmpty()) {
                c.problem(KEY + " must be off or on (was '" + mode + "')");
            }
            return off();
        }
        if (mode.equals("off")) {
            return off();
        }
        String host = c.required(HOST);
        if (!host.isEmpty() && !validHost(host)) {
            c.problem(HOST + " must be the one name the practice's browsers use: a host name like praxis-pc or"
                    + " praxis-pc.fritz.box, or an IPv4 address like 192.168.178.20 (was '" + host + "')");
        }
        String keystore = c.required(KEYSTORE);
        if (!keystore.isEmpty() && !Path.of(keystore).isAbsolute()) {
            c.problem(KEYSTORE + " must be an absolute path on a volume, e.g. /data/tls/lan.p12 (was '" + keystore
                    + "')");
        }
        String password = config.getOptionalValue(PASSWORD, String.class)
                .map(String::strip)
                .orElse("");
        if (password.isEmpty()) {
            c.required(PASSWORD);
        } else if (password.length() < 6) {
            // Liberty refuses to create a keystore with a shorter password; never the value in the message
            c.problem(PASSWORD + " must be at least 6 characters long");
        }
        return new LanSettings(true, host, keystore.isEmpty() ? null : Path.of(keystore), password);
    }

    static boolean validHost(String host) {
        // Liberty puts the machine's own name into the certificate for "localhost", not this one
        if (host.equalsIgnoreCase("localhost")) {
            return false;
        }
        if (host.matches("[\\d.]+")) {
            return IPV4.matcher(host).matches();
        }
        return NAME.matcher(host).matches();
    }

    private static LanSettings off() {
        return new LanSettings(false, "", null, "");
    }

    @Override
    public String toString() {
        // never the password
        return on ? "on for " + host + " (keystore " + keystore + ")" : "off";
    }
}
