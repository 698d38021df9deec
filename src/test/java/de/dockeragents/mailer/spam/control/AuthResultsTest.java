package de.dockeragents.mailer.spam.control;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthResultsTest {

    static final Set<String> GMAIL = Set.of("mx.google.com");

    static List<String> failures(String value) {
        return AuthResults.parse(value).orElseThrow().failures();
    }

    @Test
    void readsGmailsFieldWithFoldingCommentsAndProperties() {
        AuthResults r = AuthResults.parse(
                        " mx.google.com;\r\n       dkim=pass header.i=@web.de header.s=s29768273 header.b=Ab1Cd2Ef;\r\n"
                                + "       spf=pass (google.com: domain of anna@web.de designates 203.0.113.7 as permitted sender) smtp.mailfrom=anna@web.de;\r\n"
                                + "       dmarc=pass (p=QUARANTINE sp=NONE dis=NONE) header.from=web.de")
                .orElseThrow();
        assertEquals("mx.google.com", r.authservId());
        assertEquals(
                List.of("dkim", "spf", "dmarc"),
                r.results().stream().map(AuthResults.Result::method).toList());
        assertEquals(Optional.of("web.de"), r.property("dmarc", "header.from"));
        assertEquals(Optional.of("anna@web.de"), r.property("spf", "smtp.mailfrom"));
        assertEquals(Optional.of("@web.de"), r.property("dkim", "header.i"));
        assertEquals(List.of(), r.failures());
    }

    @Test
    void dmarcFailAlwaysCounts() {
        assertEquals(
                List.of("dmarc=fail", "spf=fail"),
                failures("mx.google.com; dkim=none; spf=fail (google.com: domain of x@paypal.de"
                        + " does not designate 198.51.100.23 as permitted sender) smtp.mailfrom=x@paypal.de;"
                        + " dmarc=fail (p=REJECT sp=REJECT dis=QUARANTINE) header.from=paypal.de"));
        assertEquals(
                List.of("dmarc=fail"),
                failures("mx.google.com; dkim=pass header.i=@other.example; spf=pass;"
                        + " dmarc=fail header.from=bank.example"));
    }

    @Test
    void aValidSignatureExcusesSpfAsForwardingBreaksIt() {
        assertEquals(
                List.of(),
                failures("mx.google.com; dkim=pass header.i=@uni.example; spf=fail smtp.mailfrom=a@uni.example;"
                        + " dmarc=pass header.from=uni.example"));
        assertEquals(
                List.of(),
                failures("mx.google.com; dkim=pass header.i=@uni.example; spf=fail smtp.mailfrom=a@uni.example"));
        assertEquals(List.of("spf=fail"), failures("mx.google.com; dkim=none; spf=fail smtp.mailfrom=a@host.example"));
        assertEquals(List.of("spf=fail"), failures("mx.google.com; spf=hardfail smtp.mailfrom=a@host.example"));
    }

    @Test
    void aBrokenSignatureCountsUnlessAnotherPassed() {
        assertEquals(
                List.of("dkim=fail"),
                failures("mx.google.com; dkim=fail header.i=@ing.example; spf=softfail; dmarc=none"));
        assertEquals(
                List.of(),
                failures("mx.google.com; dkim=fail header.i=@list.example; dkim=pass header.i=@sender.example;"
                        + " spf=pass"));
    }

    @Test
    void softfailNeutralNoneAndErrorsAreNoVerdict() {
        assertEquals(
                List.of(),
                failures("mx.google.com; dkim=neutral (body hash did not verify) header.i=@x.example;"
                        + " spf=softfail smtp.mailfrom=x.example; dmarc=temperror; dkim=permerror"));
        assertEquals(List.of(), failures("mx.google.com; none"));
    }

    @Test
    void failInsideCommentsAndQuotedStringsIsNotAFailure() {
        assertEquals(
                List.of(),
                failures("mx.google.com; arc=pass (i=1 spf=fail spfdomain=lists.example dkim=pass"
                        + " dkdomain=gmx.de dmarc=pass fromdomain=gmx.de); spf=pass (no fail (nested; dmarc=fail) \\) here)"
                        + " smtp.mailfrom=gmx.de; dmarc=pass header.from=gmx.de"));
        AuthResults r = AuthResults.parse(
                        "mx.google.com; spf=pass reason=\"not a fail; dmarc=fail\" smtp.mailfrom=a.example")
                .orElseThrow();
        assertEquals(1, r.results().size());
        assertEquals(Optional.of("a.example"), r.property("spf", "smtp.mailfrom"));
        assertEquals(List.of(), r.failures());
    }

    @Test
    void versionsCaseAndQuotedAuthservIdAreRead() {
        AuthResults r = AuthResults.parse("\"MX.Example.ORG\" 1; DMARC/1 = FAIL header.from=Bank.example; SPF=Pass")
                .orElseThrow();
        assertEquals("mx.example.org", r.authservId());
        assertEquals(List.of("dmarc=fail"), r.failures());
    }

    @Test
    void onlyTheTopmostFieldOfOurOwnReceiverIsBelieved() {
        String gmail = "mx.google.com; dkim=none; spf=fail smtp.mailfrom=dkb.de; dmarc=fail header.from=dkb.de";
        String forgedBelow = "mx.google.com; dkim=pass; spf=pass; dmarc=pass header.from=dkb.de";
        String forwarder = "mx.forwarder.example; spf=fail; dmarc=fail";
        assertEquals(
                List.of("dmarc=fail", "spf=fail"),
                AuthResults.trusted(new String[] {gmail, forgedBelow}, GMAIL)
                        .orElseThrow()
                        .failures());
        // a field by someone else is skipped, above or below ours
        assertEquals(
                List.of(),
                AuthResults.trusted(new String[] {forwarder, forgedBelow}, GMAIL)
                        .orElseThrow()
                        .failures());
        assertTrue(AuthResults.trusted(new String[] {forwarder}, GMAIL).isEmpty());
        assertTrue(AuthResults.trusted(null, GMAIL).isEmpty());
        assertTrue(AuthResults.trusted(new String[] {gmail}, Set.of()).isEmpty());
    }

    @Test
    void commentsNestAndQuotedPairsAreSkipped() {
        assertEquals("a   b \"(kept)\" c", AuthResults.withoutComments("a (x (y) \\) z) b \"(kept)\" c"));
    }
}
