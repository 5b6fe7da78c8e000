package io.kappa.stack;

/** A problem starting or stopping the local stack, with a message that says what to do. */
public class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }
}
