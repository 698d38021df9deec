package it.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import dev.DevStack;
import dev.OllamaStandIn;

/** The shared stack as the triage and reply tests use it; after each test the Ollama stand-in is healthy again. */
public abstract class TriageStack {

    protected static DevStack stack;
    protected static OllamaStandIn ollama;
    protected static Triaged triaged;

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
