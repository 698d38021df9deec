package de.dockeragents.mailer.review.boundary;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DownloadHeadersTest {

    @Test
    void theNameIsQuotedSafelyForOldAndNewClients() {
        assertEquals(
                "attachment; filename=\"Befund M_ller.pdf\"; filename*=UTF-8''Befund%20M%C3%BCller.pdf",
                DownloadHeaders.disposition("Befund Müller.pdf"));
        // quotes, backslashes, separators and line breaks never end the header value or the name
        assertEquals(
                "attachment; filename=\"a_b_c_d_e__f.txt\"; filename*=UTF-8''a%22b%5Cc%2Fd%3Be%0D%0Af.txt",
                DownloadHeaders.disposition("a\"b\\c/d;e\r\nf.txt"));
        assertEquals(
                "attachment; filename=\"attachment\"; filename*=UTF-8''attachment", DownloadHeaders.disposition(" "));
        // a right-to-left override cannot disguise the extension in either form
        assertEquals("rechnung_fdp.exe", DownloadHeaders.ascii("rechnung\u202Efdp.exe"));
        assertEquals("rechnung%E2%80%AEfdp.exe", DownloadHeaders.percent("rechnung\u202Efdp.exe"));
    }

    @Test
    void onlyTypesNoBrowserRunsAsScriptKeepTheirName() {
        assertEquals("application/pdf", DownloadHeaders.contentType("application/pdf"));
        assertEquals("text/plain", DownloadHeaders.contentType("Text/Plain; charset=UTF-8"));
        for (String risky : new String[] {
            "text/html", "image/svg+xml", "application/xhtml+xml", "text/javascript", "application/xml", null, ""
        }) {
            assertEquals("application/octet-stream", DownloadHeaders.contentType(risky), risky);
        }
    }
}
