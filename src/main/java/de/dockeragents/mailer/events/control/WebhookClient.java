package de.dockeragents.mailer.events.control;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * One POST per attempt to the configured URL: the stored body, signed, with the event's id and type
 * as headers too (a receiver can drop a duplicate before parsing). HTTP/1.1, bounded connect and
 * response times.
 */
public final class WebhookClient {

    public static final String ID_HEADER = "X-Mailer-Event-Id";
    public static final String TYPE_HEADER = "X-Mailer-Event-Type";

    private final EventSettings settings;
    private final HttpClient http;

    public WebhookClient(EventSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The receiver's HTTP status. */
    public int post(EventStore.Pending event) throws IOException, InterruptedException {
        byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header(ID_HEADER, event.id())
                .header(TYPE_HEADER, event.type())
                .header(Signature.HEADER, Signature.sign(settings.secret(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
