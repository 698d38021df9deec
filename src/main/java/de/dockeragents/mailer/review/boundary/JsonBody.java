package de.dockeragents.mailer.review.boundary;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import de.dockeragents.mailer.review.entity.Problem;

/**
 * A request's JSON object, read by hand so every mistake is answered with the field it concerns
 * (a generic binding error would only say "bad request").
 */
record JsonBody(JsonObject json) {

    static final int MAX_CHARS = 200_000;

    static JsonBody parse(String text) {
        if (text == null || text.isBlank()) {
            throw Problem.invalid("body", "a JSON object is required");
        }
        if (text.length() > MAX_CHARS) {
            throw Problem.invalid("body", "the request is larger than " + MAX_CHARS + " characters");
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            JsonValue v = reader.readValue();
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw Problem.invalid("body", "a JSON object is required");
            }
            return new JsonBody(v.asJsonObject());
        } catch (JsonParsingException e) {
            throw Problem.invalid(
                    "body",
                    "not valid JSON at line " + e.getLocation().getLineNumber() + ", column "
                            + e.getLocation().getColumnNumber());
        } catch (JsonException e) {
            throw Problem.invalid("body", "not valid JSON");
        }
    }

    /** A string member, or null when absent or null; any other type is a 400 naming the field. */
    String string(String name) {
        JsonValue v = json.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw Problem.invalid(name, name + " must be a string");
        }
        return json.getString(name);
    }

    /** A boolean member; absent or null is false, any other type is a 400 naming the field. */
    boolean bool(String name) {
        JsonValue v = json.get(name);
        if (v == null
                || v.getValueType() == JsonValue.ValueType.NULL
                || v.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        if (v.getValueType() != JsonValue.ValueType.TRUE) {
            throw Problem.invalid(name, name + " must be true or false");
        }
        return true;
    }

    String required(String name) {
        String s = string(name);
        if (s == null || s.isBlank()) {
            throw Problem.invalid(name, name + " is required");
        }
        return s;
    }
}
