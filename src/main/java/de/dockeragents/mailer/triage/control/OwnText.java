package de.dockeragents.mailer.triage.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The profile's own reply templates, as word sequences. A patient who answers our emergency template
 * quotes "Bei einem medizinischen Notfall (z. B. Brustschmerzen, Atemnot, ...)": those words are
 * ours, and must not make the answer an emergency again. So every sentence of a template (four words
 * or more, slots left out) is blanked wherever it stands whole in a mail, quoted or not, before the
 * safety rules read it; what the sender wrote around it still counts.
 */
final class OwnText {

    private static final int MIN_WORDS = 4;

    private final List<String[]> sentences;

    OwnText(List<String[]> sentences) {
        this.sentences = List.copyOf(sentences);
    }

    static OwnText none() {
        return new OwnText(List.of());
    }

    /** The sentences of every template {@code replies.json} names, in each of the profile's languages there is a file for. */
    static OwnText load(String profile, List<String> languages) {
        String base = "profiles/" + profile + "/";
        if (TriageRules.class.getClassLoader().getResource(base + "replies.json") == null) {
            return none();
        }
        JsonObject replies = TriageRules.json(base + "replies.json");
        Set<String> names = new LinkedHashSet<>();
        for (JsonValue p : replies.getJsonObject("policies").values()) {
            String t = p.asJsonObject().getString("template", null);
            if (t != null) {
                names.add(t);
            }
        }
        List<String[]> sentences = new ArrayList<>();
        for (String name : names) {
            for (String lang : languages) {
                String text = read(base + "templates/" + name + "." + lang + ".mustache");
                if (text != null) {
                    for (String fragment : text.split("\\{\\{[^}]*}}")) {
                        sentences.addAll(sentences(fragment));
                    }
                }
            }
        }
        return new OwnText(sentences);
    }

    private static List<String[]> sentences(String fragment) {
        Tokens t = Tokens.of(fragment);
        List<String[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= t.size(); i++) {
            if (i == t.size() || t.sentence(i) != t.sentence(start)) {
                if (i - start >= MIN_WORDS) {
                    String[] s = new String[i - start];
                    for (int k = start; k < i; k++) {
                        s[k - start] = t.form(k);
                    }
                    out.add(s);
                }
                start = i;
            }
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = TriageRules.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** The mail's tokens with every whole template sentence in them blanked. */
    Tokens strip(Tokens t) {
        if (sentences.isEmpty()) {
            return t;
        }
        boolean[] removed = new boolean[t.size()];
        boolean any = false;
        for (int i = 0; i < t.size(); i++) {
            for (String[] s : sentences) {
                if (at(t, i, s)) {
                    for (int k = 0; k < s.length; k++) {
                        removed[i + k] = true;
                    }
                    any = true;
                }
            }
        }
        return any ? t.without(removed) : t;
    }

    private static boolean at(Tokens t, int i, String[] s) {
        if (i + s.length > t.size() || !t.form(i).equals(s[0])) {
            return false;
        }
        for (int k = 1; k < s.length; k++) {
            if (!t.form(i + k).equals(s[k])) {
                return false;
            }
        }
        return true;
    }
}
