package de.dockeragents.mailer.review.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LanCertificateTest {

    @Test
    void theFingerprintAsBrowsersShowIt() {
        assertEquals("00:0F:A0:FF", LanCertificate.fingerprint(new byte[] {0, 15, (byte) 0xa0, (byte) 0xff}));
    }

    @Test
    void noFileYetIsNoCertificateYet(@TempDir Path dir) {
        assertTrue(LanCertificate.read(dir.resolve("lan.p12"), "geheim123").isEmpty());
    }

    @Test
    void aKeystoreMadeByKeytoolGivesItsNamesAndNeverThePasswordInAnError(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("lan.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "default",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-dname",
                        "CN=praxis-pc",
                        "-ext",
                        "SAN=dns:praxis-pc.fritz.box,ip:192.168.178.20",
                        "-validity",
                        "365",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        "geheim123",
                        "-keypass",
                        "geheim123")
                .redirectErrorStream(true)
                .start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        LanCertificate cert = LanCertificate.read(store, "geheim123").orElseThrow();
        assertEquals(List.of("praxis-pc.fritz.box", "192.168.178.20"), cert.names());
        assertTrue(cert.names("PRAXIS-PC.fritz.box"));
        assertFalse(cert.names("praxis-pc"));
        assertEquals(95, cert.sha256().length(), cert.sha256());
        IllegalStateException wrong =
                assertThrows(IllegalStateException.class, () -> LanCertificate.read(store, "falsch-789"));
        assertFalse(wrong.getMessage().contains("falsch-789"), wrong.getMessage());
        assertTrue(Files.exists(store));
    }
}
