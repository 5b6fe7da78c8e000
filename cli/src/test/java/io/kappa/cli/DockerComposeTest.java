package io.kappa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.job.JobOptions;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** There is no Docker engine on these machines: check docker-compose.yml as far as it can be checked without one. */
class DockerComposeTest {
    private static final Path HOME = Path.of(System.getProperty("user.dir")).getParent();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws Exception {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        try (Reader in = Files.newBufferedReader(HOME.resolve("docker-compose.yml"))) {
            return new Yaml(options).load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws Exception {
        return (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get(name);
    }

    @Test
    void hasTheIntendedServicesImagesAndPorts() throws Exception {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsOnlyKeys("kafka", "cassandra", "jobmanager", "taskmanager", "create-topics", "submit-job");
        assertThat((String) service("kafka").get("image")).startsWith("apache/kafka:");
        assertThat((String) service("cassandra").get("image")).isEqualTo("cassandra:5.0");
        for (String flink : List.of("jobmanager", "taskmanager", "submit-job")) {
            assertThat((String) service(flink).get("image")).as(flink).isEqualTo("flink:1.20-java17");
        }
        // published on the loopback address unless KAPPA_BIND_ADDRESS says otherwise
        assertThat((List<String>) service("kafka").get("ports")).containsExactly("${KAPPA_BIND_ADDRESS:-127.0.0.1}:9092:9092");
        assertThat((List<String>) service("cassandra").get("ports"))
                .containsExactly("${KAPPA_BIND_ADDRESS:-127.0.0.1}:9042:9042");
        assertThat((List<String>) service("jobmanager").get("ports"))
                .containsExactly("${KAPPA_BIND_ADDRESS:-127.0.0.1}:8081:8081");
        // the JobManager has the REST guard and answers the names the other containers use
        assertThat((List<String>) service("jobmanager").get("volumes"))
                .contains("./stack/flink-guard/target/kappa-flink-rest-guard.jar:/opt/flink/lib/kappa-flink-rest-guard.jar:ro");
        assertThat(HOME.resolve("stack/flink-guard/pom.xml")).content().contains("<finalName>kappa-flink-rest-guard</finalName>");
        assertThat((List<String>) service("jobmanager").get("command"))
                .contains("-Dkappa.rest.allowed-hosts=localhost,127.0.0.1,jobmanager");
        assertThat(((Map<String, Object>) service("kafka").get("environment")).get("KAFKA_PROCESS_ROLES"))
                .isEqualTo("broker,controller");
    }

    @Test
    void theFlinkContainersUseTheReposFlinkConfAndJobJar() throws Exception {
        for (String flink : List.of("jobmanager", "taskmanager", "submit-job")) {
            List<String> volumes = (List<String>) service(flink).get("volumes");
            assertThat(volumes).as(flink).contains("./flink-conf:/opt/kappa/flink-conf:ro", "./job/target:/opt/kappa/jars:ro");
            assertThat(String.join(" ", (List<String>) service(flink).get("entrypoint")))
                    .contains("cp /opt/kappa/flink-conf/* /opt/flink/conf/");
        }
        assertThat(HOME.resolve("flink-conf/config.yaml")).exists();
        assertThat(HOME.resolve("flink-conf/log4j-console.properties")).exists();
    }

    @Test
    void theJobArgumentsItSubmitsAreAcceptedByTheJobsOwnParser() throws Exception {
        List<String> command = (List<String>) service("submit-job").get("command");
        assertThat(command.subList(0, 2)).containsExactly("flink", "run");
        int jar = command.indexOf("/opt/kappa/jars/kappa-job.jar");
        assertThat(jar).isPositive();
        JobOptions options = JobOptions.parse(command.subList(jar + 1, command.size()).toArray(String[]::new));
        assertThat(options.mode).isEqualTo(JobOptions.Mode.live);
        assertThat(options.bootstrapServers).isEqualTo("kafka:19092");
        assertThat(options.cassandraHosts).isEqualTo("cassandra");
        // the topics it creates are the job's defaults
        String script = String.join(" ", (List<String>) service("create-topics").get("command"));
        List<String> created = List.of(script.substring(script.indexOf("for t in ") + 9, script.indexOf(';')).trim()
                .split("\\s+"));
        assertThat(created).containsExactlyInAnyOrder(options.wordsTopic, options.lateTopic(), options.weatherTopic,
                options.weatherLateTopic(), options.deadLetterTopic());
    }
}
