package de.dockeragents.mailer.triage.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The names of the labels staff see in their mailbox, per profile ({@code profiles/<name>/labels.properties}):
 * a folder {@code <root>/<category>} and {@code <root>/<priority>/<level>} (Gmail shows each folder as a
 * label), or, on servers without labels, the keywords {@code Mailer_<category>} and
 * {@code Mailer_Prio_<level>}, which are ids and never localised (keywords are IMAP atoms).
 */
public record LabelNames(
        String root, String priorityFolder, Map<String, String> categories, Map<String, String> priorities) {

    static final String KEYWORD_PREFIX = "Mailer_";

    /** The profile's names; a profile without the file gets the ids under "Mailer". */
    public static LabelNames load(String profile) {
        String resource = "profiles/" + profile + "/labels.properties";
        Properties p = new Properties();
        try (InputStream in = LabelNames.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        Map<String, String> categories = new TreeMap<>();
        Map<String, String> priorities = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("category.")) {
                categories.put(key.substring("category.".length()), name(resource, key, p.getProperty(key)));
            } else if (key.startsWith("priority.")) {
                priorities.put(key.substring("priority.".length()), name(resource, key, p.getProperty(key)));
            }
        }
        return new LabelNames(
                name(resource, "root", p.getProperty("root", "Mailer")),
                name(resource, "priority", p.getProperty("priority", "Priority")),
                Map.copyOf(categories),
                Map.copyOf(priorities));
    }

    /**
     * The label folders of a mail with this category and priority, as paths with the server's
     * hierarchy separator (Gmail '/', many servers '.'); a separator inside a name becomes '-'.
     */
    public List<String> folders(String category, String priority, char separator) {
        String s = String.valueOf(separator);
        return List.of(
                String.join(s, level(root, separator), level(categories.getOrDefault(category, category), separator)),
                String.join(
                        s,
                        level(root, separator),
                        level(priorityFolder, separator),
                        level(priorities.getOrDefault(priority, priority), separator)));
    }

    private static String level(String name, char separator) {
        return name.replace(separator, '-');
    }

    /** The IMAP keywords of a mail with this category and priority. */
    public List<String> keywords(String category, String priority) {
        return List.of(KEYWORD_PREFIX + category, KEYWORD_PREFIX + "Prio_" + priority);
    }

    /** A label name is one level of a folder path: no separator, nothing a mailbox cannot show. */
    private static String name(String resource, String key, String value) {
        String v = value.strip();
        if (v.isEmpty() || v.contains("/") || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '*' || c == '%')) {
            throw new IllegalArgumentException(
                    resource + ": " + key + " must be a non-empty name without '/', '*', '%' or control characters");
        }
        return v;
    }
}
