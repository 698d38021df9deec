package de.dockeragents.mailer.mime;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds multipart boundaries that a message declares but never uses, and the boundary its body
 * uses instead: the first delimiter-like line ({@code --token}) after the declaration that is not
 * another declared boundary. This is what senders with a broken MIME library produce, and what
 * Jakarta Mail reports as "Missing start boundary". One pass over the lines, keeping only the
 * boundaries, so it streams over a message of any size.
 */
final class Boundaries {

    /** Only the start of a line matters; base64 and HTML lines can be long. */
    private static final int LINE_PREFIX = 998;

    private static final Pattern DECLARED = Pattern.compile("(?i)\\bboundary\\s*=\\s*(?:\"([^\"]*)\"?|([^\\s;]+))");

    private Boundaries() {}

    /** Declared boundary → the boundary the body uses instead, for each declared one that never occurs. */
    static Map<String, String> repairs(InputStream raw) throws IOException {
        Map<String, List<String>> candidates = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        InputStream in = new BufferedInputStream(raw, 64 * 1024);
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        boolean more = true;
        while (more) {
            b = in.read();
            if (b == '\n' || b < 0) {
                inspect(line.toString(StandardCharsets.ISO_8859_1), candidates, used);
                line.reset();
                more = b >= 0;
            } else if (line.size() < LINE_PREFIX) {
                line.write(b);
            }
        }
        Map<String, String> repairs = new HashMap<>();
        for (Map.Entry<String, List<String>> e : candidates.entrySet()) {
            if (!used.contains(e.getKey())) {
                e.getValue().stream()
                        .filter(t -> !candidates.containsKey(t))
                        .findFirst()
                        .ifPresent(t -> repairs.put(e.getKey(), t));
            }
        }
        return repairs;
    }

    private static void inspect(String line, Map<String, List<String>> candidates, Set<String> used) {
        String s = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        String token = delimiter(s);
        if (token != null) {
            used.add(token);
            for (List<String> c : candidates.values()) {
                if (c.size() < 4) {
                    c.add(token);
                }
            }
            return;
        }
        Matcher m = DECLARED.matcher(s);
        if (m.find()) {
            String declared = m.group(1) != null ? m.group(1) : m.group(2);
            if (!declared.isEmpty()) {
                candidates.putIfAbsent(declared, new ArrayList<>());
            }
        }
    }

    /** The token of a line that looks like {@code --token} or {@code --token--}, else null. */
    static String delimiter(String line) {
        if (!line.startsWith("--")) {
            return null;
        }
        String token = line.substring(2).stripTrailing();
        if (token.endsWith("--")) {
            token = token.substring(0, token.length() - 2);
        }
        // "-- " (a signature) and rules of dashes are not delimiters
        return token.chars().anyMatch(c -> c != '-') ? token : null;
    }
}
