package de.dockeragents.mailer.triage.control;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Order numbers found by the profile's patterns (first group of each match); never by the model. */
public final class OrderNumbers {

    private static final int MAX = 5;

    private OrderNumbers() {}

    public static List<String> find(List<Pattern> patterns, String subject, String body) {
        Set<String> found = new LinkedHashSet<>();
        String text = (subject == null ? "" : subject) + "\n" + (body == null ? "" : body);
        for (Pattern p : patterns) {
            Matcher m = p.matcher(text);
            while (m.find() && found.size() < MAX) {
                String n =
                        (m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group()).toUpperCase(Locale.ROOT);
                if (n.matches("[A-Z0-9-]{1,40}")) {
                    found.add(n);
                }
            }
        }
        return List.copyOf(found);
    }
}
