package de.dockeragents.mailer.spam.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code Authentication-Results} header field (RFC 8601): who evaluated ({@code authserv-id}) and
 * each method's result with its properties. Parsed by the grammar, not by searching for "fail": comments
 * (nested, with quoted pairs) are dropped first, so {@code spf=pass (... fail ...)} is a pass, and quoted
 * strings may hold {@code ;}.
 * <p>
 * Any sender can write such a header, so only the receiving side's own verdict counts: the topmost
 * field whose authserv-id is ours ({@link #trusted}). Gmail prepends {@code Authentication-Results:
 * mx.google.com; ...} when mail arrives, above every header the sender wrote; a forged field with the
 * same id sits below it and is never read.
 */
public record AuthResults(String authservId, List<Result> results) {

    /** One method's verdict, e.g. {@code dmarc=fail header.from=paypal.de}; names lower case. */
    public record Result(String method, String result, Map<String, String> properties) {}

    private static final Pattern METHOD = Pattern.compile(
            "^([a-z0-9][a-z0-9_-]*)\\s*(?:/\\s*[0-9]+\\s*)?=\\s*([a-z0-9][a-z0-9_-]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROPERTY = Pattern.compile(
            "([a-z0-9][a-z0-9_-]*)\\s*(?:\\.\\s*([a-z0-9][a-z0-9_.-]*))?\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s\";]+)",
            Pattern.CASE_INSENSITIVE);

    /** The field's value (after the colon), or empty when it has no authserv-id. */
    public static Optional<AuthResults> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        List<String> parts = splitOutsideQuotes(withoutComments(value.replaceAll("\\r?\\n[ \\t]", " ")));
        String[] head = parts.get(0).strip().split("\\s+");
        String id = unquote(head[0]).toLowerCase(Locale.ROOT);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        List<Result> results = new ArrayList<>();
        for (String part : parts.subList(1, parts.size())) {
            String p = part.strip();
            Matcher m = METHOD.matcher(p);
            if (!m.find()) {
                continue; // "none", or something we cannot read: no verdict from it
            }
            Map<String, String> props = new LinkedHashMap<>();
            Matcher pm = PROPERTY.matcher(p.substring(m.end()));
            while (pm.find()) {
                String key =
                        (pm.group(2) == null ? pm.group(1) : pm.group(1) + "." + pm.group(2)).toLowerCase(Locale.ROOT);
                props.putIfAbsent(key, unquote(pm.group(3)));
            }
            results.add(
                    new Result(m.group(1).toLowerCase(Locale.ROOT), m.group(2).toLowerCase(Locale.ROOT), props));
        }
        return Optional.of(new AuthResults(id, List.copyOf(results)));
    }

    /**
     * The receiving side's verdict: of the fields in header order (topmost first), the first whose
     * authserv-id is one of {@code ourIds}; fields with other ids (a forwarder's, the sender's own)
     * and every field below ours are ignored.
     */
    public static Optional<AuthResults> trusted(String[] fieldsTopDown, Collection<String> ourIds) {
        if (fieldsTopDown == null) {
            return Optional.empty();
        }
        for (String field : fieldsTopDown) {
            Optional<AuthResults> r = parse(field);
            if (r.isPresent() && ourIds.contains(r.get().authservId())) {
                return r;
            }
        }
        return Optional.empty();
    }

    /**
     * The failures that count, as {@code method=result}: DMARC fail always; an SPF fail unless a DKIM
     * signature or DMARC passed (forwarding breaks SPF, not signatures); a DKIM fail unless another
     * signature or DMARC passed. Softfail, neutral, none and errors are no verdict.
     */
    public List<String> failures() {
        boolean dkimPass = any("dkim", "pass");
        boolean dmarcPass = any("dmarc", "pass");
        List<String> out = new ArrayList<>();
        if (any("dmarc", "fail")) {
            out.add("dmarc=fail");
        }
        if ((any("spf", "fail") || any("spf", "hardfail")) && !dkimPass && !dmarcPass) {
            out.add("spf=fail");
        }
        if (any("dkim", "fail") && !dkimPass && !dmarcPass) {
            out.add("dkim=fail");
        }
        return out;
    }

    /** The first value of a property of a method's results, e.g. ("dmarc", "header.from"). */
    public Optional<String> property(String method, String key) {
        return results.stream()
                .filter(r -> r.method().equals(method))
                .map(r -> r.properties().get(key))
                .filter(v -> v != null && !v.isBlank())
                .findFirst();
    }

    private boolean any(String method, String result) {
        return results.stream()
                .anyMatch(r -> r.method().equals(method) && r.result().equals(result));
    }

    /** Drops RFC 5322 comments, which nest and may hold quoted pairs; quoted strings stay as they are. */
    static String withoutComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && (quoted || depth > 0) && i + 1 < s.length()) {
                if (depth == 0) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (depth == 0 && c == '"') {
                quoted = !quoted;
                out.append(c);
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
                if (depth == 0) {
                    out.append(' ');
                }
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> splitOutsideQuotes(String s) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                cur.append(c);
            } else if (c == ';' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return v;
    }
}
