package dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Open Liberty server the build created under target/liberty, started as its own process with
 * the mailer's configuration in its environment, exactly as a container would start it.
 */
public final class LibertyServer {

    private final Path wlp;
    private final String name;
    private final Path outputDir;
    private final Map<String, String> env;
    private Process process;

    public LibertyServer(Path wlp, String name, Path outputDir, Map<String, String> env) {
        this.wlp = wlp;
        this.name = name;
        this.outputDir = outputDir;
        this.env = Map.copyOf(env);
    }

    public Path logs() {
        return outputDir.resolve(name).resolve("logs");
    }

    /** Everything the server process wrote to stdout and stderr, every start appended. */
    public Path consoleLog() {
        return outputDir.resolve(name + "-console.log");
    }

    public Path healthDir() {
        return outputDir.resolve(name).resolve("health");
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        process = launch("run", env, true);
    }

    /** Runs the server in the foreground until it exits by itself and returns its exit code. */
    public int runToExit(Map<String, String> overrides, Duration limit) {
        Map<String, String> e = new java.util.HashMap<>(env);
        e.putAll(overrides);
        Process p = launch("run", e, true);
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("server did not exit within " + limit);
            }
            return p.exitValue();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public Optional<Process> process() {
        return Optional.ofNullable(process);
    }

    /** A clean stop, as SIGTERM from a container runtime: the server shuts down and exits 0. */
    public synchronized int stop() {
        if (process == null) {
            return 0;
        }
        ProcessHandle java = javaProcess();
        java.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            process = null;
        }
    }

    /** kill -9: no shutdown hooks, no clean-up, transactions cut wherever they are. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private ProcessHandle javaProcess() {
        // "server run" execs java or waits for it; signal the JVM itself
        return process.descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst()
                .orElse(process.toHandle());
    }

    private Process launch(String action, Map<String, String> environment, boolean toLog) {
        try {
            Files.createDirectories(outputDir);
            ProcessBuilder pb = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name);
            pb.environment().putAll(environment);
            pb.environment().put("WLP_OUTPUT_DIR", outputDir.toString());
            Path console = consoleLog();
            pb.redirectErrorStream(true);
            if (toLog) {
                pb.redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
            } else {
                pb.inheritIO();
            }
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Liberty server " + name, e);
        }
    }

    public Process startInForeground() {
        process = launch("run", env, false);
        return process;
    }

    public String messagesLog() {
        try {
            Path log = logs().resolve("messages.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Path> logFiles() {
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(outputDir)) {
            s.filter(p -> p.toString().endsWith(".log")).forEach(files::add);
        } catch (IOException e) {
            // no output yet
        }
        try (var s = Files.exists(logs()) ? Files.walk(logs()) : java.util.stream.Stream.<Path>empty()) {
            s.filter(Files::isRegularFile).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
