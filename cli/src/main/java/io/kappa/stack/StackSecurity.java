package io.kappa.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A secured local stack, for testing the job's and the CLI's security options against real servers: Kafka's
 * client listener speaks SASL_SSL (PLAIN), Cassandra asks for a password and speaks TLS. The key pair (for
 * 127.0.0.1 and localhost) and the truststore are made by the JDK's keytool; the passwords are random.
 *
 * @param keystore the servers' key pair (PKCS12)
 * @param truststore what clients trust (PKCS12): the servers' certificate; its password is the clients' secret,
 *     the keystore's the servers'
 */
public record StackSecurity(Path keystore, String keystorePassword, Path truststore, String truststorePassword,
                            String kafkaUser,
                            String kafkaPassword, String cassandraUser, String cassandraPassword) {

    /** The role Cassandra creates on first start; used only to create {@link #cassandraUser}. */
    static final String CASSANDRA_DEFAULT_SUPERUSER = "cassandra";

    /** Generates a key pair, a truststore and random passwords in {@code dir}. */
    public static StackSecurity generate(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new StackException("cannot create " + dir + ": " + e.getMessage());
        }
        String storePassword = random();
        String trustPassword = random();
        Path keystore = dir.resolve("server.p12");
        Path cert = dir.resolve("server.pem");
        Path truststore = dir.resolve("truststore.p12");
        keytool(dir, "-genkeypair", "-alias", "kappa", "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", storePassword, "-keypass", storePassword);
        keytool(dir, "-exportcert", "-rfc", "-alias", "kappa", "-keystore", keystore.toString(), "-storepass",
                storePassword, "-file", cert.toString());
        keytool(dir, "-importcert", "-noprompt", "-alias", "kappa", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", truststore.toString(), "-storepass", trustPassword);
        StackSecurity security = new StackSecurity(keystore, storePassword, truststore, trustPassword, "kappa",
                random(), "kappa", random());
        writeOwnerOnly(security.kafkaClientFile(), security.kafkaClientProperties());
        writeOwnerOnly(security.cassandraClientFile(), security.cassandraClientProperties());
        return security;
    }

    /** The client properties as a user keeps them: a file only its owner can read, for --kafka-properties-file. */
    public Path kafkaClientFile() {
        return keystore.resolveSibling("kafka-client.properties");
    }

    /** The same for --cassandra-properties-file. */
    public Path cassandraClientFile() {
        return keystore.resolveSibling("cassandra-client.properties");
    }

    private static void writeOwnerOnly(Path file, Map<String, String> properties) {
        java.util.Properties p = new java.util.Properties();
        p.putAll(properties);
        try (java.io.Writer out = Files.newBufferedWriter(file)) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            p.store(out, "Kappa Pipeline test stack client properties");
        } catch (java.io.IOException e) {
            throw new StackException("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static String random() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return "s" + HexFormat.of().formatHex(b);
    }

    private static void keytool(Path dir, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        ChildJvm.run(cmd, dir, 60);
    }

    /** The clients' secrets, for tests that check none of them shows up in logs, the web UI or errors. */
    public List<String> clientSecrets() {
        return List.of(truststorePassword, kafkaPassword, cassandraPassword);
    }

    /** The Kafka client properties a user would put in --kafka-properties-file. */
    public Map<String, String> kafkaClientProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", "PLAIN");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + kafkaUser + "\" password=\"" + kafkaPassword + "\";");
        p.put("ssl.truststore.location", truststore.toString());
        p.put("ssl.truststore.password", truststorePassword);
        p.put("ssl.truststore.type", "PKCS12");
        return p;
    }

    /** The Cassandra client properties a user would put in --cassandra-properties-file. */
    public Map<String, String> cassandraClientProperties() {
        return cassandraClientProperties(cassandraUser, cassandraPassword);
    }

    Map<String, String> cassandraClientProperties(String user, String password) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("username", user);
        p.put("password", password);
        p.put("ssl", "true");
        p.put("ssl.truststore.location", truststore.toString());
        p.put("ssl.truststore.password", truststorePassword);
        p.put("ssl.truststore.type", "PKCS12");
        return p;
    }

    /** server.properties lines for a SASL_SSL client listener (the controller stays on plain loopback). */
    List<String> kafkaServerProperties(int port, int controllerPort) {
        return List.of(
                "listeners=SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=SASL_SSL://127.0.0.1:" + port,
                "inter.broker.listener.name=SASL_SSL",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL",
                "sasl.enabled.mechanisms=PLAIN",
                "sasl.mechanism.inter.broker.protocol=PLAIN",
                "listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule "
                        + "required username=\"" + kafkaUser + "\" password=\"" + kafkaPassword + "\" user_" + kafkaUser
                        + "=\"" + kafkaPassword + "\";",
                "ssl.keystore.location=" + keystore,
                "ssl.keystore.password=" + keystorePassword,
                "ssl.keystore.type=PKCS12",
                "ssl.key.password=" + keystorePassword,
                // the broker is its own client over this listener, and checks at start that it trusts itself
                "ssl.truststore.location=" + truststore,
                "ssl.truststore.password=" + truststorePassword,
                "ssl.truststore.type=PKCS12");
    }

    /** cassandra.yaml lines: password authentication and TLS-only client connections. */
    List<String> cassandraYaml() {
        return List.of(
                "authenticator: PasswordAuthenticator",
                "authorizer: CassandraAuthorizer",
                "role_manager: CassandraRoleManager",
                "client_encryption_options:",
                "  enabled: true",
                "  optional: false",
                "  keystore: " + keystore,
                "  keystore_password: " + keystorePassword,
                "  store_type: PKCS12",
                "  require_client_auth: false");
    }
}
