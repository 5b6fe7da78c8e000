package io.kappa.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kappa.job.JobOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionPropertiesTest {
    @TempDir
    Path dir;

    @Test
    void fileThenEnvironmentThenCommandLineTheLaterWins() throws Exception {
        Path file = Files.writeString(dir.resolve("client.properties"), String.join("\n",
                "security.protocol=SSL", "sasl.mechanism=PLAIN", "ssl.truststore.location=/a", ""));
        Map<String, String> env = Map.of("KAPPA_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAPPA_KAFKA_SASL_JAAS_CONFIG", "jaas-from-env", "KAPPA_CASSANDRA_USERNAME", "not-kafka", "PATH", "/bin");

        JobOptions o = JobOptions.parse(env, "--kafka-properties-file", file.toString(),
                "--kafka-property", "ssl.truststore.location=/b");

        assertThat(o.kafka().clientProperties()).containsOnly(
                Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.mechanism", "PLAIN"),
                Map.entry("sasl.jaas.config", "jaas-from-env"), Map.entry("ssl.truststore.location", "/b"),
                Map.entry("bootstrap.servers", "127.0.0.1:9092"));
    }

    @Test
    void aSecretOnTheCommandLineIsRefusedWithWhereToPutItAndWithoutItsValue() {
        assertThatThrownBy(() -> JobOptions.parse(Map.of(), "--kafka-property", "sasl.jaas.config=hunter2"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--kafka-property sasl.jaas.config is a secret")
                .hasMessageContaining("--kafka-properties-file")
                .hasMessageContaining("KAPPA_KAFKA_SASL_JAAS_CONFIG")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> JobOptions.parse(Map.of(), "--cassandra-property", "password=hunter2"))
                .hasMessageContaining("KAPPA_CASSANDRA_PASSWORD").hasMessageNotContaining("hunter2");
    }

    @Test
    void secretsAreMaskedWhereverSettingsArePrinted() {
        JobOptions o = JobOptions.parse(Map.of("KAPPA_KAFKA_SSL_KEY_PASSWORD", "hunter2",
                "KAPPA_KAFKA_SASL_JAAS_CONFIG", "PlainLoginModule required password=\"hunter2\";",
                "KAPPA_CASSANDRA_USERNAME", "kappa", "KAPPA_CASSANDRA_PASSWORD", "hunter2"));
        assertThat(o.kafka().toString()).doesNotContain("hunter2").contains("ssl.key.password=******");
        assertThat(o.cassandra().toString()).doesNotContain("hunter2").doesNotContain("kappa:");
        assertThat(ConnectionProperties.isSecret("ssl.truststore.location")).isFalse();
        assertThat(ConnectionProperties.isSecret("ssl.keystore.key")).isTrue();
        assertThat(ConnectionProperties.isSecret("security.protocol")).isFalse();
    }

    @Test
    void cassandraPropertiesAreCheckedAndNameTheProblem() throws Exception {
        assertThatThrownBy(() -> JobOptions.parse(Map.of("KAPPA_CASSANDRA_USER", "kappa")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("unknown Cassandra client property 'user'");
        assertThatThrownBy(() -> JobOptions.parse(Map.of(), "--cassandra-property", "ssl=yes"))
                .hasMessageContaining("ssl must be true or false");
        assertThatThrownBy(() -> JobOptions.parse(Map.of("KAPPA_CASSANDRA_PASSWORD", "hunter2")))
                .hasMessageContaining("without a username").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> JobOptions.parse(Map.of(), "--cassandra-properties-file", dir.resolve("nope").toString()))
                .hasMessageStartingWith("--cassandra-properties-file file ").hasMessageContaining("cannot be read");

        Path file = Files.writeString(dir.resolve("cassandra.properties"), "username = kappa\nssl = true\n");
        JobOptions o = JobOptions.parse(Map.of("KAPPA_CASSANDRA_PASSWORD", "hunter2"),
                "--cassandra-properties-file", file.toString());
        assertThat(o.cassandra().ssl()).isTrue();
    }
}
