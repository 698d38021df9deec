package de.dockeragents.mailer.triage.control;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

import de.dockeragents.mailer.triage.entity.Priority;
import de.dockeragents.mailer.triage.entity.Verdict;

/**
 * Reads Ollama's {@code /api/chat} response and holds the model's answer to the schema, strictly:
 * exactly the six fields, the profile's enums, a confidence in [0, 1], a summary within bounds.
 * Anything else (garbage, an unfinished answer, extra fields such as {@code to} or {@code cc})
 * is rejected, and the rules decide.
 */
public final class AnswerCheck {

    /** The model's verdict and name, or why the answer was rejected (never the answer's text). */
    public record Checked(Optional<Verdict> verdict, String model, String rejection) {

        static Checked rejected(String model, String why) {
            return new Checked(Optional.empty(), model, why);
        }
    }

    private static final Set<String> FIELDS =
            Set.of("category", "priority", "language", "summary", "needs_reply", "confidence");
    private static final int MAX_SUMMARY = 300;

    private final TriageRules rules;
    /** The schema's languages: the profile's and "other". */
    private final List<String> languages;

    public AnswerCheck(TriageRules rules) {
        this.rules = rules;
        this.languages = ChatRequests.languages(rules);
    }

    public Checked check(String responseBody) {
        JsonObject envelope;
        try {
            envelope = parse(responseBody);
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return Checked.rejected(null, "response is not a JSON object");
        }
        String model = envelope.get("model") instanceof JsonString s ? s.getString() : null;
        if (model != null && model.length() > 200) {
            model = model.substring(0, 200);
        }
        if (!(envelope.get("message") instanceof JsonObject message)
                || !(message.get("content") instanceof JsonString content)) {
            return Checked.rejected(model, "response has no message content");
        }
        if (envelope.containsKey("done") && envelope.get("done") != JsonValue.TRUE) {
            return Checked.rejected(model, "answer not finished");
        }
        JsonObject answer;
        try {
            answer = parse(content.getString());
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return Checked.rejected(model, "content is not a JSON object");
        }
        if (!answer.keySet().equals(FIELDS)) {
            return Checked.rejected(model, "fields are not exactly " + FIELDS);
        }
        String category = string(answer, "category");
        if (category == null || rules.category(category).isEmpty()) {
            return Checked.rejected(model, "category outside the profile's list");
        }
        String priority = string(answer, "priority");
        if (priority == null || !Priority.wires().contains(priority)) {
            return Checked.rejected(model, "priority outside the schema");
        }
        String language = string(answer, "language");
        if (language == null || !languages.contains(language)) {
            return Checked.rejected(model, "language outside the schema");
        }
        String summary = string(answer, "summary");
        if (summary == null || summary.length() > MAX_SUMMARY) {
            return Checked.rejected(model, "summary missing or too long");
        }
        JsonValue needsReply = answer.get("needs_reply");
        if (needsReply != JsonValue.TRUE && needsReply != JsonValue.FALSE) {
            return Checked.rejected(model, "needs_reply is not a boolean");
        }
        if (!(answer.get("confidence") instanceof JsonNumber n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
            return Checked.rejected(model, "confidence outside [0, 1]");
        }
        return new Checked(
                Optional.of(new Verdict(
                        category,
                        Priority.of(priority),
                        language,
                        Summaries.clean(summary, rules.ownLanguage()),
                        needsReply == JsonValue.TRUE,
                        n.doubleValue())),
                model,
                null);
    }

    private static String string(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static JsonObject parse(String text) {
        if (text == null) {
            throw new JsonException("no text");
        }
        try (JsonParser p = Json.createParser(new StringReader(text))) {
            if (!p.hasNext() || p.next() != JsonParser.Event.START_OBJECT) {
                throw new JsonException("not an object");
            }
            JsonObject o = p.getObject();
            if (p.hasNext()) {
                throw new JsonException("text after the object");
            }
            return o;
        }
    }
}
