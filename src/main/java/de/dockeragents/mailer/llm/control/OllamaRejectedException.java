package de.dockeragents.mailer.llm.control;

/** Ollama refused the request (4xx: unknown model, bad request): a retry would get the same. */
public class OllamaRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OllamaRejectedException(String message) {
        super(message);
    }
}
