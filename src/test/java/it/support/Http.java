package it.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.DevStack;

/** Plain HTTP to the mailer: health, metrics, and the API as a logged-in user. */
public final class Http {

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {

        public Response(int status, String body) {
            this(status, body, null);
        }

        public String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }
    }

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private Http() {}

    public static Response get(String url) {
        return send(
                CLIENT,
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build());
    }

    /** A GET with these HTTP Basic credentials and nothing else. */
    public static Response get(String url, String user, String password) {
        return send(
                CLIENT,
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                        .GET()
                        .build());
    }

    /** A POST without login or CSRF token (the API answers 401). */
    public static Response post(String url) {
        return send(
                CLIENT,
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
    }

    /** The stack's admin, logged in: for the ops trigger and anything else behind the admin role. */
    public static Login admin(DevStack stack) {
        return login(stack.baseUrl(), DevStack.REVIEW_ADMIN, DevStack.REVIEW_ADMIN_PASSWORD);
    }

    public static Login staff(DevStack stack) {
        return login(stack.baseUrl(), DevStack.REVIEW_STAFF, DevStack.REVIEW_STAFF_PASSWORD);
    }

    /**
     * A script's session: HTTP Basic on every call, the session cookie kept, and the CSRF token
     * from GET /api/session sent with every state-changing call.
     */
    public static Login login(String baseUrl, String user, String password) {
        Login login = new Login(
                baseUrl,
                "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        Response session = login.get("/api/session");
        if (session.status() != 200 || !session.body().contains("\"csrfToken\"")) {
            throw new IllegalStateException("login as " + user + " failed: " + session.status() + " " + session.body());
        }
        login.csrf = jakarta.json.Json.createReader(new java.io.StringReader(session.body()))
                .readObject()
                .getString("csrfToken");
        return login;
    }

    /**
     * The page's way in: the credentials once, as JSON to POST /api/session, then only the session
     * cookie (no Basic header) and the CSRF token the login answered with.
     */
    public static Login page(String baseUrl, String user, String password) {
        Login login = new Login(baseUrl, null);
        Response r = login.logIn(user, password);
        if (r.status() != 200) {
            throw new IllegalStateException("page login as " + user + " failed: " + r.status() + " " + r.body());
        }
        return login;
    }

    /** A browser that has not logged in yet: {@link Login#logIn} tries. */
    public static Login browser(String baseUrl) {
        return new Login(baseUrl, null);
    }

    /** A browser that has not logged in yet and trusts what this TLS context trusts (an imported certificate). */
    public static Login browser(String baseUrl, javax.net.ssl.SSLContext tls) {
        return new Login(baseUrl, null, tls);
    }

    public static final class Login {
        private final String baseUrl;
        private final String authorization;
        private final HttpClient client;
        private String csrf;

        private Login(String baseUrl, String authorization) {
            this(baseUrl, authorization, null);
        }

        private Login(String baseUrl, String authorization, javax.net.ssl.SSLContext tls) {
            this.baseUrl = baseUrl;
            this.authorization = authorization;
            HttpClient.Builder b = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(3))
                    .cookieHandler(new CookieManager());
            this.client = (tls == null ? b : b.sslContext(tls)).build();
        }

        public String csrfToken() {
            return csrf;
        }

        /** POST /api/session as the page does; on 200 the session's CSRF token is kept. */
        public Response logIn(String user, String password) {
            Response r = call(
                    "POST",
                    "/api/session",
                    jakarta.json.Json.createObjectBuilder()
                            .add("user", user)
                            .add("password", password)
                            .build()
                            .toString(),
                    null);
            if (r.status() == 200) {
                csrf = jakarta.json.Json.createReader(new java.io.StringReader(r.body()))
                        .readObject()
                        .getString("csrfToken");
            }
            return r;
        }

        /** DELETE /api/session with the token: logged out. */
        public Response logOut() {
            return call("DELETE", "/api/session", null, csrf);
        }

        /** The cookies this client holds, as a Cookie header would carry them. */
        public String cookieHeader() {
            return ((CookieManager) client.cookieHandler().orElseThrow())
                    .getCookieStore().getCookies().stream()
                            .map(c -> c.getName() + "=" + c.getValue())
                            .collect(java.util.stream.Collectors.joining("; "));
        }

        /** A GET carrying this Cookie header (e.g. cookies copied from another client). */
        public Response getWithCookie(String path, String cookieHeader) {
            return Http.send(
                    client, request(path).header("Cookie", cookieHeader).GET().build());
        }

        /** The names of the cookies this client holds. */
        public java.util.List<String> cookies() {
            return ((CookieManager) client.cookieHandler().orElseThrow())
                    .getCookieStore().getCookies().stream()
                            .map(java.net.HttpCookie::getName)
                            .toList();
        }

        public Response get(String path) {
            return Http.send(client, request(path).GET().build());
        }

        /** A POST without a body, e.g. /api/ops/poll. */
        public Response post(String path) {
            return post(path, Duration.ofSeconds(60));
        }

        /** A POST without a body that may take longer than the usual 60 s to answer. */
        public Response post(String path, Duration timeout) {
            return Http.send(
                    client,
                    request(path)
                            .timeout(timeout)
                            .header("X-CSRF-Token", csrf)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build());
        }

        public Response post(String path, String json) {
            return Http.send(client, withJson(request(path).header("X-CSRF-Token", csrf), "POST", json));
        }

        public Response put(String path, String json) {
            return Http.send(client, withJson(request(path).header("X-CSRF-Token", csrf), "PUT", json));
        }

        /** Any method, with the headers as given: to show what happens without the token. */
        public Response call(String method, String path, String json, String csrfToken) {
            HttpRequest.Builder b = request(path);
            if (csrfToken != null) {
                b.header("X-CSRF-Token", csrfToken);
            }
            return Http.send(client, withJson(b, method, json));
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder b =
                    HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
            return authorization == null ? b : b.header("Authorization", authorization);
        }
    }

    private static HttpRequest withJson(HttpRequest.Builder b, String method, String json) {
        return b.header("Content-Type", "application/json")
                .method(
                        method,
                        json == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
    }

    private static Response send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            return new Response(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of one Prometheus sample, e.g. {@code emails_stored_total{mp_scope="application",}}. */
    public static double metric(String metricsText, String name, String labelFragment) {
        return metricsText
                .lines()
                .filter(l -> l.startsWith(name + "{") && l.contains(labelFragment))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
