package de.dockeragents.mailer.triage.entity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How soon a person should look at a mail; declared from most to least pressing. This order is the
 * one definition of it: the model's schema, the answer check, the staff page's filter and its sort
 * all take it from here.
 */
public enum Priority {
    URGENT,
    HIGH,
    NORMAL,
    LOW;

    private static final List<String> WIRES =
            Arrays.stream(values()).map(Priority::wire).toList();

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every priority's wire name, most pressing first. */
    public static List<String> wires() {
        return WIRES;
    }

    /**
     * An SQL expression that ranks {@code column} (wire names) in this order, most pressing 0, for
     * ORDER BY; anything else (no verdict yet) ranks as {@code unknown}.
     */
    public static String sqlRank(String column, Priority unknown) {
        return Arrays.stream(values())
                .map(p -> "WHEN '" + p.wire() + "' THEN " + p.ordinal())
                .collect(Collectors.joining(" ", "CASE " + column + " ", " ELSE " + unknown.ordinal() + " END"));
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
