package it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.microshed.testing.jaxrs.RESTClient;
import org.microshed.testing.jupiter.MicroShedTest;

import dev.DevStack;
import dev.Waits;
import it.support.Db;
import it.support.ItStack;
import it.support.ItStackExtension;
import it.support.Mailbox;
import it.support.Mails;

/**
 * MicroShed Testing against the server the build started (manual mode; with Docker the same class
 * runs against the image, see docs). The REST client is MicroShed's, typed by {@link OpsApi}.
 */
@ExtendWith(ItStackExtension.class)
@MicroShedTest
public class OpsMicroShedIT {

    @RESTClient
    public static OpsApi ops;

    @Test
    void anOnDemandPollStoresWhatArrivedAndReportsIt() {
        DevStack stack = ItStack.get();
        Db db = new Db(stack);
        String subject = Mails.unique("Sofortabruf");
        Mails.send(stack.mail().smtpPort(), Mails.plain("ops@sender.example", subject, "jetzt"));
        // SMTP delivery is asynchronous in the mail server; once it is in the mailbox, one poll stores it
        Waits.until(Duration.ofSeconds(30), "delivered to the mailbox",
                () -> Mailbox.withSubject(stack, subject).isPresent());
        OpsApi.PollResult first = ops.poll();
        assertNull(first.error, "a poll reports no error");
        assertEquals(1, db.mailsWithSubject(subject).size(), "stored when the on-demand poll returns");
        OpsApi.PollResult again = ops.poll();
        assertEquals(0, again.stored, "nothing new: nothing stored");
        assertEquals(1, db.mailsWithSubject(subject).size());
    }
}
