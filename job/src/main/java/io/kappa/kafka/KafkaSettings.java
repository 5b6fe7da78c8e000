package io.kappa.kafka;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** How to reach Kafka: bootstrap servers plus any client properties (security and the like). */
public final class KafkaSettings implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String bootstrapServers;
    private final LinkedHashMap<String, String> properties;

    public KafkaSettings(String bootstrapServers, Map<String, String> properties) {
        this.bootstrapServers = bootstrapServers;
        this.properties = new LinkedHashMap<>(properties);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Client properties including {@code bootstrap.servers}. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.putAll(properties);
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }

    /** Never shows a secret's value (see {@link io.kappa.core.ConnectionProperties}). */
    @Override
    public String toString() {
        return bootstrapServers + " " + io.kappa.core.ConnectionProperties.masked(properties);
    }
}
