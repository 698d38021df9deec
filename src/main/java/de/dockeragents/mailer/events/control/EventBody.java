package de.dockeragents.mailer.events.control;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import de.dockeragents.mailer.events.entity.NewEvent;

/**
 * The JSON a receiver gets: {@code id} (for de-duplication: a retry carries the same one), {@code type},
 * {@code occurred_at}, {@code mailer} (the profile) and {@code data}. Built once when the event is
 * recorded and stored, so every attempt sends the same bytes.
 */
public final class EventBody {

    private EventBody() {}

    public static String json(UUID id, NewEvent event, OffsetDateTime at, String mailer, boolean includeContent) {
        JsonObjectBuilder data = Json.createObjectBuilder();
        event.data().forEach((k, v) -> add(data, k, v));
        if (includeContent) {
            event.content().forEach((k, v) -> add(data, k, v));
        }
        return Json.createObjectBuilder()
                .add("id", id.toString())
                .add("type", event.type().wire())
                .add("occurred_at", at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .add("mailer", mailer)
                .add("data", data)
                .build()
                .toString();
    }

    private static void add(JsonObjectBuilder o, String key, Object value) {
        if (value == null) {
            o.addNull(key);
        } else if (value instanceof Boolean b) {
            o.add(key, b);
        } else if (value instanceof Integer i) {
            o.add(key, i);
        } else if (value instanceof Long l) {
            o.add(key, l);
        } else if (value instanceof Number n) {
            o.add(key, n.doubleValue());
        } else if (value instanceof Collection<?> list) {
            JsonArrayBuilder a = Json.createArrayBuilder();
            list.forEach(item -> a.add(String.valueOf(item)));
            o.add(key, a);
        } else if (value instanceof Map<?, ?>) {
            throw new IllegalArgumentException("nested objects are not event values: " + key);
        } else {
            o.add(key, value.toString());
        }
    }
}
