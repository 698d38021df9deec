package de.dockeragents.mailer.spam.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import de.dockeragents.mailer.triage.control.Keywords;

/**
 * The phrases scams are made of (prizes, crypto, "verify your account", payment-data updates, invoice
 * attachments, parcel fees), from the profile's {@code lures} section of {@code triage.json}: its own
 * {@code keywords} plus the keywords of the categories it names ({@code fromCategories}, e.g. ecom's
 * spam and phishing), so a phrase is listed once. Matched like the rules classifier's keywords: on
 * normalised text, at word starts.
 */
public final class Lures {

    private final List<String> phrases;
    private final Pattern pattern;
    private final int minHits;

    Lures(List<String> phrases, int minHits) {
        // a trailing space is kept on purpose: "seo " must not find "Seoul"
        this.phrases = phrases.stream()
                .map(Keywords::normalise)
                .filter(p -> !p.isBlank())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        this.pattern = this.phrases.isEmpty()
                ? null
                : Pattern.compile(this.phrases.stream()
                        .map(Pattern::quote)
                        .collect(Collectors.joining("|", "(?<![\\p{L}\\p{N}])(?:", ")")));
        this.minHits = minHits;
    }

    /** The profile's lures; a profile without the section has none. Bad data stops start-up. */
    public static Lures load(String profile) {
        String name = "profiles/" + profile + "/triage.json";
        JsonObject o;
        try (InputStream in = Lures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing profile file " + name);
            }
            try (JsonReader r = Json.createReader(in)) {
                o = r.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonObject lures = o.getJsonObject("lures");
        if (lures == null) {
            return new Lures(List.of(), Integer.MAX_VALUE);
        }
        Map<String, List<String>> byCategory = new HashMap<>();
        for (JsonValue v : o.getJsonArray("categories")) {
            JsonObject c = v.asJsonObject();
            byCategory.put(c.getString("name"), strings(c.getJsonArray("keywords")));
        }
        List<String> phrases = new ArrayList<>(strings(lures.getJsonArray("keywords")));
        for (String category : strings(lures.getJsonArray("fromCategories"))) {
            List<String> words = byCategory.get(category);
            if (words == null) {
                throw new IllegalArgumentException(name + ": lures.fromCategories names unknown category " + category);
            }
            phrases.addAll(words);
        }
        int minHits = lures.getInt("minHits", 2);
        if (minHits < 1) {
            throw new IllegalArgumentException(name + ": lures.minHits must be at least 1");
        }
        return new Lures(phrases, minHits);
    }

    /** The distinct lure phrases in subject and body (quotes included: a forwarded scam is still one). */
    public Set<String> found(String subject, String body) {
        Set<String> out = new LinkedHashSet<>();
        if (pattern == null) {
            return out;
        }
        Matcher m = pattern.matcher(Keywords.normalise(subject) + "\n" + Keywords.normalise(body));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** How many distinct phrases make a text a scam on their own ({@code lures.minHits}). */
    public int minHits() {
        return minHits;
    }

    public List<String> phrases() {
        return phrases;
    }

    private static List<String> strings(JsonArray a) {
        return a == null
                ? List.of()
                : a.getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList();
    }
}
