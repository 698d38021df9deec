package de.dockeragents.mailer.triage.control;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matching engine of the safety lists, rule by rule of its syntax and its exclusions. */
class SafetyMatchTest {

    static final SafetyMatch.Context CONTEXT = new SafetyMatch.Context(
            terms("kein", "keine", "nicht", "no", "not", "dont"),
            terms("starke", "starken", "any", "have"),
            terms("immer noch", "seit * stunden", "still"),
            4);

    static List<Term> terms(String... t) {
        return List.of(t).stream().map(Term::of).toList();
    }

    static SafetyMatch match(List<String> terms, List<String> unless) {
        return new SafetyMatch(
                terms(terms.toArray(String[]::new)), List.of(), terms(unless.toArray(String[]::new)), 6, CONTEXT);
    }

    static boolean fires(SafetyMatch m, String body) {
        return m.firesIn(Tokens.of("", body));
    }

    @Test
    void wordsAreWholeUnlessAStarSaysOtherwise() {
        SafetyMatch m = match(List.of("arm", "brustschmerz*", "*schmerz", "*stech*"), List.of());
        assertTrue(fires(m, "Der Arm ist taub"));
        assertFalse(fires(m, "Das Armband drückt"), "arm is not a word start of Armband");
        assertTrue(fires(m, "Brustschmerzen seit heute"));
        assertTrue(fires(m, "Ein dumpfer Bauchschmerz"));
        assertTrue(fires(m, "Ein Herzstechen"));
    }

    @Test
    void spellingVariantsMeet() {
        SafetyMatch m =
                match(List.of("bewusstlos", "ohnmächtig", "atemnot", "can't breathe", "schlaganfall"), List.of());
        for (String s : List.of(
                "BEWUSSTLOS",
                "bewußtlos",
                "bewustlos",
                "ohnmaechtig",
                "ohnmachtig",
                "Atemnott",
                "I cant breathe",
                "I can’t breathe",
                "Schlagannfall",
                "Schlag\u00ADanfall",
                "Ｓｃｈｌａｇａｎｆａｌｌ")) {
            assertTrue(fires(m, s), s);
        }
    }

    @Test
    void gapsDigitsAndAnyWord() {
        SafetyMatch m = match(List.of("nacken ~2 steif", "3#,# grad", "seit * minuten"), List.of());
        assertTrue(fires(m, "der Nacken ist ganz steif"));
        assertFalse(fires(m, "der Nacken ist seit Tagen ganz steif"), "more than two words between");
        assertTrue(fires(m, "38,5 Grad gemessen"));
        assertTrue(fires(m, "seit zehn Minuten"));
        assertThrows(IllegalArgumentException.class, () -> Term.of("~2 steif"));
        assertThrows(IllegalArgumentException.class, () -> Term.of("nacken ~2"));
        assertThrows(IllegalArgumentException.class, () -> Term.of("ne*ck"));
    }

    @Test
    void aTermStaysInsideItsClause() {
        SafetyMatch m = match(List.of("keine luft"), List.of());
        assertTrue(fires(m, "ich bekomme keine Luft"));
        assertFalse(fires(m, "keine, Luft"));
    }

    @Test
    void nearGroupsMustStandWithinTheirGap() {
        SafetyMatch m = new SafetyMatch(
                List.of(),
                List.of(new SafetyMatch.Near(3, List.of(terms("schmerz*", "druck"), terms("brust")))),
                List.of(),
                6,
                CONTEXT);
        assertTrue(fires(m, "Schmerzen in der Brust"));
        assertTrue(fires(m, "Brust-Schmerzen"), "a hyphen splits a word");
        assertTrue(fires(m, "Druck auf der linken Brust"));
        assertFalse(fires(m, "Schmerzen im Rücken seit Tagen und heute auch die Brust"));
    }

    @Test
    void aNegationRightBeforeAnOccurrenceRemovesOnlyThatOccurrence() {
        SafetyMatch m = match(List.of("atemnot", "chest pain"), List.of());
        assertFalse(fires(m, "Husten, kein Fieber, keine Atemnot"));
        assertFalse(fires(m, "keine starken Atemnot"), "fillers between");
        assertFalse(fires(m, "I don't have any chest pain"));
        assertTrue(fires(m, "No, he has chest pain"), "a comma ends the negation's clause");
        assertTrue(fires(m, "kein Notfall Atemnot"), "a word that is no filler stops the negation");
        assertTrue(fires(m, "Keine Atemnot gestern. Heute Atemnot."), "another occurrence still counts");
    }

    @Test
    void anExclusionOnlyRemovesTheOccurrenceInItsSentence() {
        SafetyMatch m = match(List.of("brustschmerz*"), List.of("letzte woche", "jetzt gut"));
        assertFalse(fires(m, "Termin wegen Brustschmerzen letzte Woche, jetzt gut"));
        assertTrue(
                fires(m, "Mein Vater hat starke Brustschmerzen. Letzte Woche, jetzt gut."),
                "appended in another sentence");
        assertTrue(fires(m, "Brustschmerzen letzte Woche, immer noch da"), "a current term overrides the exclusion");
        assertTrue(fires(m, "Brustschmerzen seit drei Stunden, letzte Woche auch"));
        assertTrue(
                fires(
                        m,
                        "Brustschmerzen, ich habe die Unterlagen dazu vom Kardiologen geholt und heute gelesen, letzte Woche war das"),
                "too far away");
    }

    @Test
    void aLookAlikeCoveringTheOccurrenceIsNeverOverridden() {
        SafetyMatch m = match(List.of("poisoning"), List.of("food poisoning"));
        assertFalse(fires(m, "Food poisoning since yesterday, still vomiting"));
        assertTrue(fires(m, "Food poisoning? No - he drank bleach, poisoning!"));
    }

    @Test
    void theSubjectFollowsWhatTheBodySays() {
        SafetyMatch m = match(List.of("brustschmerz*"), List.of("letzte woche", "jetzt gut"));
        assertTrue(m.firesIn(Tokens.of("Brustschmerzen", "Bitte rufen Sie mich an")), "the subject alone counts");
        assertFalse(m.firesIn(Tokens.of("Brustschmerzen", "Termin wegen Brustschmerzen letzte Woche, jetzt gut")));
        assertFalse(m.firesIn(Tokens.of("Brustschmerzen", "Keine Brustschmerzen mehr")));
        assertTrue(m.firesIn(Tokens.of("Brustschmerzen", "Brustschmerzen letzte Woche. Jetzt starke Brustschmerzen.")));
    }

    @Test
    void ordinalsAndAbbreviationsDoNotEndSentencesInTheWayOfAGroup() {
        Tokens t = Tokens.of("", "Ich bin in der 36. Woche und blute");
        assertEquals(t.sentence(0), t.sentence(t.size() - 1));
        assertEquals(List.of("ich", "bin", "in", "der", "36", "woche", "und", "blute"), t.forms());
        assertEquals(
                List.of("38,5", "fieber", "cant", "bewustlos"),
                Tokens.of("", "38,5 Fieber; can't — bewußtlos").forms());
    }

    @Test
    void ownTemplateSentencesAreBlanked() {
        OwnText own = TriageRules.load("praxis").ownText();
        Tokens t = own.strip(
                Tokens.of(
                        "",
                        "> Bei einem medizinischen Notfall (z. B. Brustschmerzen, Atemnot, Bewusstlosigkeit, starke Blutung,\n"
                                + "> Anzeichen eines Schlaganfalls) rufen Sie bitte sofort den Rettungsdienst unter 112 an.\nAtemnot!"));
        assertFalse(t.forms().contains("brustschmerzen"));
        assertEquals("atemnot", t.form(t.size() - 1), "the sender's own word stays");
    }
}
