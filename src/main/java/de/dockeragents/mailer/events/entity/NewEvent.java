package de.dockeragents.mailer.events.entity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event as its owner reports it: facts that name no person ({@code data}: ids, category,
 * priority, counts) and what does ({@code content}: addresses, subject, file names, summary), which
 * leaves the mailer only when the operator opted in. Values are strings, numbers, booleans, lists of
 * strings or null.
 */
public record NewEvent(EventType type, Map<String, Object> data, Map<String, Object> content) {

    public NewEvent {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        content = Collections.unmodifiableMap(new LinkedHashMap<>(content));
    }

    public static NewEvent of(EventType type) {
        return new NewEvent(type, Map.of(), Map.of());
    }

    /** A fact that names no person. */
    public NewEvent with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(data);
        more.put(key, value);
        return new NewEvent(type, more, content);
    }

    /** Mail content or a personal detail: sent only with {@code mailer.events.include-content=true}. */
    public NewEvent personal(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(content);
        more.put(key, value);
        return new NewEvent(type, data, more);
    }
}
