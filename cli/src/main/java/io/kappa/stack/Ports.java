package io.kappa.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Port checks on loopback: 127.0.0.1, and the other addresses of 127.0.0.0/8 where further nodes live. */
public final class Ports {
    static final String LOOPBACK = "127.0.0.1";
    private static final int ATTEMPTS = 100;

    private Ports() {}

    /** A port that was free a moment ago (tests start their servers on these). */
    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new StackException("no free port on loopback: " + e.getMessage());
        }
    }

    /** Whether something accepts connections on 127.0.0.1:port. */
    public static boolean answers(int port) {
        return answers(LOOPBACK, port);
    }

    /** Whether something accepts connections on address:port. */
    public static boolean answers(String address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(inet(address), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether this process could listen on address:port now. */
    static boolean bindable(String address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(inet(address), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress inet(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new StackException("not an address: " + address);
        }
    }

    /** Fails with a clear message when a port the stack needs on 127.0.0.1 is taken by something else. */
    public static void requireFree(int port, String what, String option) {
        requireFree(LOOPBACK, port, what, option);
    }

    /** Fails with a clear message when a port the stack needs is taken by something else. */
    public static void requireFree(String address, int port, String what, String option) {
        if (answers(address, port)) {
            throw new StackException("port " + port + (address.equals(LOOPBACK) ? "" : " on " + address) + " (" + what
                    + ") is already in use by another process: stop it, or choose another port with " + option);
        }
    }

    /**
     * Free ports for one stack, never the same one twice: a free port is only free until someone binds it, and the
     * system may hand a port it has just handed out to the next asker.
     */
    public static final class Picker {
        private final Set<Integer> taken = new HashSet<>();

        /** A free port on 127.0.0.1. */
        public int any() {
            return onAll(List.of(LOOPBACK));
        }

        /** A port free on every one of the addresses (nodes on 127.0.0.1, 127.0.0.2, … keeping the same port). */
        public int onAll(List<String> addresses) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = free();
                if (!taken.contains(port) && addresses.stream().allMatch(a -> bindable(a, port))) {
                    taken.add(port);
                    return port;
                }
            }
            throw new StackException("no port free on all of " + addresses + " after " + ATTEMPTS + " tries");
        }

        /** The first of {@code count} consecutive ports free on 127.0.0.1 (one per TaskManager's metrics endpoint). */
        public int run(int count) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int first = free();
                if (first + count <= 65_536 && java.util.stream.IntStream.range(first, first + count)
                        .allMatch(p -> !taken.contains(p) && bindable(LOOPBACK, p))) {
                    java.util.stream.IntStream.range(first, first + count).forEach(taken::add);
                    return first;
                }
            }
            throw new StackException("no " + count + " consecutive free ports on loopback after " + ATTEMPTS + " tries");
        }
    }
}
