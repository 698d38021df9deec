package de.dockeragents.mailer.triage.control;

import java.io.InputStream;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import de.dockeragents.mailer.triage.entity.Priority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"praxis", "ecom"})
    void everyCategoryAndPriorityOfTheProfileHasALabelName(String profile) throws Exception {
        LabelNames names = LabelNames.load(profile);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("profiles/" + profile + "/triage.json")) {
            JsonObject triage = Json.createReader(in).readObject();
            for (var c : triage.getJsonArray("categories")) {
                String category = c.asJsonObject().getString("name");
                assertTrue(names.categories().containsKey(category), profile + ": no label name for " + category);
            }
            for (String p : Priority.wires()) {
                assertTrue(names.priorities().containsKey(p), profile + ": no label name for " + p);
            }
            assertEquals(
                    triage.getJsonArray("categories").size(),
                    names.categories().size(),
                    "no names for unknown categories");
        }
    }

    @Test
    void praxisLabelsAreGermanFoldersUnderMailerWithTheServersSeparator() {
        LabelNames names = LabelNames.load("praxis");
        assertEquals(List.of("Mailer/Notfall", "Mailer/Priorität/Dringend"), names.folders("emergency", "urgent", '/'));
        assertEquals(
                List.of("Mailer.Termin neu", "Mailer.Priorität.Normal"),
                names.folders("appointment_new", "normal", '.'));
    }

    @Test
    void aSeparatorInsideANameStaysInsideOneLevel() {
        LabelNames names =
                new LabelNames("Mailer", "Prio", java.util.Map.of("billing", "Abr. & Co"), java.util.Map.of());
        assertEquals(List.of("Mailer.Abr- & Co", "Mailer.Prio.low"), names.folders("billing", "low", '.'));
    }

    @Test
    void anUnnamedCategoryIsLabelledWithItsIdAndKeywordsAreIds() {
        LabelNames names = LabelNames.load("no-such-profile");
        assertEquals(List.of("Mailer/refund", "Mailer/Priority/high"), names.folders("refund", "high", '/'));
        assertEquals(List.of("Mailer_refund", "Mailer_Prio_high"), names.keywords("refund", "high"));
    }
}
