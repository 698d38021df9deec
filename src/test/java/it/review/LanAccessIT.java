package it.review;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;

import dev.DevStack;
import dev.MailerAccount;
import dev.Waits;
import it.support.Http;
import it.support.ItStack;
import it.support.SecondMailer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The staff page from other PCs of the practice (review.lan, docs/lan-access.md), with the real server. On, the
 * page answers over HTTPS on the LAN address with the certificate Liberty generated at the first start for the
 * configured name: a browser that imported it logs in (the session cookie is Secure, HSTS is sent), plain HTTP
 * is not reachable on the LAN address, the fingerprint is in the log, and a restart keeps the very certificate.
 * Off (the shared mailer): no HTTPS port, no TLS listener, no certificate. The "LAN" is 127.0.0.2, which Linux routes to lo like
 * all of 127/8: no real network interface is touched.
 */
class LanAccessIT {

    static final String LAN = "127.0.0.2";
    static final String KEYSTORE_PASSWORD = "lan-keystore-dev-password";

    static final MailerAccount ACCOUNT = new MailerAccount(
            "praxis",
            "lan-access@mailer.test",
            "lan-access",
            "lan-access-imap-password",
            "praxis_lan_access",
            "praxis_lan_access_mailer",
            "lan-access-db-password");

    @Test
    void onTheStaffPageAnswersOverHttpsWithAGeneratedCertificateForTheConfiguredNameKeptAcrossRestarts()
            throws Exception {
        DevStack stack = ItStack.get();
        Path dir = stack.options().workDir().resolve("second").resolve("lan");
        // the volume of a first start: no keystore yet (the tests keep target/it between runs)
        Path keystore = dir.resolve("tls").resolve("lan.p12");
        Files.deleteIfExists(keystore);
        int httpsPort = DevStack.port(0);
        SecondMailer mailer = new SecondMailer(
                stack,
                "lan",
                ACCOUNT,
                stack.ollama().url(),
                Map.of(
                        "REVIEW_LAN",
                        "on",
                        "REVIEW_LAN_HOST",
                        LAN,
                        "REVIEW_LAN_ADDRESS",
                        LAN,
                        "REVIEW_LAN_KEYSTORE",
                        keystore.toString(),
                        "HTTPS_PORT",
                        String.valueOf(httpsPort)));
        // a secret file, as compose mounts secrets/lan_keystore_password
        Files.writeString(dir.resolve("secrets").resolve("review.lan.keystore.password"), KEYSTORE_PASSWORD);
        try (mailer) {
            mailer.start(ItStack.READY);
            X509Certificate first = served(httpsPort);
            assertTrue(Files.isRegularFile(keystore), "the certificate is kept at review.lan.keystore");
            assertTrue(
                    altNames(first).contains(List.of(7, LAN)),
                    "the certificate names the configured address: " + altNames(first));

            // a practice PC that imported the certificate: the JDK checks it and the name as a browser does
            String lanUrl = "https://" + LAN + ":" + httpsPort;
            Http.Login pc = Http.browser(lanUrl, trusting(first));
            Http.Response login = pc.logIn(DevStack.REVIEW_STAFF, DevStack.REVIEW_STAFF_PASSWORD);
            assertEquals(200, login.status(), login.body());
            String cookie = sessionCookie(login).orElseThrow(() -> new AssertionError("no praxis-session cookie"));
            assertTrue(cookie.contains("; Secure"), cookie);
            assertEquals("max-age=31536000", login.header("Strict-Transport-Security"));
            assertEquals(200, pc.get("/api/mails").status());
            assertEquals(200, pc.get("/").status());

            // plain HTTP: on loopback (health checks, Prometheus inside compose), never on the LAN address
            int httpPort = URI.create(mailer.baseUrl()).getPort();
            assertThrows(ConnectException.class, () -> connect(LAN, httpPort));
            Http.Response plain = Http.get(mailer.baseUrl() + "/health/ready");
            assertEquals(200, plain.status());
            assertNull(plain.header("Strict-Transport-Security"), "HSTS only over HTTPS");

            String fingerprint = sha256(first);
            Waits.until(
                    Duration.ofSeconds(60),
                    "the certificate's fingerprint in the log",
                    () -> mailer.liberty().messagesLog().contains("SHA-256 " + fingerprint));

            // a restart (a new container on the same volume) serves the very certificate staff imported
            mailer.liberty().stop();
            mailer.start(ItStack.READY);
            X509Certificate again = served(httpsPort);
            assertArrayEquals(first.getEncoded(), again.getEncoded(), "the same certificate after a restart");
            Waits.until(
                    Duration.ofSeconds(60),
                    "the fingerprint logged again at the restart",
                    () -> mailer.liberty().messagesLog().contains("SHA-256 " + fingerprint));
            assertFalse(
                    mailer.liberty().messagesLog().contains("CWPKI0802I"),
                    "no new certificate was created at the restart");
            assertEquals(
                    200,
                    Http.browser(lanUrl, trusting(first))
                            .logIn(DevStack.REVIEW_STAFF, DevStack.REVIEW_STAFF_PASSWORD)
                            .status());
        }
    }

    @Test
    void offByDefaultThereIsNoHttpsPortAndNoTlsListener() {
        DevStack stack = ItStack.get();
        int httpsPort = Integer.parseInt(stack.env().get("HTTPS_PORT"));
        assertThrows(ConnectException.class, () -> connect("127.0.0.1", httpsPort));
        assertThrows(ConnectException.class, () -> connect(LAN, httpsPort));
        Http.Response plain = Http.get(stack.baseUrl() + "/health/ready");
        assertEquals(200, plain.status());
        assertNull(plain.header("Strict-Transport-Security"));
        String log = stack.liberty().messagesLog();
        assertFalse(log.contains("lan-on.xml"), "lan-on.xml is not included");
        assertFalse(log.contains("-ssl has been started"), "no TLS listener");
        assertFalse(log.contains("LAN access"), "no certificate to show");
    }

    /** The certificate the HTTPS port serves, once it listens (Liberty creates it after the server is up). */
    static X509Certificate served(int port) {
        return Waits.until(
                        Duration.ofSeconds(90),
                        "HTTPS on " + LAN + ":" + port,
                        () -> {
                            try {
                                return Optional.of(handshake(port));
                            } catch (IOException | java.security.GeneralSecurityException e) {
                                return Optional.<X509Certificate>empty();
                            }
                        },
                        Optional::isPresent)
                .orElseThrow();
    }

    private static X509Certificate handshake(int port) throws IOException, java.security.GeneralSecurityException {
        SSLContext anything = SSLContext.getInstance("TLS");
        anything.init(null, new TrustManager[] {new ShowMeAnything()}, null);
        try (SSLSocket socket = (SSLSocket) anything.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(LAN, port), 3000);
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** What importing the certificate into a browser's store does: trust it, and only it. */
    static SSLContext trusting(X509Certificate cert) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("lan", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    static List<List<Object>> altNames(X509Certificate cert) throws Exception {
        List<List<Object>> names = new java.util.ArrayList<>();
        for (List<?> entry : cert.getSubjectAlternativeNames()) {
            names.add(List.copyOf(entry));
        }
        return names;
    }

    static String sha256(X509Certificate cert) throws Exception {
        return HexFormat.ofDelimiter(":")
                .withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    }

    static Optional<String> sessionCookie(Http.Response r) {
        return r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("praxis-session="))
                .findFirst();
    }

    static void connect(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
        }
    }

    /** Only to see which certificate the port serves; the login above trusts the imported one alone. */
    private static final class ShowMeAnything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
