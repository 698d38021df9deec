package it.review;

import java.io.StringReader;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.DevStack;
import dev.Waits;
import it.support.Db;
import it.support.Http;
import it.support.ItStack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The staff API against the running mailer: who may do what, CSRF, the draft's way from approval
 * to exactly one sent mail, rejection, requeueing a dead letter, category corrections in the audit
 * trail, the inbox's order (what needs attention first), its counts, filters and paging, and clear
 * answers to bad input.
 */
class ReviewApiIT {

    static DevStack stack;
    static Seeded seeded;
    static Db db;
    static Http.Login staff;
    static Http.Login admin;

    @BeforeAll
    static void stack() {
        stack = ItStack.get();
        seeded = new Seeded(stack);
        db = new Db(stack);
        staff = Http.staff(stack);
        admin = Http.admin(stack);
    }

    static JsonObject json(Http.Response r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    static Seeded.Mail draft(String what) {
        return seeded.mail(
                "Rückruf " + what + " " + Seeded.tag(), "results_question", "high", true, null, "ai_draft", "DRAFT");
    }

    @Test
    void withoutLoginTheApiAnswers401AndHealthAndMetricsStayOpen() {
        Seeded.Mail m = draft("anonym");
        for (String path : List.of("/api/mails", "/api/mails/" + m.mailId(), "/api/audit", "/api/dead-letters")) {
            Http.Response r = Http.get(stack.baseUrl() + path);
            assertEquals(401, r.status(), path);
            assertFalse(r.body().contains("patient.example"), path);
        }
        assertEquals(
                401,
                Http.post(stack.baseUrl() + "/api/drafts/" + m.outboundId() + "/approve")
                        .status());
        assertEquals(401, Http.post(stack.baseUrl() + "/api/ops/poll").status());
        assertEquals(
                401,
                Http.get(stack.baseUrl() + "/api/mails", DevStack.REVIEW_STAFF, "wrong")
                        .status());
        assertEquals(
                401,
                Http.get(stack.baseUrl() + "/api/mails", DevStack.REVIEW_STAFF, "")
                        .status());
        // the session endpoint tells the page it is not logged in, without a challenge
        assertEquals(
                "{\"authenticated\":false}",
                Http.get(stack.baseUrl() + "/api/session").body());
        assertEquals(200, Http.get(stack.baseUrl() + "/health/ready").status());
        Http.Response metrics = Http.get(stack.baseUrl() + "/metrics");
        assertEquals(200, metrics.status());
        assertFalse(metrics.body().contains("@"), "no addresses in /metrics");
        assertEquals("DRAFT", seeded.status(m.outboundId()));
    }

    @Test
    void thePageLogsInWithJsonAndGetsStrictHttpOnlyCookies() throws Exception {
        var client = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .build();
        java.util.function.BiFunction<String, String, java.net.http.HttpResponse<String>> login = (type, body) -> {
            try {
                return client.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.baseUrl() + "/api/session"))
                                .header("Content-Type", type)
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertEquals(
                401,
                login.apply("application/json", "{\"user\":\"staff\",\"password\":\"wrong\"}")
                        .statusCode());
        // a form on another site can send this content type, never JSON: refused
        assertEquals(
                415,
                login.apply(
                                "application/x-www-form-urlencoded",
                                "user=staff&password=" + DevStack.REVIEW_STAFF_PASSWORD)
                        .statusCode());
        var ok = login.apply(
                "application/json", "{\"user\":\"staff\",\"password\":\"" + DevStack.REVIEW_STAFF_PASSWORD + "\"}");
        assertEquals(200, ok.statusCode(), ok.body());
        List<String> cookies = ok.headers().allValues("Set-Cookie");
        // the login lives in the server's session: no SSO token beside it
        assertTrue(cookies.stream().noneMatch(c -> c.startsWith("praxis-sso=")), cookies.toString());
        assertTrue(cookies.stream().anyMatch(c -> c.startsWith("praxis-session=")), cookies.toString());
        for (String c : cookies) {
            assertTrue(c.contains("HttpOnly") && c.contains("SameSite=Strict"), c);
        }
        String token = json(new Http.Response(200, ok.body())).getString("csrfToken");
        // a second PC logged in as the same person: not logged out by the first one's logout
        Http.Login otherPc = Http.staff(stack);
        // the cookies alone carry the login now
        var mails = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.baseUrl() + "/api/mails"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, mails.statusCode());
        var out = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.baseUrl() + "/api/session"))
                        .header("X-CSRF-Token", token)
                        .DELETE()
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(204, out.statusCode());
        var after = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.baseUrl() + "/api/mails"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, after.statusCode());
        assertEquals(200, otherPc.get("/api/mails").status());
        Seeded.Mail m = draft("zweiter PC");
        assertEquals(
                200,
                otherPc.post("/api/drafts/" + m.outboundId() + "/reject", "{}").status());
    }

    @Test
    void staffCannotDoWhatIsAdmins() {
        Seeded.Mail dead = seeded.mail("Tot staff " + Seeded.tag(), "other", "normal", true, null, "ai_draft", "DEAD");
        assertEquals(403, staff.get("/api/dead-letters").status());
        assertEquals(
                403,
                staff.post("/api/dead-letters/" + dead.outboundId() + "/requeue")
                        .status());
        assertEquals(403, staff.post("/api/ops/poll").status());
        assertEquals("DEAD", seeded.status(dead.outboundId()));
        assertEquals(200, admin.get("/api/dead-letters").status());
        JsonObject session = json(staff.get("/api/session"));
        assertEquals("staff", session.getString("user"));
        assertFalse(session.getBoolean("admin"));
        assertTrue(json(admin.get("/api/session")).getBoolean("admin"));
    }

    @Test
    void aStateChangeWithoutTheCsrfTokenIs403AndChangesNothing() {
        Seeded.Mail m = draft("csrf");
        String approve = "/api/drafts/" + m.outboundId() + "/approve";
        String text = "{\"body\":\"ohne Token\"}";
        Http.Response missing = staff.call("POST", approve, text, null);
        assertEquals(403, missing.status());
        assertEquals("X-CSRF-Token", json(missing).getString("field"));
        assertEquals(403, staff.call("POST", approve, text, "wrong-token").status());
        // a token is the session's: another user's does not do
        assertEquals(403, staff.call("POST", approve, text, admin.csrfToken()).status());
        assertEquals(403, admin.call("POST", "/api/ops/poll", null, null).status());
        assertEquals(
                403,
                staff.call("PUT", "/api/mails/" + m.mailId() + "/category", "{\"category\":\"other\"}", null)
                        .status());
        assertEquals("DRAFT", seeded.status(m.outboundId()));
        assertEquals(
                0,
                db.count(
                        "select count(*) from review_audit where outbound_id = ? or mail_id = ?",
                        m.outboundId(),
                        m.mailId()));
    }

    @Test
    void anApprovedDraftIsSentExactlyOnceWithTheEditedTextAndASecondApprovalIs409() {
        Seeded.Mail m = draft("freigabe");
        String edited = "Guten Tag,\nbitte rufen Sie uns morgen ab 8 Uhr an.\nIhre Praxis " + Seeded.tag();
        Http.Response ok = staff.post(
                "/api/drafts/" + m.outboundId() + "/approve",
                Json.createObjectBuilder()
                        .add("subject", "Ihr Rückruf")
                        .add("body", edited)
                        // the recipient is code's choice: a field trying to change it is ignored
                        .add("recipient", "attacker@evil.example")
                        .build()
                        .toString());
        assertEquals(200, ok.status(), ok.body());
        JsonObject draft = json(ok);
        assertEquals("PENDING", draft.getString("status"));
        assertEquals("staff", draft.getString("approvedBy"));
        assertEquals(m.sender(), draft.getString("recipient"));

        Http.Response again = staff.post("/api/drafts/" + m.outboundId() + "/approve", "{\"body\":\"noch mal\"}");
        assertEquals(409, again.status());
        assertEquals(409, json(again).getInt("status"));
        assertEquals(
                409,
                admin.post("/api/drafts/" + m.outboundId() + "/reject", "{}").status());

        Waits.until(
                Duration.ofSeconds(60),
                "the approved draft is SENT",
                () -> "SENT".equals(seeded.status(m.outboundId())));
        Waits.until(
                Duration.ofSeconds(30),
                "delivered",
                () -> !seeded.delivered(m.sender()).isEmpty());
        // a few more outbox runs: still exactly one
        Waits.until(
                Duration.ofSeconds(10),
                "later outbox runs",
                () -> db.count("select count(*) from outbound_mail where status = 'PENDING' and id = ?", m.outboundId())
                        == 0);
        assertEquals(1, seeded.delivered(m.sender()).size());
        String sent = Seeded.text(seeded.delivered(m.sender()).get(0)).replace("\r\n", "\n");
        assertTrue(sent.contains("ab 8 Uhr an."), sent);
        assertTrue(seeded.delivered("attacker@evil.example").isEmpty());

        Map<String, Object> audit = db.rows("select * from review_audit where outbound_id = ?", m.outboundId())
                .get(0);
        assertEquals("staff", audit.get("actor"));
        assertEquals("approve", audit.get("action"));
        assertEquals("edited", audit.get("detail"));
        assertEquals(1, db.count("select count(*) from review_audit where outbound_id = ?", m.outboundId()));
    }

    @Test
    void aRejectedDraftIsNeverSent() {
        Seeded.Mail m = draft("ablehnung");
        Http.Response r =
                staff.post("/api/drafts/" + m.outboundId() + "/reject", "{\"reason\":\"telefonisch erledigt\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals("REJECTED", json(r).getString("status"));
        assertEquals(
                409,
                staff.post("/api/drafts/" + m.outboundId() + "/approve", "{\"body\":\"doch\"}")
                        .status());
        JsonObject trail = json(staff.get("/api/audit?mailId=" + m.mailId()));
        assertEquals(1, trail.getInt("total"));
        JsonObject entry = trail.getJsonArray("items").getJsonObject(0);
        assertEquals("reject", entry.getString("action"));
        assertEquals("staff", entry.getString("actor"));
        assertEquals("telefonisch erledigt", entry.getString("detail"));
        assertEquals("REJECTED", seeded.status(m.outboundId()));
        assertTrue(seeded.delivered(m.sender()).isEmpty());
    }

    @Test
    void anAdminRequeuesADeadLetterAndItIsSentOnce() {
        Seeded.Mail m = seeded.mail("Tot " + Seeded.tag(), "other", "normal", true, null, "ai_draft", "DEAD");
        JsonObject dead = json(admin.get("/api/dead-letters?limit=200"));
        assertTrue(dead.getJsonArray("items").stream()
                .anyMatch(v -> v.asJsonObject().getInt("id") == m.outboundId()));

        assertEquals(
                204,
                admin.post("/api/dead-letters/" + m.outboundId() + "/requeue").status());
        Waits.until(
                Duration.ofSeconds(60),
                "the requeued mail is SENT",
                () -> "SENT".equals(seeded.status(m.outboundId())));
        Waits.until(
                Duration.ofSeconds(30),
                "delivered",
                () -> !seeded.delivered(m.sender()).isEmpty());
        assertEquals(1, seeded.delivered(m.sender()).size());
        assertEquals(
                1,
                ((Number) db.rows("select attempts from outbound_mail where id = ?", m.outboundId())
                                .get(0)
                                .get("attempts"))
                        .intValue(),
                "attempts start again from zero");
        assertEquals(
                409,
                admin.post("/api/dead-letters/" + m.outboundId() + "/requeue").status());
        assertEquals(404, admin.post("/api/dead-letters/999999999/requeue").status());
        Map<String, Object> audit = db.rows("select * from review_audit where outbound_id = ?", m.outboundId())
                .get(0);
        assertEquals("requeue", audit.get("action"));
        assertEquals("admin", audit.get("actor"));
        assertEquals("DEAD", audit.get("old_value"));
    }

    @Test
    void aCategoryCorrectionIsShownFilteredByAndAudited() {
        Seeded.Mail m = draft("korrektur");
        Http.Response r = staff.put("/api/mails/" + m.mailId() + "/category", "{\"category\":\"prescription\"}");
        assertEquals(200, r.status(), r.body());
        JsonObject c = json(r);
        assertEquals("prescription", c.getString("category"));
        assertEquals("results_question", c.getString("triageCategory"));
        assertEquals("staff", c.getString("correctedBy"));
        assertEquals("ai", c.getString("classifiedBy"));

        JsonObject detail = json(staff.get("/api/mails/" + m.mailId()));
        assertEquals("prescription", detail.getJsonObject("classification").getString("category"));
        JsonObject list = json(staff.get("/api/mails?category=prescription&limit=200"));
        assertTrue(list.getJsonArray("items").stream()
                .anyMatch(v -> v.asJsonObject().getInt("id") == m.mailId()));

        JsonObject entry = json(admin.get("/api/audit?mailId=" + m.mailId()))
                .getJsonArray("items")
                .getJsonObject(0);
        assertEquals("correct_category", entry.getString("action"));
        assertEquals("results_question", entry.getString("oldValue"));
        assertEquals("prescription", entry.getString("newValue"));
        assertEquals("staff", entry.getString("actor"));
        assertNotNull(entry.getString("at"));

        Seeded.Mail unclassified = seeded.mail("Ohne Einordnung " + Seeded.tag(), null, null, false, null, null, null);
        assertEquals(
                409,
                staff.put("/api/mails/" + unclassified.mailId() + "/category", "{\"category\":\"other\"}")
                        .status());
        assertEquals(
                404,
                staff.put("/api/mails/999999999/category", "{\"category\":\"other\"}")
                        .status());
    }

    @Test
    void theInboxShowsTheMostUrgentFirstThenTheNewestAndPages() {
        // received in the future, so they are the newest of their priority whatever else the stack holds
        OffsetDateTime base =
                OffsetDateTime.of(2100, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC).plusMinutes((long) (Math.random() * 100_000));
        String tag = Seeded.tag();
        Seeded.Mail u1 = seeded.mail("Notfall 1 " + tag, "emergency", "urgent", true, base.plusMinutes(1), null, null);
        Seeded.Mail u2 = seeded.mail("Notfall 2 " + tag, "emergency", "urgent", true, base.plusMinutes(2), null, null);
        Seeded.Mail u3 = seeded.mail("Notfall 3 " + tag, "emergency", "urgent", true, base.plusMinutes(3), null, null);
        Seeded.Mail normal =
                seeded.mail("Termin " + tag, "appointment_new", "normal", false, base.plusMinutes(10), null, null);

        List<Long> all = ids(json(staff.get("/api/mails?limit=200")));
        assertTrue(all.indexOf(u1.mailId()) < all.indexOf(normal.mailId()), "urgent before the newer normal mail");

        String filter = "/api/mails?priority=urgent&category=emergency&needsReply=true";
        JsonObject whole = json(staff.get(filter + "&limit=200"));
        JsonObject first = json(staff.get(filter + "&limit=2"));
        assertEquals(2, first.getInt("limit"));
        assertEquals(2, first.getJsonArray("items").size());
        assertTrue(first.getInt("total") >= 3);
        // page by page, two at a time, the pages add up to the whole list
        List<Long> paged = new java.util.ArrayList<>();
        for (int offset = 0; offset < Math.min(first.getInt("total"), 200); offset += 2) {
            JsonObject page = json(staff.get(filter + "&limit=2&offset=" + offset));
            assertEquals(offset, page.getInt("offset"));
            paged.addAll(ids(page));
        }
        assertEquals(ids(whole), paged);
        List<Long> ours = paged.stream()
                .filter(id -> id == u1.mailId() || id == u2.mailId() || id == u3.mailId())
                .toList();
        assertEquals(List.of(u3.mailId(), u2.mailId(), u1.mailId()), ours, "newest first within a priority");

        JsonObject first1 = first.getJsonArray("items").getJsonObject(0);
        assertEquals("urgent", first1.getString("priority"));
        assertEquals("ai", first1.getString("classifiedBy"));
        assertTrue(ids(json(staff.get("/api/mails?status=NONE&priority=normal&needsReply=false&limit=200")))
                .contains(normal.mailId()));
        assertFalse(ids(json(staff.get("/api/mails?status=DRAFT&limit=200"))).contains(normal.mailId()));
        assertFalse(ids(json(staff.get("/api/mails?needsReply=true&limit=200"))).contains(normal.mailId()));
    }

    @Test
    void theInboxOpensOnUrgentMailOfTheLastWeekWhateverItsReplyThenDraftsWaitingThenTheRestWithTheirCounts() {
        OffsetDateTime now = OffsetDateTime.now();
        String tag = Seeded.tag();
        Seeded.Mail answered = seeded.mail(
                "Notfall beantwortet " + tag, "emergency", "urgent", true, now.minusDays(2), "template_auto", "SENT");
        Seeded.Mail urgentDraft = seeded.mail(
                "Dringend Entwurf " + tag, "results_question", "urgent", true, now.minusDays(1), "ai_draft", "DRAFT");
        Seeded.Mail corrected = seeded.mail(
                "Korrigiert zu Notfall " + tag, "appointment_new", "normal", true, now.minusHours(1), null, null);
        Seeded.Mail oldUrgent =
                seeded.mail("Alt dringend " + tag, "results_question", "urgent", true, now.minusDays(8), null, null);
        Seeded.Mail oldUrgentDraft = seeded.mail(
                "Alt dringend Entwurf " + tag,
                "results_question",
                "urgent",
                true,
                now.minusDays(8),
                "ai_draft",
                "DRAFT");
        Seeded.Mail waiting = seeded.mail(
                "Entwurf wartet " + tag, "appointment_new", "normal", true, now.minusHours(1), "ai_draft", "DRAFT");
        Seeded.Mail rest = seeded.mail("Übrige " + tag, "appointment_new", "normal", true, now, null, null);
        // a person's correction to the urgent category counts, whatever triage's priority was
        assertEquals(
                200,
                staff.put("/api/mails/" + corrected.mailId() + "/category", "{\"category\":\"emergency\"}")
                        .status());

        Map<Long, JsonObject> seen = new java.util.LinkedHashMap<>();
        List<String> groups = new java.util.ArrayList<>();
        long total = -1;
        for (int offset = 0; total < 0 || offset < total; offset += 200) {
            JsonObject page = json(staff.get("/api/mails?limit=200&offset=" + offset));
            total = page.getInt("total");
            for (var v : page.getJsonArray("items")) {
                JsonObject m = v.asJsonObject();
                seen.put(m.getJsonNumber("id").longValue(), m);
                groups.add(m.getString("group"));
            }
        }
        assertEquals(total, seen.size(), "the pages add up to the whole inbox, each mail once");
        List<String> order = List.of("attention", "draft", "rest");
        for (int i = 1; i < groups.size(); i++) {
            assertTrue(order.indexOf(groups.get(i - 1)) <= order.indexOf(groups.get(i)), "groups in order at row " + i);
        }
        Map<Seeded.Mail, String> expected = Map.of(
                answered,
                "attention",
                urgentDraft,
                "attention",
                corrected,
                "attention",
                oldUrgent,
                "rest",
                oldUrgentDraft,
                "draft",
                waiting,
                "draft",
                rest,
                "rest");
        expected.forEach((m, group) -> assertEquals(group, seen.get(m.mailId()).getString("group"), m.subject()));
        assertTrue(
                seen.get(answered.mailId()).getBoolean("answered"),
                "the emergency answered automatically is marked so");
        assertEquals("template_auto", seen.get(answered.mailId()).getString("replyKind"));
        assertFalse(seen.get(corrected.mailId()).getBoolean("answered"));
        assertFalse(seen.get(urgentDraft.mailId()).getBoolean("answered"));

        JsonObject counts = json(staff.get("/api/mails/counts"));
        assertEquals(
                groups.stream().filter("attention"::equals).count(),
                counts.getJsonNumber("attention").longValue());
        assertEquals(
                groups.stream().filter("draft"::equals).count(),
                counts.getJsonNumber("drafts").longValue());
        assertEquals(
                groups.stream().filter("rest"::equals).count(),
                counts.getJsonNumber("rest").longValue());

        // filters apply to every group: the waiting drafts, urgent ones of the week first
        List<Long> drafts = ids(json(staff.get("/api/mails?status=DRAFT&limit=200")));
        assertTrue(drafts.indexOf(urgentDraft.mailId()) < drafts.indexOf(waiting.mailId()));
        assertTrue(drafts.contains(oldUrgentDraft.mailId()));
        assertFalse(drafts.contains(answered.mailId()) || drafts.contains(rest.mailId()));
    }

    static List<Long> ids(JsonObject page) {
        return page.getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getJsonNumber("id").longValue())
                .toList();
    }

    @Test
    void badInputIsA400NamingTheFieldAndChangesNothing() {
        Seeded.Mail m = draft("ungültig");
        String approve = "/api/drafts/" + m.outboundId() + "/approve";
        Map<String, Http.Response> cases = new java.util.LinkedHashMap<>();
        cases.put("limit", staff.get("/api/mails?limit=0"));
        cases.put("offset", staff.get("/api/mails?offset=-1"));
        cases.put("priority", staff.get("/api/mails?priority=sofort"));
        cases.put("status", staff.get("/api/mails?status=LOST"));
        cases.put("needsReply", staff.get("/api/mails?needsReply=vielleicht"));
        cases.put("category", staff.get("/api/mails?category=nope"));
        cases.put("id", staff.get("/api/mails/abc"));
        cases.put("mailId", staff.get("/api/audit?mailId=x"));
        cases.put("body", staff.post(approve, "{not json"));
        cases.put("body ", staff.post(approve, "{\"subject\":\"x\"}"));
        cases.put("body  ", staff.post(approve, "{\"body\":42}"));
        cases.put("subject", staff.post(approve, "{\"body\":\"x\",\"subject\":\"a\\r\\nBcc: x@evil.example\"}"));
        cases.put(
                "reason",
                staff.post("/api/drafts/" + m.outboundId() + "/reject", "{\"reason\":\"" + "x".repeat(501) + "\"}"));
        cases.put("category ", staff.put("/api/mails/" + m.mailId() + "/category", "{\"category\":\"../etc\"}"));
        cases.forEach((field, r) -> {
            assertEquals(400, r.status(), field + ": " + r.body());
            assertEquals("application/problem+json", r.header("Content-Type"), field);
            JsonObject problem = json(r);
            assertEquals(field.strip(), problem.getString("field"), r.body());
            assertFalse(problem.getString("detail").isBlank());
        });
        assertEquals(404, staff.get("/api/mails/999999999").status());
        assertEquals(
                404,
                staff.post("/api/drafts/999999999/approve", "{\"body\":\"x\"}").status());
        assertEquals("DRAFT", seeded.status(m.outboundId()));
        assertEquals(0, db.count("select count(*) from review_audit where mail_id = ?", m.mailId()));

        Seeded.Mail auto =
                seeded.mail("Automatisch " + Seeded.tag(), "emergency", "urgent", true, null, "template_auto", "SENT");
        assertEquals(
                409,
                staff.post("/api/drafts/" + auto.outboundId() + "/approve", "{\"body\":\"x\"}")
                        .status());
    }

    @Test
    void theMailDetailCarriesTheVerdictTheDraftAndTheSecurityHeaders() {
        Seeded.Mail m = draft("detail");
        Http.Response r = staff.get("/api/mails/" + m.mailId());
        assertEquals(200, r.status());
        JsonObject mail = json(r);
        assertEquals(m.subject(), mail.getString("subject"));
        assertTrue(mail.getString("from").contains(m.sender()), "staff see whom they answer");
        assertEquals("high", mail.getJsonObject("classification").getString("priority"));
        assertEquals("ai_draft", mail.getJsonObject("draft").getString("kind"));
        assertEquals("DRAFT", mail.getJsonObject("draft").getString("status"));
        assertTrue(r.header("Cache-Control").startsWith("no-store"), r.header("Cache-Control"));

        Http.Response page = Http.get(stack.baseUrl() + "/");
        assertEquals(200, page.status());
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("no-referrer", page.header("Referrer-Policy"));

        Http.Response openapi = Http.get(stack.baseUrl() + "/openapi");
        assertEquals(200, openapi.status());
        assertTrue(openapi.body().contains("/api/drafts/{id}/approve"), openapi.body());
    }
}
