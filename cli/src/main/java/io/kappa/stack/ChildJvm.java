package io.kappa.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A server started as its own JVM, with the same JDK that runs the CLI. Its output goes to a log file and its
 * pid to a pid file, so that a later {@code bin/kappa down} (another process) can stop it.
 */
public final class ChildJvm {
    private ChildJvm() {}

    public static Path javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The classpath entry for every jar of a lib folder. */
    public static String classpath(Path libDir) {
        if (!Files.isDirectory(libDir)) {
            throw new StackException("missing " + libDir + ": build the server jars first (mvn -DskipTests package)");
        }
        return libDir.resolve("*").toString();
    }

    public static List<String> command(List<String> jvmArgs, String classpath, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary().toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /**
     * The JVM option that marks a child as the server of a pid file: {@link #fromPidFile} trusts a pid only when the
     * process's command line carries it, so a pid that the system has meanwhile given to another program is never
     * taken for a server (and never stopped by {@code bin/kappa down}).
     */
    static String marker(Path pidFile) {
        return "-Dkappa.stack.pidfile=" + pidFile.toAbsolutePath();
    }

    /** Starts the command in the background, appending its output to {@code log}, and records its pid. */
    public static ProcessHandle start(List<String> command, Path workDir, Path log, Path pidFile) {
        return start(command, workDir, log, pidFile, java.util.Map.of());
    }

    /** As {@link #start(List, Path, Path, Path)}, with extra environment variables. */
    public static ProcessHandle start(List<String> command, Path workDir, Path log, Path pidFile,
                                      java.util.Map<String, String> env) {
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(pidFile.getParent());
            Files.createDirectories(workDir);
            List<String> marked = new ArrayList<>(command);
            marked.add(1, marker(pidFile));
            ProcessBuilder pb = new ProcessBuilder(marked)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            ProcessHandle handle = p.toHandle();
            Files.writeString(pidFile, handle.pid() + startMillis(handle).map(t -> " " + t).orElse(""));
            return handle;
        } catch (IOException e) {
            throw new StackException("cannot start " + command.get(command.size() - 1) + ": " + e.getMessage());
        }
    }

    /** Runs a short command to completion and returns its output; fails with the output when it fails. */
    public static String run(List<String> command, Path workDir, long timeoutSeconds) {
        return run(command, workDir, timeoutSeconds, java.util.Map.of());
    }

    /** As {@link #run(List, Path, long)}, with extra environment variables. */
    public static String run(List<String> command, Path workDir, long timeoutSeconds, java.util.Map<String, String> env) {
        try {
            Files.createDirectories(workDir);
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StackException("timed out: " + String.join(" ", command));
            }
            String text = new String(out, java.nio.charset.StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new StackException("failed (exit " + p.exitValue() + "): " + command.get(command.size() - 1)
                        + "\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new StackException("cannot run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        }
    }

    /**
     * The live process whose pid is in the file, if it is the server {@link #start} started for that file: the same
     * start time as recorded beside the pid (a pid the system gave to another process since, or a thread's id, is not
     * it), and the file's marker among its arguments, or no arguments at all (it is exiting: signalling it is harmless,
     * and it still holds the server's ports).
     */
    public static Optional<ProcessHandle> fromPidFile(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String[] recorded = Files.readString(pidFile).trim().split(" ");
            long pid = Long.parseLong(recorded[0]);
            Optional<Long> started = recorded.length > 1 ? Optional.of(Long.parseLong(recorded[1])) : Optional.empty();
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> started.isEmpty() || startMillis(p).equals(started))
                    .filter(p -> {
                        List<String> args = commandLine(p);
                        // an exiting process (a zombie) shows no arguments: still the server until it is gone
                        return args.contains(marker(pidFile)) || (!args.isEmpty() && args.stream().allMatch(String::isEmpty));
                    });
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> startMillis(ProcessHandle p) {
        return p.info().startInstant().map(java.time.Instant::toEpochMilli);
    }

    /** The process's arguments, from {@code /proc} where there is one (whole, unlike ProcessHandle.Info). */
    private static List<String> commandLine(ProcessHandle process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return List.of(new String(Files.readAllBytes(proc), java.nio.charset.StandardCharsets.UTF_8).split("\0"));
            }
        } catch (IOException e) {
            return List.of(); // gone meanwhile
        }
        return process.info().arguments().map(List::of).orElse(List.of());
    }

    /**
     * Creates the folder (and its parents) readable by its owner only ({@code rwx------}), or makes an existing one so:
     * the local stack's data, checkpoints, logs and keys are the user's alone.
     */
    public static void createPrivateDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (Files.getFileStore(dir).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new StackException("cannot create " + dir + " for the local stack: " + e.getMessage());
        }
    }

    /** SIGTERM, then SIGKILL after the grace period. Returns true if it had to kill. */
    public static boolean stop(ProcessHandle process, long graceMillis) {
        process.destroy();
        try {
            process.onExit().get(graceMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            return false;
        } catch (Exception e) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the caller's status check
            }
            return true;
        }
    }
}
