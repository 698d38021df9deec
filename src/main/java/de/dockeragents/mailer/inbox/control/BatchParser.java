package de.dockeragents.mailer.inbox.control;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import de.dockeragents.mailer.mailbox.control.ImapMailbox.Announced;

/**
 * A fetched batch as mail to store: the downloaded messages parsed on the server's executor, a few
 * per task, in UID order (parsing is pure computation; spread over the cores it keeps pace with the
 * fetch), the too-large ones as records of their size, each with its INTERNALDATE and whether it is
 * history. {@link #start} only starts the work, so the poll can store the batch before while this one
 * is parsed; {@link Parsing#join()} waits for it.
 */
@ApplicationScoped
public class BatchParser {

    @Resource
    ManagedExecutorService executor;

    @Inject
    ServerActions serverActions;

    @Inject
    InboxSettings settings;

    private final IncomingFactory factory = new IncomingFactory();

    /** A batch whose parsing runs: {@link #join()} waits for its mail, in UID order, the too-large ones last. */
    @FunctionalInterface
    interface Parsing {
        List<Incoming> join();
    }

    Parsing start(
            String folder,
            long uidValidity,
            Batches.Batch batch,
            Map<Long, byte[]> bodies,
            Map<Long, byte[]> tooLargeHeads,
            MailStore.Position position) {
        List<CompletableFuture<List<Incoming>>> parts = downloaded(folder, uidValidity, batch.download(), bodies);
        return () -> {
            List<Incoming> incoming = new ArrayList<>();
            parts.forEach(f -> incoming.addAll(f.join()));
            for (Announced a : batch.tooLarge()) {
                incoming.add(factory.tooLarge(
                        folder, uidValidity, a, tooLargeHeads.get(a.uid()), settings.maxMessageBytes()));
            }
            arrived(incoming, batch, position);
            return incoming;
        };
    }

    private List<CompletableFuture<List<Incoming>>> downloaded(
            String folder, long uidValidity, List<Announced> download, Map<Long, byte[]> bodies) {
        boolean act = serverActions.enabled();
        List<Announced> present =
                download.stream().filter(a -> bodies.containsKey(a.uid())).toList(); // else expunged
        int chunk = Math.max(1, present.size() / (2 * Runtime.getRuntime().availableProcessors()) + 1);
        List<CompletableFuture<List<Incoming>>> parts = new ArrayList<>();
        for (int i = 0; i < present.size(); i += chunk) {
            List<Announced> part = present.subList(i, Math.min(present.size(), i + chunk));
            parts.add(CompletableFuture.supplyAsync(
                    () -> part.stream()
                            .map(a -> factory.downloaded(folder, uidValidity, a, bodies.get(a.uid()), act))
                            .toList(),
                    executor));
        }
        return parts;
    }

    /** Each mail learns its INTERNALDATE and whether it is history. */
    private static void arrived(List<Incoming> incoming, Batches.Batch batch, MailStore.Position position) {
        Map<Long, Announced> byUid = new HashMap<>();
        batch.download().forEach(a -> byUid.put(a.uid(), a));
        batch.tooLarge().forEach(a -> byUid.put(a.uid(), a));
        for (Incoming in : incoming) {
            Announced a = byUid.get(in.message().uid());
            Instant date = a == null ? null : a.internalDate();
            in.message()
                    .arrived(
                            date == null ? null : date.atOffset(ZoneOffset.UTC),
                            position.history(in.message().uid()));
        }
    }
}
