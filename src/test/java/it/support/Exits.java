package it.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.LibertyServer;

/**
 * Servers that must stop by themselves (a start that fails with an exit code), each run in a thread of its own:
 * a test class starts all of its failing servers at once and each test awaits its own, so the starts overlap
 * instead of queueing one after another.
 */
public final class Exits {

    /**
     * The deadline of one such run: a whole server start while others start beside it and the machine is busy
     * (one start alone took 96 s there).
     */
    public static final Duration LIMIT = Duration.ofMinutes(6);

    private Exits() {}

    /** Starts the server now; the future holds its exit code (or why there is none). */
    public static CompletableFuture<Integer> start(LibertyServer server, String name) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        exit.complete(server.runToExit(Map.of(), LIMIT));
                    } catch (Throwable e) {
                        exit.completeExceptionally(e);
                    }
                },
                "exit-" + name);
        t.setDaemon(true);
        t.start();
        return exit;
    }

    /** The server's exit code, once it exited. */
    public static int code(CompletableFuture<Integer> exit) {
        try {
            return exit.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
