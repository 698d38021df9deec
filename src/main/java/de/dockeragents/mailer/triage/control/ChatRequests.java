package de.dockeragents.mailer.triage.control;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import de.dockeragents.mailer.platform.control.Addresses;
import de.dockeragents.mailer.platform.control.Language;
import de.dockeragents.mailer.triage.entity.MailFacts;
import de.dockeragents.mailer.triage.entity.Priority;

/**
 * Builds the {@code /api/chat} requests. The profile's prompt is the system message; the mail is the
 * user message, quoted as data between markers with a random boundary it cannot guess, trimmed to
 * a configured size, labelled in the profile's own language. The classification request carries a
 * JSON schema whose enums are the profile's categories and languages and the priorities, so a
 * well-behaved model cannot answer outside them.
 */
public final class ChatRequests {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TriageRules rules;
    private final String model;
    private final int maxBodyChars;
    private final String keepAlive;

    public ChatRequests(TriageRules rules, String model, int maxBodyChars, String keepAlive) {
        this.rules = rules;
        this.model = model;
        this.maxBodyChars = maxBodyChars;
        this.keepAlive = keepAlive;
    }

    public JsonObject classify(MailFacts mail) {
        String boundary = boundary();
        String system = rules.prompt()
                .replace("{{boundary}}", boundary)
                .replace("{{categories}}", String.join(", ", rules.categoryNames()))
                .replace("{{languages}}", String.join(", ", rules.languageCodes()))
                .replace(
                        "{{categoryList}}",
                        rules.categories().stream()
                                .map(c -> "- " + c.name() + ": " + c.description())
                                .collect(Collectors.joining("\n")));
        return request(system, quoted(mail, boundary), schema());
    }

    /** A free-text draft request; {@code systemPrompt} comes from the profile's draft prompt. */
    public JsonObject draft(String systemPrompt, MailFacts mail) {
        String boundary = boundary();
        return request(systemPrompt.replace("{{boundary}}", boundary), quoted(mail, boundary), null);
    }

    private JsonObject request(String system, String user, JsonObject format) {
        var b = Json.createObjectBuilder()
                .add("model", model)
                .add("stream", false)
                .add("keep_alive", keepAlive)
                .add("options", Json.createObjectBuilder().add("temperature", 0))
                .add(
                        "messages",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("role", "system")
                                        .add("content", system))
                                .add(Json.createObjectBuilder()
                                        .add("role", "user")
                                        .add("content", user)));
        if (format != null) {
            b.add("format", format);
        }
        return b.build();
    }

    /** Only what the model needs: the sender's domain (not the address), the subject, the body. */
    String quoted(MailFacts mail, String boundary) {
        Language own = rules.ownLanguage();
        String domain = Addresses.domain(Addresses.first(mail.from()).orElse(""));
        String body = Quotes.strip(mail.bodyOrEmpty()).strip();
        if (body.length() > maxBodyChars) {
            body = body.substring(0, maxBodyChars) + "\n" + own.text("shortened");
        }
        return "<<<MAIL-" + boundary + "\n"
                + own.text("quote.sender-domain") + ": " + (domain.isEmpty() ? own.text("quote.unknown") : domain)
                + "\n"
                + own.text("quote.subject") + ": " + oneLine(mail.subjectOrEmpty()) + "\n\n"
                + body + "\n"
                + "MAIL-" + boundary + ">>>";
    }

    /** The languages the model may answer: the profile's, then {@link Language#OTHER}. */
    static List<String> languages(TriageRules rules) {
        List<String> all = new ArrayList<>(rules.languageCodes());
        all.add(Language.OTHER);
        return List.copyOf(all);
    }

    public JsonObject schema() {
        JsonArrayBuilder categories = Json.createArrayBuilder();
        rules.categoryNames().forEach(categories::add);
        JsonArrayBuilder priorities = Json.createArrayBuilder();
        Priority.wires().forEach(priorities::add);
        JsonArrayBuilder languages = Json.createArrayBuilder();
        languages(rules).forEach(languages::add);
        return Json.createObjectBuilder()
                .add("type", "object")
                .add(
                        "properties",
                        Json.createObjectBuilder()
                                .add(
                                        "category",
                                        Json.createObjectBuilder()
                                                .add("type", "string")
                                                .add("enum", categories))
                                .add(
                                        "priority",
                                        Json.createObjectBuilder()
                                                .add("type", "string")
                                                .add("enum", priorities))
                                .add(
                                        "language",
                                        Json.createObjectBuilder()
                                                .add("type", "string")
                                                .add("enum", languages))
                                .add(
                                        "summary",
                                        Json.createObjectBuilder()
                                                .add("type", "string")
                                                .add("maxLength", Summaries.MAX))
                                .add("needs_reply", Json.createObjectBuilder().add("type", "boolean"))
                                .add(
                                        "confidence",
                                        Json.createObjectBuilder()
                                                .add("type", "number")
                                                .add("minimum", 0)
                                                .add("maximum", 1)))
                .add(
                        "required",
                        Json.createArrayBuilder()
                                .add("category")
                                .add("priority")
                                .add("language")
                                .add("summary")
                                .add("needs_reply")
                                .add("confidence"))
                .add("additionalProperties", false)
                .build();
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }

    private static String boundary() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
