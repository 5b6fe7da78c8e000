package io.kappa.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;

/** Start-up checks against Kafka, so that a wrong address or a missing topic fails fast and says which option. */
public final class KafkaTopics {
    private KafkaTopics() {}

    /**
     * @param topicsByOption topic name by the option that named it, e.g. {@code --words-topic -> words}
     * @throws IllegalStateException with one line naming the problem and the option
     */
    public static void requireExist(KafkaSettings kafka, Map<String, String> topicsByOption, long timeoutMillis) {
        Properties props = kafka.clientProperties();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing;
            try {
                existing = admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AuthenticationException) {
                    throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " refused the login ("
                            + e.getCause().getMessage() + "): check --kafka-properties-file or KAPPA_KAFKA_* "
                            + "(docs/security.md)");
                }
                throw unreachable(kafka, timeoutMillis);
            } catch (TimeoutException e) {
                throw unreachable(kafka, timeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking Kafka topics");
            }
            for (Map.Entry<String, String> e : topicsByOption.entrySet()) {
                if (!existing.contains(e.getValue())) {
                    throw new IllegalStateException("topic '" + e.getValue() + "' (" + e.getKey()
                            + ") does not exist on " + kafka.bootstrapServers()
                            + ": create it with bin/kappa topics create");
                }
            }
        }
    }

    private static IllegalStateException unreachable(KafkaSettings kafka, long timeoutMillis) {
        return new IllegalStateException("cannot reach Kafka at " + kafka.bootstrapServers()
                + " (--bootstrap-servers) within " + timeoutMillis / 1000 + "s: is it running? (bin/kappa status)");
    }
}
