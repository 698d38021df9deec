package it.review;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every person logs in as themselves, against the running mailer and its PostgreSQL: the admin of
 * the operator's secret adds people; two of them log in and each decision's audit names its person;
 * logging out ends one session on the server and no other; a disabled person is out at once and
 * cannot log in; a reset password ends the old one's sessions; a name is locked out after its
 * failures and free again after the lockout; staff get 403 on the people API; CSRF still holds;
 * the password rules answer with their reason.
 */
class PeopleIT {

    static final String PASSWORD = "ein langer satz als passwort";

    static DevStack stack;
    static Seeded seeded;
    static Db db;
    static Http.Login admin;

    @BeforeAll
    static void stack() {
        stack = ItStack.get();
        seeded = new Seeded(stack);
        db = new Db(stack);
        admin = Http.page(stack.baseUrl(), DevStack.REVIEW_ADMIN, DevStack.REVIEW_ADMIN_PASSWORD);
    }

    static JsonObject json(Http.Response r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    /** A new person of this role, added by the admin; their name is unique to the test run. */
    static String person(String prefix, String role) {
        String name = prefix + "." + Seeded.tag();
        Http.Response r = admin.post(
                "/api/people",
                Json.createObjectBuilder()
                        .add("name", name)
                        .add("role", role)
                        .add("password", PASSWORD)
                        .build()
                        .toString());
        assertEquals(201, r.status(), r.body());
        return name;
    }

    static Seeded.Mail draft(String what) {
        return seeded.mail(
                "Rückruf " + what + " " + Seeded.tag(), "results_question", "high", true, null, "ai_draft", "DRAFT");
    }

    @Test
    void twoPeopleLogInAsThemselvesAndTheAuditNamesEachForTheirDecision() {
        String anna = person("anna", "staff");
        String ben = person("ben", "staff");
        Http.Login annaPc = Http.page(stack.baseUrl(), anna, PASSWORD);
        Http.Login benPc = Http.page(stack.baseUrl(), ben, PASSWORD);
        assertEquals(anna, json(annaPc.get("/api/session")).getString("user"));
        assertEquals(ben, json(benPc.get("/api/session")).getString("user"));

        Seeded.Mail first = draft("anna");
        Seeded.Mail second = draft("ben");
        Http.Response approved =
                annaPc.post("/api/drafts/" + first.outboundId() + "/approve", "{\"body\":\"Wir rufen zurück.\"}");
        assertEquals(200, approved.status(), approved.body());
        assertEquals(anna, json(approved).getString("approvedBy"));
        assertEquals(
                200,
                benPc.post("/api/drafts/" + second.outboundId() + "/reject", "{\"reason\":\"telefonisch erledigt\"}")
                        .status());

        assertEquals(List.of(Map.of("actor", anna, "action", "approve")), audit(first.outboundId()));
        assertEquals(List.of(Map.of("actor", ben, "action", "reject")), audit(second.outboundId()));
        assertEquals(
                anna,
                db.rows("select approved_by from outbound_mail where id = ?", first.outboundId())
                        .get(0)
                        .get("approved_by"));
        // the admin's adding them is audited with the admin's name
        assertEquals(
                List.of(Map.of("actor", DevStack.REVIEW_ADMIN, "action", "person_add", "new_value", anna)),
                db.rows(
                        "select actor, action, new_value from review_audit where action like 'person%'"
                                + " and new_value = ?",
                        anna));
        // and the API's audit trail shows the person too
        assertTrue(annaPc.get("/api/audit?mailId=" + first.mailId()).body().contains("\"actor\":\"" + anna + "\""));
    }

    @Test
    void loggingOutEndsThatSessionOnTheServerAndNoOther() {
        String anna = person("anna", "staff");
        String ben = person("ben", "staff");
        Http.Login annaPc = Http.page(stack.baseUrl(), anna, PASSWORD);
        Http.Login annaLaptop = Http.page(stack.baseUrl(), anna, PASSWORD);
        Http.Login benPc = Http.page(stack.baseUrl(), ben, PASSWORD);
        // the login lives in the server's session alone: no SSO token a copy could replay
        assertEquals(List.of("praxis-session"), annaPc.cookies());

        // the session cookie as it is before the logout, replayed afterwards by another client
        Http.Login copy = Http.browser(stack.baseUrl());
        String cookie = annaPc.cookieHeader();
        assertEquals(204, annaPc.logOut().status());

        assertEquals(401, annaPc.get("/api/mails").status());
        assertEquals("{\"authenticated\":false}", annaPc.get("/api/session").body());
        assertEquals(401, copy.getWithCookie("/api/mails", cookie).status());
        assertEquals(200, benPc.get("/api/mails").status());
        assertEquals(200, annaLaptop.get("/api/mails").status());
        Seeded.Mail m = draft("nach abmelden");
        assertEquals(
                200,
                benPc.post("/api/drafts/" + m.outboundId() + "/reject", "{}").status());
    }

    @Test
    void aDisabledPersonIsOutAtOnceAndCannotLogInUntilEnabledAgain() {
        String carla = person("carla", "staff");
        Http.Login carlaPc = Http.page(stack.baseUrl(), carla, PASSWORD);
        assertEquals(200, carlaPc.get("/api/mails").status());

        assertEquals(204, admin.post("/api/people/" + carla + "/disable").status());
        assertEquals(401, carlaPc.get("/api/mails").status());
        Http.Response again = Http.browser(stack.baseUrl()).logIn(carla, PASSWORD);
        // the same answer as a wrong password: nobody learns that the person exists
        assertEquals(401, again.status());
        assertEquals("wrong user or password", json(again).getString("detail"));
        assertEquals(
                401, Http.get(stack.baseUrl() + "/api/mails", carla, PASSWORD).status());
        JsonObject listed = listed(carla);
        assertFalse(listed.getBoolean("enabled"));
        assertFalse(listed.containsKey("passwordHash"));

        assertEquals(204, admin.post("/api/people/" + carla + "/enable").status());
        assertEquals(
                200,
                Http.page(stack.baseUrl(), carla, PASSWORD).get("/api/mails").status());
        assertEquals(
                List.of("person_disable", "person_enable"),
                db
                        .rows(
                                "select action from review_audit where new_value = ? and action <> 'person_add'"
                                        + " order by id",
                                carla)
                        .stream()
                        .map(r -> r.get("action"))
                        .toList());
    }

    @Test
    void aNewPasswordEndsTheOldOnesSessionsAndTheOldPasswordNoLongerWorks() {
        String dora = person("dora", "staff");
        Http.Login doraPc = Http.page(stack.baseUrl(), dora, PASSWORD);
        String newPassword = "zweiter langer satz fuer dora";
        Http.Response set = admin.put(
                "/api/people/" + dora + "/password",
                Json.createObjectBuilder().add("password", newPassword).build().toString());
        assertEquals(204, set.status(), set.body());
        assertEquals(401, doraPc.get("/api/mails").status());
        assertEquals(401, Http.browser(stack.baseUrl()).logIn(dora, PASSWORD).status());
        assertEquals(200, Http.browser(stack.baseUrl()).logIn(dora, newPassword).status());
        // the hash in the table is PBKDF2's, never the password
        String hash = (String) db.rows("select password_hash from review_person where name = ?", dora)
                .get(0)
                .get("password_hash");
        assertTrue(hash.startsWith("PBKDF2WithHmacSHA512:210000:"), hash);
        assertFalse(hash.contains(newPassword));
    }

    @Test
    void aNameIsLockedOutAfterItsFailuresAndFreeAgainAfterTheLockout() {
        String emil = person("emil", "staff");
        for (int i = 0; i < ItStack.LOGIN_MAX_FAILURES; i++) {
            assertEquals(
                    401,
                    Http.browser(stack.baseUrl()).logIn(emil, "falsch " + i).status());
        }
        Instant locked = Instant.now();
        Http.Response refused = Http.browser(stack.baseUrl()).logIn(emil, PASSWORD);
        assertEquals(429, refused.status(), refused.body());
        assertTrue(json(refused).getString("detail").startsWith("too many failed logins"), refused.body());
        // HTTP Basic is the same door
        Http.Response basic = Http.get(stack.baseUrl() + "/api/mails", emil, PASSWORD);
        assertEquals(401, basic.status());
        assertTrue(basic.header("Retry-After") != null, "Retry-After on a locked Basic login");
        // other people are not locked out meanwhile
        assertEquals(
                200,
                Http.browser(stack.baseUrl())
                        .logIn(DevStack.REVIEW_STAFF, DevStack.REVIEW_STAFF_PASSWORD)
                        .status());

        Http.Response after = Waits.until(
                ItStack.LOGIN_LOCKOUT.plusSeconds(20),
                "the lockout of " + emil + " ends",
                () -> Http.browser(stack.baseUrl()).logIn(emil, PASSWORD),
                r -> r.status() == 200);
        Duration lasted = Duration.between(locked, Instant.now());
        assertTrue(
                lasted.compareTo(ItStack.LOGIN_LOCKOUT.minusMillis(500)) >= 0,
                "locked out for " + lasted + ", at least " + ItStack.LOGIN_LOCKOUT);
        assertEquals(emil, json(after).getString("user"));
    }

    @Test
    void staffGet403OnThePeopleApiAndChangeNothing() {
        String fritz = person("fritz", "staff");
        Http.Login staff = Http.page(stack.baseUrl(), fritz, PASSWORD);
        assertFalse(json(staff.get("/api/session")).getBoolean("admin"));
        assertEquals(403, staff.get("/api/people").status());
        assertEquals(
                403,
                staff.post("/api/people", "{\"name\":\"eindringling\",\"password\":\"" + PASSWORD + "\"}")
                        .status());
        assertEquals(403, staff.post("/api/people/" + fritz + "/disable").status());
        assertEquals(
                403,
                staff.put("/api/people/" + DevStack.REVIEW_ADMIN + "/password", "{\"password\":\"" + PASSWORD + "\"}")
                        .status());
        assertEquals(0, db.count("select count(*) from review_person where name = 'eindringling'"));
        // an admin added on the page may do what admins do
        String gisela = person("gisela", "admin");
        Http.Login giselaPc = Http.page(stack.baseUrl(), gisela, PASSWORD);
        assertTrue(json(giselaPc.get("/api/session")).getBoolean("admin"));
        assertEquals(200, giselaPc.get("/api/people").status());
        assertEquals(200, giselaPc.get("/api/dead-letters").status());
    }

    @Test
    void changingPeopleNeedsTheCsrfTokenLikeEveryOtherChange() {
        String body = "{\"name\":\"ohne.token\",\"password\":\"" + PASSWORD + "\"}";
        Http.Response missing = admin.call("POST", "/api/people", body, null);
        assertEquals(403, missing.status());
        assertEquals("X-CSRF-Token", json(missing).getString("field"));
        assertEquals(403, admin.call("POST", "/api/people", body, "falsch").status());
        assertEquals(0, db.count("select count(*) from review_person where name = 'ohne.token'"));
        String hans = person("hans", "staff");
        assertEquals(
                403,
                admin.call("POST", "/api/people/" + hans + "/disable", null, null)
                        .status());
        assertEquals(
                Boolean.TRUE,
                db.rows("select enabled from review_person where name = ?", hans)
                        .get(0)
                        .get("enabled"));
    }

    @Test
    void thePasswordRulesAndNamesAnswer400WithTheReasonAndTheConfiguredAdminIsTheSecrets() {
        Http.Response shortOne = admin.post("/api/people", "{\"name\":\"ida.kurz\",\"password\":\"kurz\"}");
        assertEquals(400, shortOne.status());
        assertEquals("password", json(shortOne).getString("field"));
        assertEquals(
                "the password must be at least 10 characters long (it has 4)",
                json(shortOne).getString("detail"));
        Http.Response withName =
                admin.post("/api/people", "{\"name\":\"ida.name\",\"password\":\"ida.name-und-mehr\"}");
        assertEquals(400, withName.status());
        assertEquals(
                "the password must not contain the user name", json(withName).getString("detail"));
        Http.Response badName = admin.post("/api/people", "{\"name\":\"Ida Leer\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(400, badName.status());
        assertEquals("name", json(badName).getString("field"));
        String ida = person("ida", "staff");
        Http.Response twice = admin.post("/api/people", "{\"name\":\"" + ida + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(409, twice.status());
        assertEquals(
                0, db.count("select count(*) from review_person where name like 'ida.kurz%' or name = 'ida.name'"));

        // the admin of the operator's secret: made at start, changed only by the secret
        Http.Response reset =
                admin.put("/api/people/" + DevStack.REVIEW_ADMIN + "/password", "{\"password\":\"" + PASSWORD + "\"}");
        assertEquals(409, reset.status());
        assertTrue(json(reset).getString("detail").contains("review.admin"), reset.body());
        assertEquals(
                409,
                admin.post("/api/people/" + DevStack.REVIEW_ADMIN + "/disable").status());
        List<Map<String, Object>> configured =
                db.rows("select name, role from review_person where configured order by name");
        assertEquals(
                List.of(
                        Map.of("name", DevStack.REVIEW_ADMIN, "role", "admin"),
                        Map.of("name", DevStack.REVIEW_STAFF, "role", "staff")),
                configured);
        assertNotEquals(
                DevStack.REVIEW_ADMIN_PASSWORD,
                db.rows("select password_hash from review_person where name = ?", DevStack.REVIEW_ADMIN)
                        .get(0)
                        .get("password_hash"));
    }

    /** The person as the admin's list shows them. */
    static JsonObject listed(String name) {
        Http.Response r = admin.get("/api/people");
        assertEquals(200, r.status(), r.body());
        return Json.createReader(new StringReader(r.body())).readArray().stream()
                .map(v -> v.asJsonObject())
                .filter(p -> p.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + r.body()));
    }

    static List<Map<String, Object>> audit(long outboundId) {
        return db.rows("select actor, action from review_audit where outbound_id = ? order by id", outboundId);
    }
}
