package de.dockeragents.mailer.triage.control;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.OllamaStandIn;
import dev.OllamaStandIn.Mode;

import de.dockeragents.mailer.llm.control.ChatReply;
import de.dockeragents.mailer.llm.entity.AiOutcome;
import de.dockeragents.mailer.triage.entity.ClassifiedBy;
import de.dockeragents.mailer.triage.entity.Decision;
import de.dockeragents.mailer.triage.entity.MailFacts;
import de.dockeragents.mailer.triage.entity.Priority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classification path over real HTTP against the stand-in, without Liberty: the request as
 * built, the answer as Ollama sends it, the decision. A plain JDK client stands in for the Rest
 * Client here; the Fault Tolerance behaviour is the in-server test's part.
 */
class OllamaStandInIT {

    final Classifier classifier = new Classifier(TriageRules.load("praxis"));
    final ChatRequests requests = new ChatRequests(TriageRules.load("praxis"), "stand-in:latest", 6000, "5m");
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    OllamaStandIn ollama;

    @BeforeEach
    void start() throws Exception {
        ollama = new OllamaStandIn();
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    CompletionStage<ChatReply> ask(MailFacts mail, Duration timeout) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(ollama.url() + "/api/chat"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        requests.classify(mail).toString()))
                .build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
            if (e != null) {
                Throwable t = e instanceof CompletionException ? e.getCause() : e;
                return ChatReply.failed(t instanceof HttpTimeoutException ? AiOutcome.TIMEOUT : AiOutcome.ERROR);
            }
            return r.statusCode() == 200 ? ChatReply.answered(r.body()) : ChatReply.failed(AiOutcome.ERROR);
        });
    }

    Decision decide(MailFacts mail, Duration timeout) {
        return classifier.decide(mail, ask(mail, timeout).toCompletableFuture().join(), Duration.ZERO);
    }

    @Test
    void eachModeEndsInADecision() {
        MailFacts mail = Mails.of("Folgerezept", "Bitte ein Rezept für Ramipril");
        ollama.answer(Mails.answer("prescription", "normal"));
        Decision ok = decide(mail, Duration.ofSeconds(5));
        assertEquals(ClassifiedBy.AI, ok.classifiedBy());
        assertEquals("stand-in:latest", ok.model());
        assertTrue(ollama.lastRequest().contains("\"format\""), "the schema travels with the request");

        for (Mode m : new Mode[] {Mode.GARBAGE, Mode.OFF_SCHEMA, Mode.COMPROMISED}) {
            ollama.mode(m);
            Decision d = decide(mail, Duration.ofSeconds(5));
            assertEquals(AiOutcome.OFF_SCHEMA, d.aiOutcome(), m.name());
            assertEquals("prescription", d.verdict().category(), "the rules decide");
        }
        ollama.mode(Mode.ERROR).status(503);
        assertEquals(AiOutcome.ERROR, decide(mail, Duration.ofSeconds(5)).aiOutcome());
        ollama.mode(Mode.OK).status(503).failNext(1);
        assertEquals(AiOutcome.ERROR, decide(mail, Duration.ofSeconds(5)).aiOutcome(), "the first fails");
        assertEquals(AiOutcome.OK, decide(mail, Duration.ofSeconds(5)).aiOutcome(), "then it answers again");
        ollama.mode(Mode.DROP);
        assertEquals(AiOutcome.ERROR, decide(mail, Duration.ofSeconds(5)).aiOutcome());
    }

    @Test
    void aHangingModelMeetsTheDeadline() {
        ollama.mode(Mode.HANG);
        Instant start = Instant.now();
        Decision d = decide(Mails.of("x", "Ich habe Brustschmerzen"), Duration.ofMillis(300));
        Duration took = Duration.between(start, Instant.now());
        assertEquals(AiOutcome.TIMEOUT, d.aiOutcome());
        assertEquals(Priority.URGENT, d.verdict().priority(), "the safety rules still hold");
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
    }

    /**
     * The benchmark's core: 500 mails through the dispatcher against a stand-in with latency L and P
     * slots: every slot gets used, no more than the dispatcher's permits are ever inside the stand-in at once, every
     * mail is answered. The rate it prints is information; the classification benchmark measures it.
     */
    @Test
    void keepsTheModelsSlotsBusyAndNeverOverrunsThem() {
        int slots = 2;
        Duration latency = Duration.ofMillis(40);
        int mails = 500;
        int permits = slots + slots;
        ollama.slots(slots).latency(latency).answer(Mails.answer("other", "normal"));
        MailFacts mail = Mails.of("Termin", "einen Termin bitte");
        for (int i = 0; i < 20; i++) { // warm-up: class loading and JIT are not the dispatcher's doing
            ask(mail, Duration.ofSeconds(10)).toCompletableFuture().join();
        }
        ollama.resetCounters();
        AtomicInteger done = new AtomicInteger();
        CompletableFuture<Void> all = new CompletableFuture<>();
        Dispatcher d = new Dispatcher(
                permits,
                mails,
                (id, again) -> ask(mail, Duration.ofSeconds(10)).thenAccept(r -> {
                    classifier.decide(mail, r, Duration.ZERO);
                    if (done.incrementAndGet() == mails) {
                        all.complete(null);
                    }
                }));
        long start = System.nanoTime();
        for (long i = 0; i < mails; i++) {
            d.offer(i, false);
        }
        all.orTimeout(120, java.util.concurrent.TimeUnit.SECONDS).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        double capacity = slots / (latency.toNanos() / 1e9);
        double throughput = mails / seconds;
        System.out.printf(
                "classification: %d mails in %.2f s = %.1f/s; capacity P/L = %.1f/s; ratio %.3f; max inside %d%n",
                mails, seconds, throughput, capacity, throughput / capacity, ollama.maxConcurrent());
        assertTrue(ollama.maxConcurrent() <= permits, "max inside " + ollama.maxConcurrent());
        assertEquals(mails, ollama.answered());
        // the rate against the target (0.95 of P/L) is the benchmark's figure (docs/benchmarks.md), not a test's:
        // on two cores shared with other builds a timed bar fails for the machine's sake. What a test can hold
        // without a clock: the dispatcher fills every slot the model has, not one request after another
        assertTrue(
                ollama.maxConcurrent() >= slots,
                "the dispatcher kept " + ollama.maxConcurrent() + " requests inside at most, the model has " + slots
                        + " slots");
    }
}
