package de.dockeragents.mailer.llm.control;

/** Ollama could not answer now (connection refused, 5xx, busy): worth a retry. */
public class OllamaUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OllamaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
