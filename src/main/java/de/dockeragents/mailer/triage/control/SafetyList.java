package de.dockeragents.mailer.triage.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import de.dockeragents.mailer.triage.control.TriageRules.SafetyRule;
import de.dockeragents.mailer.triage.entity.Priority;

/**
 * Reads a profile's safety list ({@code safetyRules} in {@code triage.json} names the file): shared
 * word sets, then the rules. Strict, because a typo in this file would silently weaken a safety
 * rule: an unknown key, an unknown set, a term that is no word or an unknown category stops the
 * mailer at start-up. Keys starting with {@code _} are comments.
 */
final class SafetyList {

    private static final Set<String> FILE_KEYS = Set.of("reach", "sets", "rules");
    private static final Set<String> RULE_KEYS = Set.of(
            "id",
            "why",
            "category",
            "onlyFrom",
            "priority",
            "needsReply",
            "terms",
            "near",
            "unless",
            "reach",
            "examples",
            "counterExamples");
    /** Sets the matcher itself uses; every other set is only a name for a list of terms ({@code @name}). */
    private static final List<String> ENGINE_SETS = List.of("negation", "filler", "current");

    private final String where;
    private final Map<String, List<String>> sets = new HashMap<>();

    private SafetyList(String where) {
        this.where = where;
    }

    static List<SafetyRule> load(String base, String file, Set<String> categories) {
        return new SafetyList(base + file).read(TriageRules.json(base + file), categories);
    }

    private List<SafetyRule> read(JsonObject o, Set<String> categories) {
        keys(o, FILE_KEYS, "the file");
        JsonObject reachO = o.getJsonObject("reach");
        int negationReach = reachO == null ? 3 : reachO.getInt("negation", 3);
        int defaultReach = reachO == null ? 8 : reachO.getInt("unless", 8);
        JsonObject s = o.getJsonObject("sets");
        if (s != null) {
            for (var e : s.entrySet()) {
                if (!e.getKey().startsWith("_")) {
                    sets.put(e.getKey(), strings(e.getValue(), "set " + e.getKey()));
                }
            }
        }
        for (String engine : ENGINE_SETS) {
            sets.putIfAbsent(engine, List.of());
        }
        SafetyMatch.Context context = new SafetyMatch.Context(
                words("negation"), words("filler"), terms(List.of("@current"), "current"), negationReach);
        List<SafetyRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonValue v : array(o, "rules")) {
            JsonObject r = v.asJsonObject();
            String id = r.getString("id", "");
            require(id.matches("[a-z0-9]+(-[a-z0-9]+)*") && ids.add(id), "bad or repeated rule id '" + id + "'");
            keys(r, RULE_KEYS, "rule " + id);
            String category = r.getString("category", null);
            require(
                    category == null || categories.contains(category),
                    "rule " + id + " names unknown category " + category);
            List<String> onlyFrom = r.containsKey("onlyFrom") ? strings(r.get("onlyFrom"), id) : List.of();
            onlyFrom.forEach(
                    c -> require(categories.contains(c), "rule " + id + ": unknown category " + c + " in onlyFrom"));
            require(
                    r.containsKey("priority") || category != null || r.containsKey("needsReply"),
                    "rule " + id + " changes nothing");
            List<SafetyMatch.Near> near = new ArrayList<>();
            for (JsonValue nv : r.containsKey("near") ? r.getJsonArray("near") : JsonValue.EMPTY_JSON_ARRAY) {
                JsonObject n = nv.asJsonObject();
                keys(n, Set.of("within", "all"), "rule " + id + ": near");
                List<List<Term>> groups = new ArrayList<>();
                for (JsonValue g : n.getJsonArray("all")) {
                    groups.add(terms(strings(g, id), id));
                }
                require(groups.size() >= 2, "rule " + id + ": near needs two groups or more");
                near.add(new SafetyMatch.Near(n.getInt("within"), groups));
            }
            List<Term> terms = r.containsKey("terms") ? terms(strings(r.get("terms"), id), id) : List.of();
            require(!terms.isEmpty() || !near.isEmpty(), "rule " + id + " has no terms");
            List<Term> unless = r.containsKey("unless") ? terms(strings(r.get("unless"), id), id) : List.of();
            SafetyMatch match = new SafetyMatch(terms, near, unless, r.getInt("reach", defaultReach), context);
            rules.add(new SafetyRule(
                    id,
                    r.getString("why", ""),
                    match,
                    category,
                    Set.copyOf(onlyFrom),
                    r.containsKey("priority") ? Priority.of(r.getString("priority")) : null,
                    r.containsKey("needsReply") ? r.getBoolean("needsReply") : null,
                    r.containsKey("examples") ? strings(r.get("examples"), id) : List.of(),
                    r.containsKey("counterExamples") ? strings(r.get("counterExamples"), id) : List.of()));
        }
        return List.copyOf(rules);
    }

    /** Terms, with {@code @name} replaced by the set's terms. */
    private List<Term> terms(List<String> raw, String owner) {
        List<Term> out = new ArrayList<>();
        for (String t : raw) {
            if (t.startsWith("@")) {
                List<String> set = sets.get(t.substring(1));
                require(set != null, owner + ": unknown set " + t);
                set.forEach(x -> require(!x.startsWith("@"), "set " + t + " refers to another set"));
                set.forEach(x -> out.add(term(x, owner)));
            } else {
                out.add(term(t, owner));
            }
        }
        return out;
    }

    /** Single words only: negations and fillers are checked one word at a time. */
    private List<Term> words(String set) {
        List<Term> out = terms(List.of("@" + set), set);
        for (String w : sets.get(set)) {
            require(!w.strip().contains(" "), "set " + set + ": '" + w + "' is more than one word");
        }
        return out;
    }

    private Term term(String t, String owner) {
        try {
            return Term.of(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + owner + ": " + e.getMessage());
        }
    }

    private List<String> strings(JsonValue v, String owner) {
        require(v.getValueType() == JsonValue.ValueType.ARRAY, owner + ": expected a list");
        List<String> out = new ArrayList<>();
        for (JsonValue x : v.asJsonArray()) {
            require(x.getValueType() == JsonValue.ValueType.STRING, owner + ": expected text, got " + x);
            out.add(((JsonString) x).getString());
        }
        return out;
    }

    private JsonArray array(JsonObject o, String key) {
        require(
                o.containsKey(key) && o.get(key).getValueType() == JsonValue.ValueType.ARRAY,
                "'" + key + "' must be a list");
        return o.getJsonArray(key);
    }

    private void keys(JsonObject o, Set<String> allowed, String owner) {
        for (String k : o.keySet()) {
            require(k.startsWith("_") || allowed.contains(k), owner + ": unknown key '" + k + "'");
        }
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(where + ": " + message);
        }
    }
}
