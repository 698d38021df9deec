package de.dockeragents.mailer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component map of docs/architecture.md, held by the build: components depend one way only,
 * each on the components listed for it and nothing else, so "where does X happen" keeps one answer.
 */
class ComponentsTest {

    private static final String ROOT = "de.dockeragents.mailer";

    /** Who may use whom; {@code platform} is below everything, {@code ops} above everything. */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("platform", Set.of()),
            Map.entry("mime", Set.of()),
            Map.entry("mailbox", Set.of("platform")),
            Map.entry("llm", Set.of("platform")),
            Map.entry("events", Set.of("platform")),
            Map.entry("outbox", Set.of("events", "mailbox", "platform")),
            Map.entry("attachment", Set.of("events", "mime", "platform")),
            Map.entry("triage", Set.of("events", "mailbox", "llm", "platform")),
            Map.entry("spam", Set.of("triage", "platform")),
            Map.entry("reply", Set.of("spam", "triage", "outbox", "mailbox", "llm", "events", "platform")),
            Map.entry("inbox", Set.of("attachment", "spam", "triage", "mailbox", "mime", "events", "platform")),
            Map.entry(
                    "review",
                    Set.of(
                            "inbox",
                            "attachment",
                            "spam",
                            "triage",
                            "reply",
                            "outbox",
                            "mailbox",
                            "llm",
                            "events",
                            "platform")),
            Map.entry(
                    "ops",
                    Set.of(
                            "inbox",
                            "attachment",
                            "spam",
                            "triage",
                            "reply",
                            "outbox",
                            "review",
                            "events",
                            "mailbox",
                            "llm",
                            "mime",
                            "platform")));

    private static JavaClasses classes;

    @BeforeAll
    static void importMain() {
        // the build's main output only: scanning the whole class path for the package is slow
        Path main = Path.of(System.getProperty("components.classes", "target/classes"));
        classes = new ClassFileImporter().importPath(main);
        // a wrong path would import nothing, and every rule would hold vacuously
        assertTrue(classes.size() > 100, "the application's classes under " + main.toAbsolutePath());
    }

    @Test
    void noCycleBetweenComponents() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyComponentUsesOnlyWhatTheMapAllows() {
        Set<String> violations = new TreeSet<>();
        classes.forEach(c -> {
            String from = component(c.getPackageName());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = component(d.getTargetClass().getPackageName());
                if (to != null
                        && from != null
                        && !to.equals(from)
                        && !ALLOWED.getOrDefault(from, Set.of()).contains(to)) {
                    violations.add(from + " -> " + to + ": " + d.getDescription());
                }
            }
        });
        assertEquals(List.of(), List.copyOf(violations), "dependencies the component map does not allow");
    }

    @Test
    void everyComponentIsOnTheMap() {
        Set<String> unknown = new TreeSet<>();
        classes.forEach(c -> {
            String comp = component(c.getPackageName());
            if (comp != null && !ALLOWED.containsKey(comp)) {
                unknown.add(comp);
            }
        });
        assertEquals(Set.of(), unknown, "packages under " + ROOT + " that are not on the component map");
    }

    /** The component a package belongs to, or null outside the application. */
    static String component(String pkg) {
        if (!pkg.startsWith(ROOT + ".")) {
            return null;
        }
        String rest = pkg.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
