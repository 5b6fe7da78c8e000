package io.kappa.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port checks on loopback. */
public final class Ports {
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
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a clear message when a port the stack needs is taken by something else. */
    public static void requireFree(int port, String what, String option) {
        if (answers(port)) {
            throw new StackException("port " + port + " (" + what + ") is already in use by another process: stop it, "
                    + "or choose another port with " + option);
        }
    }
}
