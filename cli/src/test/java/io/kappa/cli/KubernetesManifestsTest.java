package io.kappa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kappa.core.ConnectionProperties;
import io.kappa.job.JobOptions;
import io.kappa.job.KappaJob;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;
import org.apache.flink.kubernetes.operator.api.spec.FlinkVersion;
import org.apache.flink.kubernetes.operator.api.spec.JobSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobState;
import org.apache.flink.kubernetes.operator.api.spec.Resource;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes (docs/kubernetes.md), as far as it can be checked without a Kubernetes cluster, which these
 * machines do not have: each manifest is read into the Flink Kubernetes Operator's own model classes
 * (flink-kubernetes-operator-api) with fabric8's YAML deserialisation, loses no field doing so, and says what the
 * docs promise; the session jobs' arguments pass the job's own parser with the environment the pods give it.
 */
class KubernetesManifestsTest {
    private static final Path HOME = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path DIR = HOME.resolve("deploy/kubernetes");
    private static final String STATE = "flink-state.yaml";
    private static final String CLUSTER = "session-cluster.yaml";
    private static final String LIVE = "live-job.yaml";
    private static final String REPLAY = "replay-job.yaml";
    private static final String API_VERSION = "flink.apache.org/v1beta1";
    /** The operator's container name in pod templates: what is set there is merged into the Flink container. */
    private static final String FLINK_CONTAINER = "flink-main-container";
    /** What the operator's validator accepts as a FlinkDeployment's name (it becomes a Service name). */
    private static final Pattern DEPLOYMENT_NAME = Pattern.compile("[a-z]([-a-z\\d]{0,43}[a-z\\d])?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** The keys of flink-conf/config.yaml that the session cluster takes over unchanged. */
    private static final List<String> MIRRORED = List.of("taskmanager.numberOfTaskSlots",
            "taskmanager.load-balance.mode", "taskmanager.memory.managed.fraction", "parallelism.default",
            "jobmanager.execution.failover-strategy", "state.backend.type", "execution.checkpointing.min-pause",
            "execution.checkpointing.tolerable-failed-checkpoints", "restart-strategy.type", "web.submit.enable",
            "web.cancel.enable", "metrics.reporters", "metrics.reporter.prom.factory.class", "env.java.opts.all");

    private static <T> T read(String file, Class<T> type) throws Exception {
        try (InputStream in = Files.newInputStream(DIR.resolve(file))) {
            return Serialization.unmarshal(in, type);
        }
    }

    private static JsonNode tree(String file) throws Exception {
        return Serialization.yamlMapper().readTree(DIR.resolve(file).toFile());
    }

    private static FlinkDeployment cluster() throws Exception {
        return read(CLUSTER, FlinkDeployment.class);
    }

    private static Container flinkContainer(PodTemplateSpec template) {
        return template.getSpec().getContainers().stream().filter(c -> c.getName().equals(FLINK_CONTAINER))
                .findFirst().orElseThrow(() -> new AssertionError("no container " + FLINK_CONTAINER));
    }

    /**
     * The environment the JobManager gives the job's main(): the pod template's variables, a Secret's value
     * standing in for each secretKeyRef.
     */
    private static Map<String, String> podEnvironment() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar v : flinkContainer(cluster().getSpec().getPodTemplate()).getEnv()) {
            env.put(v.getName(), v.getValue() != null ? v.getValue()
                    : "value of " + v.getValueFrom().getSecretKeyRef().getKey());
        }
        return env;
    }

    @Test
    void theSessionClusterIsAFlinkDeploymentOfFlink120WithoutAJob() throws Exception {
        FlinkDeployment cluster = cluster();
        assertThat(cluster.getApiVersion()).isEqualTo(API_VERSION);
        assertThat(cluster.getKind()).isEqualTo("FlinkDeployment");
        assertThat(cluster.getMetadata().getName()).matches(DEPLOYMENT_NAME);
        assertThat(cluster.getMetadata().getNamespace()).matches(DNS_LABEL);
        assertThat(cluster.getSpec().getJob()).as("a session cluster has no job").isNull();
        assertThat(cluster.getSpec().getFlinkVersion()).isEqualTo(FlinkVersion.v1_20);
        assertThat(cluster.getSpec().getImage()).isEqualTo("flink:1.20-java17");
        assertThat(cluster.getSpec().getServiceAccount()).isEqualTo("flink");
        for (Resource r : List.of(cluster.getSpec().getJobManager().getResource(),
                cluster.getSpec().getTaskManager().getResource())) {
            assertThat(MemorySize.parse(r.getMemory()).getMebiBytes()).isGreaterThanOrEqualTo(1024);
            assertThat(r.getCpu()).isPositive();
        }
        assertThat(cluster.getSpec().getJobManager().getReplicas()).isEqualTo(1);
    }

    @Test
    void itsConfigurationMirrorsFlinkConf() throws Exception {
        Map<String, String> conf = cluster().getSpec().getFlinkConfiguration();
        Map<String, String> local = flatten(HOME.resolve("flink-conf/config.yaml"));
        for (String key : MIRRORED) {
            assertThat(conf).as(key).containsEntry(key, local.get(key));
        }
        assertThat(conf).containsEntry("taskmanager.numberOfTaskSlots", "4").containsEntry("parallelism.default", "2")
                .containsEntry("state.backend.type", "hashmap")
                .containsEntry("metrics.reporter.prom.port", "9249")
                // every savepoint the operator takes keeps the windows (docs/semantics.md, rule 5)
                .containsEntry("kubernetes.operator.job.drain-on-savepoint-deletion", "false")
                .doesNotContainKeys("kubernetes.namespace", "kubernetes.cluster-id");
        assertThat(conf.values()).noneMatch(v -> v.contains("localhost") || v.contains("/tmp/"));
        // the operator's CRD takes the configuration as a map of strings: numbers and booleans must be quoted
        tree(CLUSTER).at("/spec/flinkConfiguration").fields()
                .forEachRemaining(e -> assertThat(e.getValue().isTextual()).as(e.getKey() + " is a string").isTrue());
    }

    @Test
    void checkpointsSavepointsAndHaMetadataAreOnTheSharedVolume() throws Exception {
        FlinkDeployment cluster = cluster();
        Map<String, String> conf = cluster.getSpec().getFlinkConfiguration();
        PodTemplateSpec pod = cluster.getSpec().getPodTemplate();
        PersistentVolumeClaim claim = read(STATE, PersistentVolumeClaim.class);
        assertThat(claim.getMetadata().getNamespace()).isEqualTo(cluster.getMetadata().getNamespace());
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        Volume volume = pod.getSpec().getVolumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() != null
                        && v.getPersistentVolumeClaim().getClaimName().equals(claim.getMetadata().getName()))
                .findFirst().orElseThrow(() -> new AssertionError("the pods do not mount " + STATE));
        VolumeMount mount = flinkContainer(pod).getVolumeMounts().stream()
                .filter(m -> m.getName().equals(volume.getName())).findFirst().orElseThrow();
        for (String key : List.of("state.checkpoints.dir", "state.savepoints.dir", "high-availability.storageDir")) {
            assertThat(conf.get(key)).as(key).startsWith("file://" + mount.getMountPath() + "/");
        }
        assertThat(conf).containsEntry("high-availability.type", "kubernetes");
        assertThat(pod.getSpec().getSecurityContext().getFsGroup()).as("the image's flink group").isEqualTo(9999L);
    }

    @Test
    void prometheusFindsTheReporterPort() throws Exception {
        PodTemplateSpec pod = cluster().getSpec().getPodTemplate();
        String port = cluster().getSpec().getFlinkConfiguration().get("metrics.reporter.prom.port");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", port).containsEntry("prometheus.io/path", "/metrics");
        assertThat(flinkContainer(pod).getPorts())
                .anyMatch(p -> "metrics".equals(p.getName()) && p.getContainerPort() == Integer.parseInt(port));
    }

    @Test
    void theSecretsComeFromKubernetesSecretsThroughTheEnvironment() throws Exception {
        FlinkDeployment cluster = cluster();
        Map<String, EnvVar> env = new LinkedHashMap<>();
        flinkContainer(cluster.getSpec().getPodTemplate()).getEnv().forEach(v -> env.put(v.getName(), v));
        assertThat(env).containsKeys("KAPPA_KAFKA_SASL_JAAS_CONFIG", "KAPPA_CASSANDRA_PASSWORD");
        String docs = Files.readString(HOME.resolve("docs/kubernetes.md"));
        for (String name : List.of("KAPPA_KAFKA_SASL_JAAS_CONFIG", "KAPPA_CASSANDRA_PASSWORD")) {
            EnvVar v = env.get(name);
            assertThat(v.getValue()).as(name).isNull();
            SecretKeySelector ref = v.getValueFrom().getSecretKeyRef();
            assertThat(ref).as(name + " from a secretKeyRef").isNotNull();
            // the Secret that docs/kubernetes.md tells to create has that key
            assertThat(docs).contains("create secret generic " + ref.getName()).contains("--from-literal=" + ref.getKey() + "=");
        }
        // the names are the ones the job reads (ConnectionProperties), and they name secrets
        assertThat(ConnectionProperties.envName(ConnectionProperties.KAFKA_ENV_PREFIX, "sasl.jaas.config"))
                .isEqualTo("KAPPA_KAFKA_SASL_JAAS_CONFIG");
        assertThat(ConnectionProperties.envName(ConnectionProperties.CASSANDRA_ENV_PREFIX, "password"))
                .isEqualTo("KAPPA_CASSANDRA_PASSWORD");
        // no secret as a literal value in any pod template of the cluster
        List<PodTemplateSpec> templates = Stream.of(cluster.getSpec().getPodTemplate(),
                cluster.getSpec().getJobManager().getPodTemplate(), cluster.getSpec().getTaskManager().getPodTemplate())
                .filter(Objects::nonNull).toList();
        for (PodTemplateSpec template : templates) {
            for (Container c : template.getSpec().getContainers()) {
                for (EnvVar v : c.getEnv()) {
                    boolean secret = Stream.of(ConnectionProperties.KAFKA_ENV_PREFIX,
                                    ConnectionProperties.CASSANDRA_ENV_PREFIX)
                            .filter(v.getName()::startsWith)
                            .anyMatch(p -> ConnectionProperties.isSecret(
                                    v.getName().substring(p.length()).toLowerCase().replace('_', '.')));
                    if (secret) {
                        assertThat(v.getValue()).as(v.getName() + " is a secret: from a Secret, not a literal").isNull();
                    }
                }
            }
        }
    }

    @Test
    void theLiveJobIsASessionJobOfThatClusterWithSavepointUpgrades() throws Exception {
        FlinkDeployment cluster = cluster();
        FlinkSessionJob live = read(LIVE, FlinkSessionJob.class);
        assertSessionJobOf(cluster, live);
        JobSpec job = live.getSpec().getJob();
        assertThat(job.getParallelism()).isEqualTo(2);
        assertThat(job.getUpgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
        // the operator refuses a savepoint upgrade without a savepoint directory
        assertThat(cluster.getSpec().getFlinkConfiguration().get("state.savepoints.dir")).isNotBlank();

        JobOptions options = JobOptions.parse(podEnvironment(), job.getArgs());
        assertThat(options.mode).isEqualTo(JobOptions.Mode.live);
        assertThat(options.keyspace).isEqualTo("kappa");
        assertThat(options.groupId).isEqualTo("kappa-live");
        assertThat(options.bootstrapServers).isNotEqualTo("127.0.0.1:9092");
        assertThat(options.cassandraHosts).isNotEqualTo("127.0.0.1");
        // the JAAS line reaches the job's Kafka clients from the environment, beside the arguments' properties
        assertThat(options.kafka().clientProperties())
                .containsEntry("sasl.jaas.config", "value of kafka-sasl-jaas-config")
                .containsEntry("security.protocol", "SASL_SSL");
        // and without that environment the arguments alone are valid too
        assertThat(JobOptions.parse(Map.of(), job.getArgs()).keyspace).isEqualTo("kappa");
    }

    @Test
    void theReplayIsAStatelessSessionJobIntoItsOwnKeyspace() throws Exception {
        FlinkDeployment cluster = cluster();
        FlinkSessionJob replay = read(REPLAY, FlinkSessionJob.class);
        assertSessionJobOf(cluster, replay);
        JobSpec job = replay.getSpec().getJob();
        assertThat(job.getParallelism()).isEqualTo(2);
        assertThat(job.getUpgradeMode()).isEqualTo(UpgradeMode.STATELESS);
        assertThat(job.getJarURI()).isEqualTo(read(LIVE, FlinkSessionJob.class).getSpec().getJob().getJarURI());
        JobOptions options = JobOptions.parse(podEnvironment(), job.getArgs());
        assertThat(options.mode).isEqualTo(JobOptions.Mode.replay);
        assertThat(options.keyspace).isEqualTo("kappa_replay");
        assertThat(options.lateTopic()).isNotEqualTo(JobOptions.parse(Map.of(),
                read(LIVE, FlinkSessionJob.class).getSpec().getJob().getArgs()).lateTopic());
    }

    private static void assertSessionJobOf(FlinkDeployment cluster, FlinkSessionJob sessionJob) {
        String name = sessionJob.getMetadata().getName();
        assertThat(sessionJob.getApiVersion()).isEqualTo(API_VERSION);
        assertThat(sessionJob.getKind()).isEqualTo("FlinkSessionJob");
        assertThat(name).matches(DNS_LABEL);
        assertThat(sessionJob.getMetadata().getNamespace()).as(name).isEqualTo(cluster.getMetadata().getNamespace());
        assertThat(sessionJob.getSpec().getDeploymentName()).as(name).isEqualTo(cluster.getMetadata().getName());
        JobSpec job = sessionJob.getSpec().getJob();
        assertThat(job.getJarURI()).as(name).startsWith("https://").endsWith("/kappa-job.jar");
        assertThat(job.getEntryClass()).as(name).isEqualTo(KappaJob.class.getName());
        assertThat(job.getState()).as(name).isEqualTo(JobState.RUNNING);
        assertThat(ConnectionProperties.secretAmong(List.of(job.getArgs()))).as(name + ": a secret among its args")
                .isEmpty();
        // the operator refuses other keys in a session job's configuration; this project needs none
        assertThat(sessionJob.getSpec().getFlinkConfiguration()).as(name).isNullOrEmpty();
    }

    @Test
    void theModelKeepsEveryFieldOfTheManifests() throws Exception {
        // the operator's spec classes ignore unknown fields: a misspelt one would be dropped without a word
        for (Map.Entry<String, Class<?>> e : Map.<String, Class<?>>of(CLUSTER, FlinkDeployment.class,
                LIVE, FlinkSessionJob.class, REPLAY, FlinkSessionJob.class, STATE, PersistentVolumeClaim.class).entrySet()) {
            JsonNode written = tree(e.getKey());
            JsonNode understood = Serialization.jsonMapper().valueToTree(read(e.getKey(), e.getValue()));
            List<String> lost = new ArrayList<>();
            lostFields(written, understood, "", lost);
            assertThat(lost).as(e.getKey() + ": fields the model does not know or reads otherwise").isEmpty();
        }
    }

    @Test
    void theDocsApplyEveryManifest() throws Exception {
        String docs = Files.readString(HOME.resolve("docs/kubernetes.md"));
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.toList()) {
                assertThat(docs).contains("kubectl apply -f deploy/kubernetes/" + file.getFileName());
            }
        }
    }

    /** The paths of {@code written} that {@code understood} lacks or holds with another value. */
    private static void lostFields(JsonNode written, JsonNode understood, String path, List<String> lost) {
        if (understood == null || understood.isNull()) {
            lost.add(path);
        } else if (written.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = written.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                lostFields(f.getValue(), understood.get(f.getKey()), path + "/" + f.getKey(), lost);
            }
        } else if (written.isArray()) {
            for (int i = 0; i < written.size(); i++) {
                lostFields(written.get(i), understood.get(i), path + "/" + i, lost);
            }
        } else if (written.isNumber() && understood.isNumber()) {
            if (written.decimalValue().compareTo(understood.decimalValue()) != 0) {
                lost.add(path);
            }
        } else if (!written.asText().equals(understood.asText())) {
            lost.add(path + " (" + written.asText() + " read as " + understood.asText() + ")");
        }
    }

    /** Flink's config.yaml as the flat keys Flink reads from it: nested maps joined with dots. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> flatten(Path yaml) throws Exception {
        Map<String, String> flat = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(yaml)) {
            flatten("", (Map<String, Object>) new Yaml().load(in), flat);
        }
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, String> flat) {
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                flatten(prefix + k + ".", (Map<String, Object>) m, flat);
            } else {
                flat.put(prefix + k, String.valueOf(v));
            }
        });
    }
}
