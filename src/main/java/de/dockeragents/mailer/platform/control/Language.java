package de.dockeragents.mailer.platform.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the mailer knows of one language, shared by every profile that reads and answers it
 * ({@code languages/<code>.properties}): the common words (and letters) by which the rules guess a
 * mail's language when the model is away, and the few words the mailer writes itself. A profile
 * names its languages ({@link Profile#languages()}); a new language is a new file, not code.
 */
public record Language(String code, Set<String> words, String letters, Map<String, String> texts) {

    /** The language of a mail in none of the profile's languages (the model's schema allows it too). */
    public static final String OTHER = "other";

    /** The words the mailer writes itself; each language file has every one. */
    public static final List<String> TEXTS = List.of(
            "reply.date-format",
            "reply.no-subject",
            "draft.link-removed",
            "draft.address-removed",
            "draft.number-removed",
            "shortened",
            "none",
            "summary.no-subject",
            "quote.sender-domain",
            "quote.subject",
            "quote.unknown",
            "notice.urgent.subject",
            "notice.urgent.body");

    public static Language load(String code) {
        if (!code.matches("[a-z]{2,3}") || OTHER.equals(code)) {
            throw new IllegalArgumentException("not a language code: '" + code + "' (two or three letters, e.g. de)");
        }
        String resource = "languages/" + code + ".properties";
        Properties p = new Properties();
        try (InputStream in = Language.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no language file " + resource);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        Map<String, String> texts = new TreeMap<>();
        for (String key : TEXTS) {
            String value = p.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(resource + ": " + key + " is missing");
            }
            texts.put(key, value.strip());
        }
        Set<String> words = Arrays.stream(p.getProperty("guess.words", "").split("\\s+"))
                .map(w -> w.toLowerCase(Locale.ROOT))
                .filter(w -> !w.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (words.isEmpty()) {
            throw new IllegalArgumentException(resource + ": guess.words is missing");
        }
        return new Language(code, words, p.getProperty("guess.letters", "").strip(), Map.copyOf(texts));
    }

    public String text(String key) {
        String t = texts.get(key);
        if (t == null) {
            throw new IllegalArgumentException("no text " + key + " in language " + code);
        }
        return t;
    }

    public Locale locale() {
        return Locale.forLanguageTag(code);
    }
}
