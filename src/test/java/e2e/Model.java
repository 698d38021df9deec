package e2e;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.DevStack;
import dev.OllamaStandIn;

/**
 * The Ollama stand-in both mailers talk to, on a fixed port so it can be stopped and started again
 * (an Ollama outage). It answers like a model that reads the mail the way the harness writes it:
 * praxis mail asks for a repeat prescription, ecom mail about a delivery, so each is classified
 * into a category whose reply is a fixed template sent at once (the harness can count replies).
 */
final class Model implements AutoCloseable {

    static final String PRAXIS = "{\"category\":\"prescription\",\"priority\":\"normal\",\"language\":\"de\","
            + "\"summary\":\"Folgerezept erbeten\",\"needs_reply\":true,\"confidence\":0.9}";
    static final String ECOM = "{\"category\":\"shipping\",\"priority\":\"normal\",\"language\":\"de\","
            + "\"summary\":\"Frage zur Lieferung\",\"needs_reply\":true,\"confidence\":0.9}";

    private final int port = DevStack.port(0);
    private OllamaStandIn standIn;

    synchronized void start() {
        if (standIn != null) {
            return;
        }
        try {
            standIn = new OllamaStandIn(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the classification request carries the profile's categories in its JSON schema
        standIn.answerFor(request -> request.contains("order_status") ? ECOM : PRAXIS);
    }

    /** Stops answering: connections to its port are refused, as when Ollama is not running. */
    synchronized void stop() {
        if (standIn != null) {
            standIn.close();
            standIn = null;
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }
}
