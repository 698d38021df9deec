package de.dockeragents.mailer.reply.control;

import java.io.StringReader;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

/** What the model wrote, from Ollama's {@code /api/chat} response, unchecked; empty if there is nothing. */
public final class DraftAnswer {

    private DraftAnswer() {}

    public static Optional<String> text(String responseBody) {
        if (responseBody == null) {
            return Optional.empty();
        }
        try (JsonReader r = Json.createReader(new StringReader(responseBody))) {
            JsonObject o = r.readObject();
            if (o.get("message") instanceof JsonObject m
                    && m.get("content") instanceof JsonString s
                    && !s.getString().isBlank()) {
                return Optional.of(s.getString());
            }
        } catch (JsonException | IllegalStateException e) {
            // garbage is no draft
        }
        return Optional.empty();
    }
}
