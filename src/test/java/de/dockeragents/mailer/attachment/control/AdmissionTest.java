package de.dockeragents.mailer.attachment.control;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.attachment.entity.Outcome;
import de.dockeragents.mailer.attachment.entity.ScanStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AdmissionTest {

    @Test
    void infectedIsQuarantinedWhateverTheType() {
        Admission d =
                Admission.of(ScanResult.infected("Eicar"), "extension .pdf does not match the content (text/plain)");
        assertEquals(Outcome.QUARANTINED, d.outcome());
        assertEquals(ScanStatus.INFECTED, d.status());
        assertEquals("Eicar", d.signature());
        assertEquals("infected", d.metricResult());
    }

    @Test
    void unscannableIsQuarantinedAsError() {
        Admission d = Admission.of(ScanResult.error("INSTREAM size limit exceeded. ERROR"), null);
        assertEquals(Outcome.QUARANTINED, d.outcome());
        assertEquals(ScanStatus.ERROR, d.status());
        assertEquals("error", d.metricResult());
    }

    @Test
    void clamdDownMeansPendingAndNeverStored() {
        Admission d = Admission.of(ScanResult.unavailable("refused"), null);
        assertEquals(Outcome.PENDING, d.outcome());
        assertEquals(ScanStatus.PENDING, d.status());
        assertNull(d.metricResult());
    }

    @Test
    void cleanIsStoredOnlyWhenTheTypePassed() {
        assertEquals(Outcome.STORED, Admission.of(ScanResult.clean(), null).outcome());
        Admission rejected = Admission.of(ScanResult.clean(), "type zip is not allowed");
        assertEquals(Outcome.REJECTED, rejected.outcome());
        assertEquals(ScanStatus.CLEAN, rejected.status());
    }

    @Test
    void clamdRepliesAreParsed() {
        assertEquals(ScanResult.clean(), ClamdClient.parse("stream: OK"));
        assertEquals(
                ScanResult.infected("Local.EICAR-Test.UNOFFICIAL"),
                ClamdClient.parse("stream: Local.EICAR-Test.UNOFFICIAL FOUND"));
        assertEquals(
                ScanResult.Verdict.ERROR,
                ClamdClient.parse("INSTREAM size limit exceeded. ERROR").verdict());
    }
}
