package de.dockeragents.mailer.events.control;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.events.entity.EventType;
import de.dockeragents.mailer.events.entity.NewEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventBodyTest {

    private static final UUID ID = UUID.fromString("0b9f6c3e-5a61-4c55-9d57-1f0a6f0d2a10");
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 6, 11, 30, 0, 0, ZoneOffset.UTC);
    private static final NewEvent CLASSIFIED = NewEvent.of(EventType.EMAIL_CLASSIFIED)
            .with("mail_id", 42L)
            .with("priority", "urgent")
            .with("needs_reply", true)
            .with("confidence", 0.9f)
            .with("safety_rules", List.of("emergency-de"))
            .with("language", null)
            .personal("from", "patient@example.org")
            .personal("summary", "Brustschmerzen seit heute Morgen");

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void carriesIdTypeTimeMailerAndTheFacts() {
        JsonObject body = parse(EventBody.json(ID, CLASSIFIED, AT, "praxis", false));
        assertEquals(ID.toString(), body.getString("id"));
        assertEquals("email.classified", body.getString("type"));
        assertEquals("2026-12-06T11:30:00Z", body.getString("occurred_at"));
        assertEquals("praxis", body.getString("mailer"));
        JsonObject data = body.getJsonObject("data");
        assertEquals(42, data.getJsonNumber("mail_id").longValue());
        assertEquals("urgent", data.getString("priority"));
        assertTrue(data.getBoolean("needs_reply"));
        assertEquals(0.9, data.getJsonNumber("confidence").doubleValue(), 1e-6);
        assertEquals("emergency-de", data.getJsonArray("safety_rules").getString(0));
        assertTrue(data.isNull("language"));
    }

    @Test
    void leavesAddressesAndMailTextOutByDefault() {
        String json = EventBody.json(ID, CLASSIFIED, AT, "praxis", false);
        assertFalse(json.contains("patient@example.org"), json);
        assertFalse(json.contains("Brustschmerzen"), json);
        assertFalse(parse(json).getJsonObject("data").containsKey("from"));
    }

    @Test
    void includesThemWhenTheOperatorOptedIn() {
        JsonObject data =
                parse(EventBody.json(ID, CLASSIFIED, AT, "praxis", true)).getJsonObject("data");
        assertEquals("patient@example.org", data.getString("from"));
        assertEquals("Brustschmerzen seit heute Morgen", data.getString("summary"));
    }
}
