package de.dockeragents.mailer.mailbox.control;

import java.util.List;

/** IMAP sequence-set syntax for UIDs, with runs compressed: 3,4,5,9 becomes "3:5,9". */
final class UidSet {

    private UidSet() {}

    static String of(List<Long> uids) {
        long[] sorted =
                uids.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) {
                j++;
            }
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(sorted[i]);
            if (j > i) {
                out.append(':').append(sorted[j]);
            }
            i = j + 1;
        }
        return out.toString();
    }
}
