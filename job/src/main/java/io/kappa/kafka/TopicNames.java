package io.kappa.kafka;

import io.kappa.core.InvalidOptionException;

/**
 * What Kafka accepts as a topic name: 1 to 249 of {@code a-z A-Z 0-9 . _ -}, not {@code .} or {@code ..}. Checked
 * before a command or the job reaches the broker, so a bad name says so instead of failing as a connection would.
 */
public final class TopicNames {
    private TopicNames() {}

    /** Null when Kafka accepts the name, else why not. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > 249) {
            return "is " + name.length() + " characters long, more than Kafka's 249";
        }
        if (name.equals(".") || name.equals("..")) {
            return "is not a topic name Kafka accepts";
        }
        if (!name.matches("[a-zA-Z0-9._-]+")) {
            return "may hold only letters a-z and A-Z, digits, '.', '_' and '-'";
        }
        return null;
    }

    /** @throws InvalidOptionException one line naming the option, the name and what is wrong */
    public static String require(String name, String option) {
        String problem = problem(name);
        if (problem != null) {
            throw new InvalidOptionException(option + " '" + name + "' " + problem);
        }
        return name;
    }
}
