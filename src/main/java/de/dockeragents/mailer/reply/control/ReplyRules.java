package de.dockeragents.mailer.reply.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import de.dockeragents.mailer.platform.control.Language;
import de.dockeragents.mailer.platform.control.Profile;
import de.dockeragents.mailer.reply.entity.ReplyPolicy;

/**
 * A profile's reply data ({@code profiles/<name>/replies.json}): policy and template per category,
 * the business data for the templates' slots, the numbers every draft may mention as ours (the
 * emergency services'), the country calling code of those numbers; and the profile's languages
 * ({@code profile.properties}), the first its own.
 */
public record ReplyRules(
        String profile,
        List<Language> languages,
        Map<String, Policy> policies,
        Map<String, String> business,
        List<String> ownNumbers,
        String countryCode,
        String draftPrompt) {

    /** The policy of one category; {@code template} also serves as the fallback draft when the model is away. */
    public record Policy(ReplyPolicy policy, String template) {}

    private static final Policy NONE = new Policy(ReplyPolicy.NONE, null);

    public static ReplyRules load(String profile) {
        String base = "profiles/" + profile + "/";
        JsonObject o;
        try (InputStream in = open(base + "replies.json");
                JsonReader r = Json.createReader(in)) {
            o = r.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (o.containsKey("defaultLanguage")) {
            // the profile's first language is its default: one place for the languages
            throw new IllegalArgumentException(base + "replies.json: defaultLanguage is gone; the first of languages="
                    + " in profile.properties is the default");
        }
        Map<String, Policy> policies = new HashMap<>();
        for (var e : o.getJsonObject("policies").entrySet()) {
            JsonObject p = e.getValue().asJsonObject();
            ReplyPolicy policy = ReplyPolicy.of(p.getString("policy"));
            String template = p.getString("template", null);
            if (policy != ReplyPolicy.NONE && template == null) {
                throw new IllegalArgumentException(base + "replies.json: category " + e.getKey() + " needs a template");
            }
            policies.put(e.getKey(), new Policy(policy, template));
        }
        Map<String, String> business = new HashMap<>();
        JsonObject b = o.getJsonObject("business");
        if (b != null) {
            for (var e : b.entrySet()) {
                if (e.getValue().getValueType() == JsonValue.ValueType.STRING) {
                    business.put(e.getKey(), ((JsonString) e.getValue()).getString());
                }
            }
        }
        List<String> ownNumbers = o.containsKey("ownNumbers")
                ? o.getJsonArray("ownNumbers").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList()
                : List.of();
        String countryCode = o.getString("phoneCountryCode", "");
        if (!countryCode.matches("\\d{0,3}")) {
            throw new IllegalArgumentException(
                    base + "replies.json: phoneCountryCode is one to three digits, e.g. \"49\"");
        }
        String prompt;
        try (InputStream in = open(base + o.getString("draftPrompt"))) {
            prompt = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ReplyRules(
                profile,
                Profile.require(profile).loadLanguages(),
                Map.copyOf(policies),
                Map.copyOf(business),
                ownNumbers,
                countryCode,
                prompt);
    }

    /**
     * These rules with the operator's business details ({@code mailer.reply.business.*}, from .env)
     * in place of the profile's: a non-blank value wins, so the shipped templates need no rebuild.
     */
    public ReplyRules withBusiness(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(business);
        overrides.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                merged.put(k, v.strip());
            }
        });
        return new ReplyRules(profile, languages, policies, Map.copyOf(merged), ownNumbers, countryCode, draftPrompt);
    }

    public Policy policy(String category) {
        return policies.getOrDefault(category, NONE);
    }

    /** The language to answer in: the mail's, if the profile answers it, else the profile's own. */
    public String language(String detected) {
        return languages.stream().anyMatch(l -> l.code().equals(detected)) ? detected : defaultLanguage();
    }

    /** The profile's own language's code. */
    public String defaultLanguage() {
        return ownLanguage().code();
    }

    /** The profile's own language: staff's and the prompts'. */
    public Language ownLanguage() {
        return languages.get(0);
    }

    /** One of the profile's languages, by code. */
    public Language languageOf(String code) {
        return languages.stream()
                .filter(l -> l.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("profile " + profile + " does not answer in " + code));
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = ReplyRules.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing profile file " + name);
        }
        return in;
    }
}
