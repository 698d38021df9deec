package it.ops;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.microshed.testing.jaxrs.BasicAuthConfig;
import org.microshed.testing.jaxrs.RESTClient;
import org.microshed.testing.jupiter.MicroShedTest;

import dev.DevStack;
import dev.Waits;
import it.support.Mails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * MicroShed Testing against the server the build started (manual mode). With Docker, the
 * container-tests profile runs this class's tests against the image built from the Dockerfile
 * (it.container.OpsMicroShedContainerIT, docs/container-tests.md). The REST client is
 * MicroShed's, typed by {@link OpsApi}; mail and database are reached through {@link OpsTarget}.
 */
@ExtendWith(OpsTarget.Setup.class)
@MicroShedTest
public class OpsMicroShedIT {

    @RESTClient
    @BasicAuthConfig(user = DevStack.REVIEW_ADMIN, password = DevStack.REVIEW_ADMIN_PASSWORD)
    public static OpsApi ops;

    /** The admin's session: its cookie and CSRF token, which every state-changing call sends. */
    record Session(String cookie, String csrfToken) {
        static Session open() {
            jakarta.ws.rs.core.Response r = ops.session();
            assertEquals(200, r.getStatus());
            // name=value of each Set-Cookie, as a browser sends them back
            String cookie = r.getStringHeaders().get("Set-Cookie").stream()
                    .map(c -> c.split(";", 2)[0])
                    .collect(java.util.stream.Collectors.joining("; "));
            String token = jakarta.json.Json.createReader(new java.io.StringReader(r.readEntity(String.class)))
                    .readObject()
                    .getString("csrfToken");
            return new Session(cookie, token);
        }

        OpsApi.PollResult poll() {
            return ops.poll(csrfToken, cookie);
        }
    }

    @Test
    void anOnDemandPollStoresWhatArrivedAndReportsIt() {
        OpsTarget target = OpsTarget.current();
        String subject = Mails.unique("Sofortabruf");
        Mails.send(target.smtpPort(), Mails.plain("ops@sender.example", subject, "jetzt"));
        // SMTP delivery is asynchronous in the mail server; once it is in the mailbox, one poll stores it
        Waits.until(Duration.ofSeconds(30), "delivered to the mailbox", () -> target.delivered(subject));
        Session admin = Session.open();
        OpsApi.PollResult first = admin.poll();
        assertNull(first.error, "a poll reports no error");
        assertEquals(1, target.storedWithSubject(subject), "stored when the on-demand poll returns");
        OpsApi.PollResult again = admin.poll();
        assertEquals(0, again.stored, "nothing new: nothing stored");
        assertEquals(1, target.storedWithSubject(subject));
    }
}
