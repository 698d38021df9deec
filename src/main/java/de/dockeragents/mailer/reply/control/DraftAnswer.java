package de.dockeragents.mailer.reply.control;

import java.io.StringReader;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

/** The text of a draft from Ollama's {@code /api/chat} response, cleaned; empty if there is none. */
public final class DraftAnswer {

    private DraftAnswer() {
    }

    public static Optional<String> text(String responseBody) {
        if (responseBody == null) {
            return Optional.empty();
        }
        try (JsonReader r = Json.createReader(new StringReader(responseBody))) {
            JsonObject o = r.readObject();
            if (o.get("message") instanceof JsonObject m && m.get("content") instanceof JsonString s) {
                String text = DraftText.clean(s.getString());
                return text.isBlank() ? Optional.empty() : Optional.of(text);
            }
        } catch (JsonException | IllegalStateException e) {
            // garbage is no draft
        }
        return Optional.empty();
    }
}
