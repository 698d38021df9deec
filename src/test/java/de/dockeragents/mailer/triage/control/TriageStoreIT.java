package de.dockeragents.mailer.triage.control;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.RecordedEvents;

import de.dockeragents.mailer.events.control.EventOutbox;
import de.dockeragents.mailer.llm.control.ChatReply;
import de.dockeragents.mailer.llm.entity.AiOutcome;
import de.dockeragents.mailer.testing.Database;
import de.dockeragents.mailer.triage.entity.Classification;
import de.dockeragents.mailer.triage.entity.ClassificationSaved;
import de.dockeragents.mailer.triage.entity.ClassifiedBy;
import de.dockeragents.mailer.triage.entity.Decision;
import de.dockeragents.mailer.triage.entity.MailFacts;
import de.dockeragents.mailer.triage.entity.Priority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The triage store's SQL and the V3 constraints, on a real PostgreSQL. */
class TriageStoreIT {

    static Database db;
    final RecordedEvents<ClassificationSaved> saved = new RecordedEvents<>();
    static final Classifier PRAXIS = new Classifier(TriageRules.load("praxis"));

    @BeforeAll
    static void start() {
        db = new Database();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    <T> T tx(java.util.function.Function<TriageStore, T> work) {
        var em = db.entityManager();
        try {
            em.getTransaction().begin();
            TriageStore store = new TriageStore();
            store.em = em;
            store.events = EventOutbox.off();
            store.saved = saved;
            T result = work.apply(store);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    @Test
    void aMailIsClassifiedByOneLivingInstanceAndAnotherTakesItOnceThatOneIsGone() throws SQLException {
        long id = db.mail("Erika <erika@example.org>", "Folgerezept", "Bitte", "From: erika@example.org");
        db.update("INSERT INTO lease (name, holder, token, expires_at) VALUES ('instance:a#1', 'a#1', 1,"
                + " now() + interval '5 minutes')");
        assertEquals(List.of(id), tx(s -> s.claim(List.of(id), "a#1")));
        assertEquals(List.of(id), tx(s -> s.claim(List.of(id), "a#1")), "its own claim again (a sweep)");
        assertEquals(List.of(), tx(s -> s.claim(List.of(id), "b#1")), "not while the claiming instance lives");
        assertTrue(!tx(s -> s.unclassified(1000, "b#1")).contains(id), "the other instance's sweep leaves it");
        assertTrue(tx(s -> s.unclassified(1000, "a#1")).contains(id));

        db.update("UPDATE lease SET expires_at = now() - interval '1 second' WHERE name = 'instance:a#1'");
        assertTrue(tx(s -> s.unclassified(1000, "b#1")).contains(id), "the claim of a gone instance is free");
        assertEquals(List.of(id), tx(s -> s.claim(List.of(id), "b#1")));

        MailFacts mail = tx(s -> s.load(id));
        tx(s -> {
            s.save(PRAXIS.decide(mail, ChatReply.failed(AiOutcome.BREAKER_OPEN), Duration.ofMillis(3)));
            return null;
        });
        assertEquals(
                0,
                db.count("SELECT count(*) FROM triage_claim WHERE mail_id = ?", id),
                "the claim goes with the verdict");
    }

    @Test
    void loadsClassifiesAndReclassifies() {
        long id = db.mail(
                "Erika <erika@example.org>",
                "Folgerezept",
                "Bitte ein Rezept",
                "From: erika@example.org\r\nAuto-Submitted: no");
        assertTrue(tx(s -> s.unclassified(1000, "me")).contains(id));
        MailFacts mail = tx(s -> s.load(id));
        assertEquals("Folgerezept", mail.subject());
        assertTrue(mail.headers().contains("Auto-Submitted: no"));
        assertTrue(!mail.headers().contains("Bitte"), "only the header block");

        Decision byRules = PRAXIS.decide(mail, ChatReply.failed(AiOutcome.BREAKER_OPEN), Duration.ofMillis(3));
        tx(s -> {
            s.save(byRules);
            return null;
        });
        assertEquals(ClassifiedBy.RULES, tx(s -> s.classifiedBy(id)));
        assertEquals(List.of(new ClassificationSaved(id)), saved.fired(), "the first verdict is announced once");
        assertTrue(!tx(s -> s.unclassified(1000, "me")).contains(id));
        assertTrue(tx(s -> s.rulesClassified(Duration.ofDays(1), 100)).contains(id));

        Decision byAi = PRAXIS.decide(
                mail,
                ChatReply.answered(Mails.envelope(Mails.answer("prescription", "normal"))),
                Duration.ofMillis(900));
        tx(s -> {
            s.save(byAi);
            return null;
        });
        Classification c = tx(s -> s.em.find(Classification.class, id));
        assertEquals(1, saved.fired().size(), "a re-classification is no new classification");
        assertEquals(ClassifiedBy.AI, c.classifiedBy());
        assertEquals("prescription", c.category());
        assertEquals(Priority.NORMAL, c.priority());
        assertEquals("m:1", c.model());
        assertEquals(900, c.durationMs());
        assertTrue(!tx(s -> s.rulesClassified(Duration.ofDays(1), 100)).contains(id));
    }

    @Test
    void offSchemaMailIsNotAskedAgain() {
        long id = db.mail("a@example.org", "x", "y", "From: a@example.org");
        MailFacts mail = tx(s -> s.load(id));
        tx(s -> {
            s.save(PRAXIS.decide(mail, ChatReply.answered("garbage"), Duration.ZERO));
            return null;
        });
        assertTrue(!tx(s -> s.rulesClassified(Duration.ofDays(1), 100)).contains(id));
    }

    @Test
    void missingOrUnparsedMailIsNotLoaded() {
        assertNull(tx(s -> s.load(-1)));
    }

    @Test
    void theTableRefusesValuesOutsideTheEnums() {
        long id = db.mail("a@example.org", "x", "y", "From: a@example.org");
        Supplier<String> insert =
                () -> "INSERT INTO classification (mail_id, category, priority, language, summary, needs_reply,"
                        + " confidence, classified_by, model, ai_outcome, duration_ms) VALUES (?, ?, ?, 'de', 's', true, ?, ?, ?, ?, 1)";
        assertThrows(SQLException.class, () -> db.update(insert.get(), id, "other", "whenever", 0.5, "ai", "m", "ok"));
        assertThrows(SQLException.class, () -> db.update(insert.get(), id, "other", "low", 1.5, "ai", "m", "ok"));
        assertThrows(SQLException.class, () -> db.update(insert.get(), id, "Other; DROP", "low", 0.5, "ai", "m", "ok"));
        assertThrows(
                SQLException.class,
                () -> db.update(insert.get(), id, "other", "low", 0.5, "ai", "m", "timeout"),
                "ai only with an ok answer");
        assertThrows(
                SQLException.class,
                () -> db.update(insert.get(), id, "other", "low", 0.5, "ai", null, "ok"),
                "ai names its model");
        assertThrows(SQLException.class, () -> db.update(insert.get(), id, "other", "low", 0.5, "rules", null, "ok"));
        assertEquals(List.of(), List.of());
    }
}
