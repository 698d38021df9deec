package it.triage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import dev.DevStack;
import dev.OllamaStandIn;
import it.support.ItStack;

/** The shared stack as the triage tests use it; after each test the Ollama stand-in is healthy again. */
abstract class TriageStack {

    static DevStack stack;
    static OllamaStandIn ollama;
    static Triaged triaged;

    @BeforeAll
    static void stack() {
        stack = ItStack.get();
        ollama = stack.ollama();
        triaged = new Triaged(stack);
    }

    @AfterEach
    void healthyAgain() {
        Triaged.reset(ollama);
    }
}
