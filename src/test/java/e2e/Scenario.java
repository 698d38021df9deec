package e2e;

import java.time.Duration;

/** One end-to-end scenario: a name to run it alone by, what it proves, and its steps. */
interface Scenario {

    /** What every scenario gets: the running stack, the mail it sends, where that mail got to, the report. */
    record Context(E2eStack stack, Traffic traffic, Ledger ledger, Report report, Options options) {}

    /**
     * Knobs of a run: how long each fault lasts (null: until both mailers show it, then Faults.MARGIN), how many
     * mails the recovery, load and scale runs send.
     */
    record Options(Duration outage, int recoveryMails, int loadMails, int scaleMails) {}

    String name();

    String proves();

    /** Whether a run without named scenarios includes it (./mvnw verify, CI); else only when named. */
    default boolean byDefault() {
        return true;
    }

    void run(Context c) throws Exception;
}
