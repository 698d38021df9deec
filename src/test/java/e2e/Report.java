package e2e;

import java.time.Duration;
import java.util.Locale;

/**
 * What the operator reads: one line per step (PASS or FAIL, the scenario, what was checked, how long
 * it took) and one {@code N passed, N failed} line at the end.
 */
final class Report {

    /** A failed step that makes the rest of its scenario meaningless. */
    static final class Abort extends RuntimeException {
        Abort(String message) {
            super(message, null, false, false);
        }
    }

    /** One check of a step: throws AssertionError (or any exception) with what was wrong; may return a detail to print. */
    @FunctionalInterface
    interface Check {
        String run() throws Exception;
    }

    private int passed;
    private int failed;
    private String scenario = "-";

    void scenario(String name) {
        scenario = name;
    }

    /** Runs a check, prints its line; a failure is counted and the scenario goes on. */
    synchronized boolean check(String what, Check check) {
        long start = System.nanoTime();
        try {
            String detail = check.run();
            passed++;
            line("PASS", what + (detail == null || detail.isBlank() ? "" : " -- " + detail), start);
            return true;
        } catch (Abort e) {
            throw e;
        } catch (Exception | AssertionError e) {
            failed++;
            line("FAIL", what + " -- " + oneLine(e), start);
            return false;
        }
    }

    /** As {@link #check}, but a failure ends the scenario. */
    void require(String what, Check check) {
        if (!check(what, check)) {
            throw new Abort(what);
        }
    }

    /** A figure or an observation, not an assertion. */
    synchronized void info(String text) {
        System.out.printf(Locale.ROOT, "INFO  %-11s %s%n", scenario, text);
    }

    /** A failure outside a step (the stack did not start, a scenario threw). */
    synchronized void fail(String what, Throwable e) {
        failed++;
        System.out.printf(Locale.ROOT, "FAIL  %-11s %s -- %s%n", scenario, what, oneLine(e));
    }

    int passed() {
        return passed;
    }

    int failed() {
        return failed;
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private void line(String verdict, String what, long start) {
        System.out.printf(
                Locale.ROOT, "%s  %-11s %s [%.1f s]%n", verdict, scenario, what, (System.nanoTime() - start) / 1e9);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("\\s+", " ");
        return m.length() > 400 ? m.substring(0, 400) + " ..." : m;
    }
}
