package io.kappa.core;

/**
 * Thrown for any unusable option of the job or a connection; the message is one line that names the option and,
 * where there is one, what to do instead. The job prints it and exits with status 2 ({@code KappaJob}).
 */
public class InvalidOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidOptionException(String message) {
        super(message);
    }
}
