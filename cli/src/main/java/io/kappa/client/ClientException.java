package io.kappa.client;

/**
 * A problem reaching or waiting on Kafka, Cassandra or Flink, with a message that says what to do. bin/kappa prints
 * it as one line ("kappa: …").
 */
public class ClientException extends RuntimeException {
    public ClientException(String message) {
        super(message);
    }
}
