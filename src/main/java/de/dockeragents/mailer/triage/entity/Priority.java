package de.dockeragents.mailer.triage.entity;

import java.util.Locale;

/** How soon a person should look at a mail; declared from most to least pressing. */
public enum Priority {
    URGENT, HIGH, NORMAL, LOW;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Priority of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public boolean moreUrgentThan(Priority other) {
        return ordinal() < other.ordinal();
    }

    /** The more urgent of the two. */
    public Priority atLeast(Priority floor) {
        return floor.moreUrgentThan(this) ? floor : this;
    }

    /** The less urgent of the two. */
    public Priority atMost(Priority ceiling) {
        return moreUrgentThan(ceiling) ? ceiling : this;
    }
}
