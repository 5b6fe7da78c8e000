package io.kappa.stack;

import io.kappa.client.ClientException;
import io.kappa.client.Deadline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One server of the local stack, run as a child JVM whose pid is kept in the state folder. */
public abstract class ManagedServer {
    protected final StackConfig config;
    private final String name;

    protected ManagedServer(StackConfig config, String name) {
        this.config = config;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** This server's own folder under the state folder. */
    public Path dir() {
        return config.stateDir().resolve(name);
    }

    public Path log() {
        return config.logs().resolve(name + ".log");
    }

    /** Where the child's standard output and error go; the same as {@link #log()} unless it logs elsewhere. */
    protected Path stdout() {
        return log();
    }

    private Path pidFile() {
        return config.stateDir().resolve("pids").resolve(name + ".pid");
    }

    /** For {@link #port()}: the server has no fixed port. */
    protected static final int NO_PORT = -1;

    /** The port users connect to, and the option of {@code bin/kappa up} that changes it. */
    public abstract int port();

    protected abstract String portOption();

    /** What it is, for messages: "Kafka broker on 127.0.0.1:9092". */
    public abstract String describe();

    /** Writes configuration, formats storage: whatever must happen before the first start. */
    protected void prepare() {}

    protected abstract List<String> command();

    /** Environment variables the child gets besides this process's own. */
    protected java.util.Map<String, String> environment() {
        return java.util.Map.of();
    }

    /** True when the server does its job (answers its protocol, not just its port). */
    protected abstract boolean ready();

    public Optional<ProcessHandle> process() {
        return ChildJvm.fromPidFile(pidFile());
    }

    public boolean isRunning() {
        return process().isPresent();
    }

    /** The loopback address it listens on: 127.0.0.1, or 127.0.0.k for node k of a cluster. */
    public String address() {
        return Ports.LOOPBACK;
    }

    /**
     * Starts the server unless it is already running, and waits until it is ready.
     *
     * @return false if it was already running
     */
    public boolean start(Duration timeout) {
        Optional<ProcessHandle> started = launch();
        awaitReady(started, timeout);
        return started.isPresent();
    }

    /**
     * Starts the server's process unless it is already running, without waiting for it: servers that only become
     * ready together (a Kafka quorum) are launched first, then {@link #awaitReady awaited}.
     *
     * @return the new process, or empty if it was already running
     */
    public Optional<ProcessHandle> launch() {
        if (isRunning()) {
            return Optional.empty();
        }
        if (port() != NO_PORT) {
            Ports.requireFree(address(), port(), describe(), portOption());
        }
        prepare();
        return Optional.of(ChildJvm.start(command(), dir(), stdout(), pidFile(), environment()));
    }

    /**
     * Waits until the server is ready; a process that {@link #launch} started and that exits or is not ready in time
     * is stopped, and the failure names the end of its log.
     */
    public void awaitReady(Optional<ProcessHandle> launched, Duration timeout) {
        if (launched.isEmpty()) {
            Deadline.await(describe(), timeout, this::ready);
            return;
        }
        ProcessHandle process = launched.get();
        try {
            Deadline.await(describe() + " (log: " + log() + ")", timeout, () -> {
                if (!process.isAlive()) {
                    Path logged = stdout().equals(log()) || !Files.exists(log()) ? stdout() : log();
                    throw new StackException(name + " exited during start-up; the end of " + logged + ":\n"
                            + tail(logged, 25));
                }
                return ready();
            });
        } catch (ClientException e) { // a timeout, or the exit above
            ChildJvm.stop(process, 5_000);
            throw e;
        }
    }

    /** @return false if it was not running */
    public boolean stop() {
        Optional<ProcessHandle> p = process();
        p.ifPresent(h -> ChildJvm.stop(h, 30_000));
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException ignored) {
            // a stale pid file is harmless: the pid is checked for liveness
        }
        return p.isPresent();
    }

    /**
     * Sends the process a signal ({@code STOP} freezes it as a long GC pause or an overloaded host would, {@code CONT}
     * thaws it): faults for tests and for trying the job's resilience by hand.
     */
    public void signal(String signal) {
        long pid = process().orElseThrow(() -> new StackException(name() + " is not running")).pid();
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new StackException("kill -" + signal + " " + pid + " (" + name() + ") failed");
            }
        } catch (IOException e) {
            throw new StackException("cannot run kill -" + signal + " " + pid + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while signalling " + name());
        }
    }

    /** Resident memory of the process in MiB, or -1 when unknown. */
    public long residentMemoryMiB() {
        return process().map(h -> {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                    }
                }
            } catch (IOException | NumberFormatException ignored) {
                // not Linux, or gone
            }
            return -1L;
        }).orElse(-1L);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    protected static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new StackException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
