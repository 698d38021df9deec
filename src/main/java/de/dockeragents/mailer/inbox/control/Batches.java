package de.dockeragents.mailer.inbox.control;

import java.util.ArrayList;
import java.util.List;

import de.dockeragents.mailer.mailbox.control.ImapMailbox.Announced;

/**
 * Cuts the announced messages into batches bounded by count and bytes, in UID order, so memory
 * stays bounded and each batch is one fetch and one transaction. Messages over the size cap go
 * along with their batch but are never downloaded.
 */
final class Batches {

    record Batch(List<Announced> download, List<Announced> tooLarge) {

        long lastUid() {
            long max = 0;
            for (Announced a : download) {
                max = Math.max(max, a.uid());
            }
            for (Announced a : tooLarge) {
                max = Math.max(max, a.uid());
            }
            return max;
        }

        /** The bytes the batch downloads, as the server announced them. */
        long bytes() {
            long sum = 0;
            for (Announced a : download) {
                sum += a.size();
            }
            return sum;
        }

        List<Long> downloadUids() {
            return download.stream().map(Announced::uid).toList();
        }

        List<Long> tooLargeUids() {
            return tooLarge.stream().map(Announced::uid).toList();
        }
    }

    private Batches() {}

    static List<Batch> of(List<Announced> announced, int maxCount, long maxBytes, long maxMessageBytes) {
        List<Batch> batches = new ArrayList<>();
        List<Announced> download = new ArrayList<>();
        List<Announced> tooLarge = new ArrayList<>();
        long bytes = 0;
        for (Announced a : announced) {
            boolean large = a.size() > maxMessageBytes;
            boolean full = download.size() + tooLarge.size() >= maxCount
                    || (!large && !download.isEmpty() && bytes + a.size() > maxBytes);
            if (full) {
                batches.add(new Batch(download, tooLarge));
                download = new ArrayList<>();
                tooLarge = new ArrayList<>();
                bytes = 0;
            }
            if (large) {
                tooLarge.add(a);
            } else {
                download.add(a);
                bytes += a.size();
            }
        }
        if (!download.isEmpty() || !tooLarge.isEmpty()) {
            batches.add(new Batch(download, tooLarge));
        }
        return batches;
    }
}
