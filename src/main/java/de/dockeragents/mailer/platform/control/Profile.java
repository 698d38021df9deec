package de.dockeragents.mailer.platform.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A mailer's profile (praxis, ecom, ...): data in {@code profiles/<name>/profile.properties}.
 * Adding a mailer means adding a folder of data files, not Java code.
 */
public record Profile(String name, String displayName, String language) {

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
            return new Profile(name, p.getProperty("name", name), p.getProperty("language", "de"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
