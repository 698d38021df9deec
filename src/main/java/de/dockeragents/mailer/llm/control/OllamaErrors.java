package de.dockeragents.mailer.llm.control;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Maps Ollama's error statuses to the two exceptions Fault Tolerance tells apart: transient ones
 * (408, 429, 5xx) are retried and count against the circuit breaker; the rest are not retried.
 */
public class OllamaErrors implements ResponseExceptionMapper<RuntimeException> {

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public RuntimeException toThrowable(Response response) {
        return of(response.getStatus());
    }

    static RuntimeException of(int status) {
        // the body may echo the request; it is not read into the message
        if (transientStatus(status)) {
            return new OllamaUnavailableException("Ollama answered HTTP " + status, null);
        }
        return new OllamaRejectedException("Ollama answered HTTP " + status);
    }

    static boolean transientStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }
}
