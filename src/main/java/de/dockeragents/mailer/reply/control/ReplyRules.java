package de.dockeragents.mailer.reply.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import de.dockeragents.mailer.reply.entity.ReplyPolicy;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** A profile's reply data ({@code profiles/<name>/replies.json}): policy and template per category. */
public record ReplyRules(String profile, String defaultLanguage, Map<String, Policy> policies,
        Map<String, String> business, String draftPrompt) {

    /** The policy of one category; {@code template} also serves as the fallback draft when the model is away. */
    public record Policy(ReplyPolicy policy, String template) {
    }

    private static final Policy NONE = new Policy(ReplyPolicy.NONE, null);

    public static ReplyRules load(String profile) {
        String base = "profiles/" + profile + "/";
        JsonObject o;
        try (InputStream in = open(base + "replies.json"); JsonReader r = Json.createReader(in)) {
            o = r.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        String prompt;
        try (InputStream in = open(base + o.getString("draftPrompt"))) {
            prompt = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ReplyRules(profile, o.getString("defaultLanguage", "de"), Map.copyOf(policies), Map.copyOf(business),
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
        return new ReplyRules(profile, defaultLanguage, policies, Map.copyOf(merged), draftPrompt);
    }

    public Policy policy(String category) {
        return policies.getOrDefault(category, NONE);
    }

    public String language(String detected) {
        return "de".equals(detected) || "en".equals(detected) ? detected : defaultLanguage;
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = ReplyRules.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing profile file " + name);
        }
        return in;
    }
}
