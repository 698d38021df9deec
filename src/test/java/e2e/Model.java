package e2e;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.DevStack;
import dev.OllamaStandIn;

/**
 * The Ollama stand-in both mailers talk to, on a fixed port so it can be stopped and started again
 * (an Ollama outage). It answers like a model that reads the mail the way the harness writes it:
 * praxis mail asks for a repeat prescription, ecom mail about a delivery, so each is classified
 * into a category whose reply is a fixed template sent at once (the harness can count replies). Mail that asks
 * for an appointment or about a product ({@link Traffic.Answer#DRAFT}, told by its subject) is classified into a
 * category whose answer is an AI draft, and the draft request gets a short, harmless text.
 */
final class Model implements AutoCloseable {

    static final String PRAXIS = "{\"category\":\"prescription\",\"priority\":\"normal\",\"language\":\"de\","
            + "\"summary\":\"Folgerezept erbeten\",\"needs_reply\":true,\"confidence\":0.9}";
    static final String ECOM = "{\"category\":\"shipping\",\"priority\":\"normal\",\"language\":\"de\","
            + "\"summary\":\"Frage zur Lieferung\",\"needs_reply\":true,\"confidence\":0.9}";
    static final String APPOINTMENT = "{\"category\":\"appointment_new\",\"priority\":\"normal\",\"language\":\"de\","
            + "\"summary\":\"Terminwunsch\",\"needs_reply\":true,\"confidence\":0.9}";
    static final String PRODUCT_QUESTION = "{\"category\":\"product_question\",\"priority\":\"normal\","
            + "\"language\":\"de\",\"summary\":\"Frage zu einem Artikel\",\"needs_reply\":true,\"confidence\":0.9}";
    /** Drafts that pass the mailer's checks (DraftCheck): German, no names, numbers or links, a reply's length. */
    static final String APPOINTMENT_DRAFT =
            "Guten Tag, gern schlagen wir Ihnen einen Termin am Dienstag vor. Bitte sagen Sie uns kurz, ob er passt."
                    + " Viele Grüße";

    static final String PRODUCT_DRAFT = "Guten Tag, vielen Dank für Ihre Frage. Den Rucksack gibt es auch in Blau,"
            + " Sie finden ihn in unserem Shop. Viele Grüße";

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
        standIn.answerFor(Model::answer);
    }

    /** The answer to one request: a classification carries a JSON schema ("format"), a draft request none. */
    static String answer(String request) {
        boolean appointment = request.contains(Traffic.APPOINTMENT);
        boolean product = request.contains(Traffic.PRODUCT_QUESTION);
        if (!request.contains("\"format\"")) {
            return product ? PRODUCT_DRAFT : APPOINTMENT_DRAFT;
        }
        // the classification request carries the profile's categories in its JSON schema
        if (request.contains("order_status")) {
            return product ? PRODUCT_QUESTION : ECOM;
        }
        return appointment ? APPOINTMENT : PRAXIS;
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
