package de.dockeragents.mailer.review.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.platform.control.ConfigProblems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LanSettingsTest {

    static final Map<String, String> ON = Map.of(
            "review.lan", "on",
            "review.lan.host", "praxis-pc.fritz.box",
            "review.lan.keystore", "/data/tls/lan.p12",
            "review.lan.keystore.password", "schluessel-geheim");

    @Test
    void offByDefaultWithoutFurtherKeys() throws IOException {
        ConfigProblems c = problems(Map.of());
        LanSettings s = LanSettings.read(c, config(Map.of()));
        assertEquals(List.of(), c.problems());
        assertFalse(s.on());
        assertEquals("off", s.toString());
    }

    @Test
    void onWithAHostAKeystoreAndItsPassword() throws IOException {
        Config config = config(ON);
        ConfigProblems c = new ConfigProblems(config);
        LanSettings s = LanSettings.read(c, config);
        assertEquals(List.of(), c.problems());
        assertTrue(s.on());
        assertEquals("praxis-pc.fritz.box", s.host());
        assertEquals(Path.of("/data/tls/lan.p12"), s.keystore());
        assertEquals("schluessel-geheim", s.keystorePassword());
        assertFalse(s.toString().contains("geheim"), s.toString());
    }

    @Test
    void onlyExactlyOffOrOnAsServerXmlIncludesLanDashValue() throws IOException {
        for (String bad : List.of("On", "true", "yes", "lan")) {
            Config config = config(Map.of("review.lan", bad));
            ConfigProblems c = new ConfigProblems(config);
            LanSettings.read(c, config);
            assertEquals(List.of("review.lan must be off or on (was '" + bad + "')"), c.problems());
        }
    }

    @Test
    void onNeedsAHostAKeystoreAndAPasswordAndNamesEachMissingKey() throws IOException {
        Config config = config(Map.of("review.lan", "on"));
        ConfigProblems c = new ConfigProblems(config);
        LanSettings.read(c, config);
        String problems = String.join("\n", c.problems());
        assertEquals(3, c.problems().size(), problems);
        for (String key : List.of("review.lan.host", "review.lan.keystore", "review.lan.keystore.password")) {
            assertTrue(problems.contains(key + " is required"), key + " in " + problems);
        }
    }

    @Test
    void aHostIsOneNameOrIpv4AddressAndTheKeystoreAnAbsolutePathAndThePasswordLongEnough() throws IOException {
        Map<String, String> m = new HashMap<>(ON);
        m.put("review.lan.host", "https://praxis-pc:9443/");
        m.put("review.lan.keystore", "tls/lan.p12");
        m.put("review.lan.keystore.password", "kurz");
        Config config = config(m);
        ConfigProblems c = new ConfigProblems(config);
        LanSettings.read(c, config);
        String problems = String.join("\n", c.problems());
        assertEquals(3, c.problems().size(), problems);
        assertTrue(problems.contains("review.lan.host must be the one name"), problems);
        assertTrue(problems.contains("review.lan.keystore must be an absolute path"), problems);
        assertTrue(problems.contains("review.lan.keystore.password must be at least 6 characters"), problems);
        assertFalse(problems.contains("kurz"), "never the password: " + problems);
    }

    @Test
    void hostNames() {
        for (String good : List.of("praxis-pc", "PRAXIS-PC.fritz.box", "192.168.178.20", "10.0.0.1", "127.0.0.2")) {
            assertTrue(LanSettings.validHost(good), good);
        }
        for (String bad : List.of(
                "localhost", "*", "192.168.178", "192.168.178.300", "praxis pc", "-praxis", "praxis-pc:9443", "")) {
            assertFalse(LanSettings.validHost(bad), bad);
        }
    }

    private static ConfigProblems problems(Map<String, String> m) throws IOException {
        return new ConfigProblems(config(m));
    }

    private static Config config(Map<String, String> m) throws IOException {
        return LoginSettingsTest.config(m);
    }
}
