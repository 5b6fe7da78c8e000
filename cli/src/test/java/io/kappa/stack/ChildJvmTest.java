package io.kappa.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/kappa down stops only what up started; the stack's folder is its owner's alone. */
class ChildJvmTest {
    @TempDir
    Path dir;

    /** A child that waits to be stopped. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(120_000);
        }
    }

    @Test
    void aPidFileIsTrustedOnlyForTheProcessStartedForIt() throws Exception {
        Path pidFile = dir.resolve("pids/server.pid");
        ProcessHandle child = ChildJvm.start(ChildJvm.command(List.of("-Xmx32m"), System.getProperty("java.class.path"),
                Sleeper.class.getName(), List.of()), dir.resolve("work"), dir.resolve("logs/server.log"), pidFile);
        try {
            assertThat(ChildJvm.fromPidFile(pidFile)).contains(child);
            String recorded = Files.readString(pidFile);
            assertThat(recorded).startsWith(child.pid() + " ");

            // the same pid, started at another time: the pid was given to another process since
            long started = Long.parseLong(recorded.split(" ")[1]);
            Files.writeString(pidFile, child.pid() + " " + (started - 1_000));
            assertThat(ChildJvm.fromPidFile(pidFile)).isEmpty();
            Files.writeString(pidFile, recorded);
            assertThat(ChildJvm.fromPidFile(pidFile)).contains(child);

            // the pid of a process that up did not start (its pid reused, or a file written by someone else)
            Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
            assertThat(ChildJvm.fromPidFile(pidFile)).isEmpty();
            Path other = dir.resolve("pids/other.pid");
            Files.writeString(other, Long.toString(child.pid()));
            assertThat(ChildJvm.fromPidFile(other)).as("another server's pid file naming this child").isEmpty();
        } finally {
            ChildJvm.stop(child, 5_000);
        }
        assertThat(ChildJvm.fromPidFile(pidFile)).as("once it has exited").isEmpty();
    }

    @Test
    void theStateFolderIsPrivateEvenWhenItExisted() throws Exception {
        Path state = dir.resolve(".kappa");
        Files.createDirectories(state);
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        ChildJvm.createPrivateDirectory(state);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
    }
}
