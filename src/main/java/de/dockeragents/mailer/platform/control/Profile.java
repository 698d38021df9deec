package de.dockeragents.mailer.platform.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * A mailer's profile (praxis, ecom, ...): data in {@code profiles/<name>/profile.properties}.
 * Adding a mailer means adding a folder of data files, not Java code. {@code languages}: the
 * languages the mailer reads and answers in, the first its own (staff's, the prompts', and the
 * reply's when a mail is in none of them).
 */
public record Profile(String name, String displayName, List<String> languages) {

    public static final String KEY = "mp.config.profile";

    /** The profile's data, or null when there is no such profile. */
    public static Profile load(String name) {
        if (!name.matches("[a-z][a-z0-9-]{0,30}")) {
            return null;
        }
        String resource = "profiles/" + name + "/profile.properties";
        try (InputStream in = Profile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> languages = Arrays.stream(
                            p.getProperty("languages", "").split("[,\\s]+"))
                    .filter(l -> !l.isEmpty())
                    .distinct()
                    .toList();
            if (languages.isEmpty()) {
                throw new IllegalArgumentException(resource + ": languages is missing (e.g. languages=de,en)");
            }
            return new Profile(name, p.getProperty("name", name), languages);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The profile's data; a missing profile is an error (for loaders that run after the check at start-up). */
    public static Profile require(String name) {
        Profile p = load(name);
        if (p == null) {
            throw new IllegalArgumentException("no profile '" + name + "' (profiles/" + name + "/profile.properties)");
        }
        return p;
    }

    /** Each of {@link #languages()} with what the mailer knows of it; the first is the profile's own. */
    public List<Language> loadLanguages() {
        return languages.stream().map(Language::load).toList();
    }
}
