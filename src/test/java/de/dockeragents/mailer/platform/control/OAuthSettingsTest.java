package de.dockeragents.mailer.platform.control;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.testing.MapConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OAuthSettingsTest {

    private static Map<String, String> keys(String endpoint) {
        Map<String, String> m = new HashMap<>();
        m.put("mailer.oauth.token-endpoint", endpoint);
        m.put("mailer.oauth.tenant", "organizations");
        m.put("mailer.oauth.client-id", "client");
        m.put("mailer.oauth.refresh-token", "refresh-secret");
        m.put("mailer.oauth.refresh-margin", "5m");
        return m;
    }

    private static OAuthSettings read(Map<String, String> m, ConfigProblems[] out) {
        var config = MapConfig.of(m);
        out[0] = new ConfigProblems(config);
        return OAuthSettings.read(out[0], config);
    }

    @Test
    void presetsNameTheProvidersEndpoints() {
        ConfigProblems[] c = new ConfigProblems[1];
        assertEquals(
                URI.create("https://oauth2.googleapis.com/token"),
                read(keys("google"), c).tokenEndpoint());
        Map<String, String> ms = keys("microsoft");
        ms.put("mailer.oauth.tenant", "praxis.onmicrosoft.com");
        assertEquals(
                URI.create("https://login.microsoftonline.com/praxis.onmicrosoft.com/oauth2/v2.0/token"),
                read(ms, c).tokenEndpoint());
        assertEquals(List.of(), c[0].problems());
    }

    @Test
    void anyHttpsUrlButPlainHttpOnlyOnLoopback() {
        ConfigProblems[] c = new ConfigProblems[1];
        assertEquals(
                URI.create("https://sso.example.org/token"),
                read(keys("https://sso.example.org/token"), c).tokenEndpoint());
        read(keys("http://127.0.0.1:8081/token"), c);
        assertEquals(List.of(), c[0].problems());
        read(keys("http://sso.example.org/token"), c);
        assertEquals(
                List.of(
                        "mailer.oauth.token-endpoint must be google, microsoft or an https URL (http only on loopback)"),
                c[0].problems());
    }

    @Test
    void theRefreshTokenIsRequiredAndNeverShown() {
        ConfigProblems[] c = new ConfigProblems[1];
        Map<String, String> m = keys("google");
        OAuthSettings s = read(m, c);
        assertFalse(s.toString().contains("refresh-secret"), s.toString());
        m.remove("mailer.oauth.refresh-token");
        read(m, c);
        assertTrue(c[0].problems().get(0).startsWith("mailer.oauth.refresh-token is required"));
    }
}
