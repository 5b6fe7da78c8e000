package io.kappa.stack;

import io.kappa.client.ClientException;

/** A problem starting or stopping the local stack, with a message that says what to do. */
public class StackException extends ClientException {
    public StackException(String message) {
        super(message);
    }
}
