package bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntFunction;

import it.support.Http;

/**
 * The review page's own list and detail calls (review.js, attention.js, reply-form.js), timed over
 * HTTP: what a person waits for when the inbox opens, a filter changes, a page turns, a mail opens.
 */
final class StaffCalls {

    private StaffCalls() {}

    /** The filters the page offers, one per call in turn. */
    static final List<String> FILTERS = List.of(
            "&category=emergency",
            "&priority=urgent",
            "&needsReply=true",
            "&status=DRAFT",
            "&status=NONE",
            "&category=prescription&priority=high");

    /** Per kind of call, its p50/p95/max input: milliseconds of each call. */
    static Map<String, List<Double>> measure(Http.Login staff, int n, int calls, Random random) {
        Map<String, IntFunction<String>> kinds = new java.util.LinkedHashMap<>();
        kinds.put("session (floor)", i -> "/session");
        kinds.put("inbox first page", i -> "/mails?limit=25&offset=0");
        kinds.put("inbox filtered", i -> "/mails?limit=25&offset=0" + FILTERS.get(i % FILTERS.size()));
        kinds.put("inbox page 2-5", i -> "/mails?limit=25&offset=" + 25 * (1 + i % 4));
        kinds.put("inbox page 41", i -> "/mails?limit=25&offset=1000");
        kinds.put("inbox counts", i -> "/mails/counts");
        kinds.put("mail detail", i -> "/mails/" + mail(random, n));
        kinds.put("mail thread", i -> "/mails/" + mail(random, n) + "/thread");
        kinds.put("mail reply form", i -> "/mails/" + mail(random, n) + "/reply");
        kinds.put("audit", i -> "/audit?limit=200");
        kinds.put("mailbox", i -> "/mailbox");
        for (var call : kinds.values()) {
            for (int i = 0; i < 5; i++) {
                get(staff, call.apply(i)); // warm up
            }
        }
        Map<String, List<Double>> times = new TreeMap<>();
        for (int i = 0; i < calls; i++) {
            for (var kind : kinds.entrySet()) {
                String path = kind.getValue().apply(i);
                long s = System.nanoTime();
                get(staff, path);
                times.computeIfAbsent(kind.getKey(), k -> new ArrayList<>()).add((System.nanoTime() - s) / 1e6);
            }
        }
        return times;
    }

    static long mail(Random random, int n) {
        return 1000 + random.nextInt(n);
    }

    static void get(Http.Login staff, String path) {
        Http.Response r = staff.get("/api" + path);
        if (r.status() != 200) {
            throw new IllegalStateException(path + " answered " + r.status() + ": " + r.body());
        }
    }
}
