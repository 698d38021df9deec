package de.dockeragents.mailer.triage.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import de.dockeragents.mailer.platform.control.Language;
import de.dockeragents.mailer.platform.control.Profile;
import de.dockeragents.mailer.triage.entity.Priority;

/**
 * A profile's triage data ({@code profiles/<name>/triage.json}, its safety list and its prompt file):
 * categories with their keywords and default priorities, sender rules, safety rules, order number
 * patterns; the profile's own template sentences, which the safety rules do not read as the
 * sender's; and its languages ({@code profile.properties}), the first its own. Loading checks the
 * data, so a broken file stops the mailer at start-up, not at the first mail.
 */
public record TriageRules(
        String profile,
        List<Category> categories,
        String defaultCategory,
        Keywords urgency,
        Priority urgencyPriority,
        List<SenderRule> senderRules,
        List<SafetyRule> safetyRules,
        List<Pattern> orderNumberPatterns,
        String prompt,
        OwnText ownText,
        List<Language> languages) {

    /** One category: the model may choose it; the rules classifier finds it by keywords. */
    public record Category(
            String name,
            String description,
            Priority priority,
            boolean fixedPriority,
            boolean confirmByRules,
            boolean needsReply,
            Keywords keywords) {}

    /** Applies to mail whose sender address matches; may set category, bound the priority, or say no reply. */
    public record SenderRule(
            String id,
            Pattern sender,
            String category,
            Priority minPriority,
            Priority maxPriority,
            Boolean needsReply) {}

    /**
     * Evaluated by code on every mail, before and after the model; see {@link SafetyList} for the data.
     * {@code priority} is a floor: a rule only ever raises. {@code category} is set when the rule fires
     * (only from the categories in {@code onlyFrom}, if any). {@code examples} must make it fire and
     * {@code counterExamples} must not (checked by the tests).
     */
    public record SafetyRule(
            String id,
            String why,
            SafetyMatch match,
            String category,
            Set<String> onlyFrom,
            Priority priority,
            Boolean needsReply,
            List<String> examples,
            List<String> counterExamples) {}

    public static TriageRules load(String profile) {
        String base = "profiles/" + profile + "/";
        JsonObject o = json(base + "triage.json");
        List<Category> categories = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonValue v : o.getJsonArray("categories")) {
            JsonObject c = v.asJsonObject();
            String name = c.getString("name");
            if (!name.matches("[a-z][a-z0-9_]{0,39}") || !names.add(name)) {
                throw new IllegalArgumentException(base + "triage.json: bad or repeated category name '" + name + "'");
            }
            categories.add(new Category(
                    name,
                    c.getString("description", name),
                    priority(c, "priority", Priority.NORMAL),
                    c.getBoolean("fixedPriority", false),
                    c.getBoolean("confirmByRules", false),
                    c.getBoolean("needsReply", !c.getBoolean("confirmByRules", false)),
                    keywords(c, "keywords")));
        }
        String defaultCategory = o.getString("defaultCategory");
        require(names.contains(defaultCategory), base, "defaultCategory '" + defaultCategory + "' is not a category");
        JsonObject urgency = o.getJsonObject("urgencyKeywords");
        List<SenderRule> senders = new ArrayList<>();
        for (JsonValue v : o.getJsonArray("senderRules")) {
            JsonObject r = v.asJsonObject();
            String category = r.getString("category", null);
            require(
                    category == null || names.contains(category),
                    base,
                    "sender rule names unknown category " + category);
            senders.add(new SenderRule(
                    r.getString("id"),
                    regex(base, r.getString("senderPattern")),
                    category,
                    priority(r, "minPriority", null),
                    priority(r, "maxPriority", null),
                    r.containsKey("needsReply") ? r.getBoolean("needsReply") : null));
        }
        // the safety list is a file of its own ("safetyRules": "safety.json"), like the prompt
        require(
                !o.containsKey("safetyRules") || o.get("safetyRules").getValueType() == JsonValue.ValueType.STRING,
                base,
                "safetyRules names the safety list's file, e.g. \"safety.json\"");
        List<SafetyRule> safety = o.containsKey("safetyRules")
                ? SafetyList.load(base, o.getString("safetyRules"), Set.copyOf(names))
                : List.of();
        List<Pattern> orders = strings(o.getJsonArray("orderNumberPatterns")).stream()
                .map(p -> regex(base, p))
                .toList();
        String prompt = text(base + o.getString("prompt"));
        List<Language> languages = Profile.require(profile).loadLanguages();
        return new TriageRules(
                profile,
                List.copyOf(categories),
                defaultCategory,
                urgency == null ? new Keywords(List.of()) : keywords(urgency, "keywords"),
                urgency == null ? Priority.HIGH : priority(urgency, "priority", Priority.HIGH),
                List.copyOf(senders),
                safety,
                orders,
                prompt,
                OwnText.load(profile, languages.stream().map(Language::code).toList()),
                languages);
    }

    /** The codes of the profile's languages, its own first. */
    public List<String> languageCodes() {
        return languages.stream().map(Language::code).toList();
    }

    /** The profile's own language: staff's and the prompts'. */
    public Language ownLanguage() {
        return languages.get(0);
    }

    public Optional<Category> category(String name) {
        return categories.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Category categoryOrDefault(String name) {
        return category(name).orElseGet(() -> category(defaultCategory).orElseThrow());
    }

    public List<String> categoryNames() {
        return categories.stream().map(Category::name).toList();
    }

    static JsonObject json(String resource) {
        try (InputStream in = resource(resource);
                JsonReader r = Json.createReader(in)) {
            return r.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static String text(String resource) {
        try (InputStream in = resource(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = TriageRules.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing profile file " + name);
        }
        return in;
    }

    private static Keywords keywords(JsonObject o, String key) {
        return new Keywords(strings(o.getJsonArray(key)));
    }

    private static List<String> strings(JsonArray a) {
        return a == null
                ? List.of()
                : a.getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList();
    }

    private static Priority priority(JsonObject o, String key, Priority fallback) {
        return o.containsKey(key) ? Priority.of(o.getString(key)) : fallback;
    }

    private static Pattern regex(String base, String regex) {
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(base + "triage.json: bad pattern: " + e.getDescription());
        }
    }

    private static void require(boolean ok, String base, String message) {
        if (!ok) {
            throw new IllegalArgumentException(base + "triage.json: " + message);
        }
    }
}
