package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.cli.KappaCli;
import io.kappa.client.kafka.RecordSender;
import io.kappa.client.kafka.Topics;
import io.kappa.kafka.KafkaSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A topic is writable as soon as its creation returns, and a producer that cannot deliver says so in one
 * line within a bounded time instead of retrying for ever.
 */
class TopicsAndProducersIT {
    @RegisterExtension
    static final RealStack STACK = RealStack.shared();

    @Test
    void everyPartitionAnswersItsLeaderAsSoonAsCreateReturnsAndTakesRecordsAtOnce() throws Exception {
        KafkaSettings kafka = STACK.connections().kafka();
        for (int round = 0; round < 10; round++) {
            List<String> names = List.of("tp-" + round + "-a", "tp-" + round + "-b", "tp-" + round + "-c");
            assertThat(Topics.create(kafka, names, 4, (short) 1)).containsExactlyElementsOf(names);
            // no retry here: a partition whose leader has not taken it on yet refuses this request
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            names.forEach(n -> { for (int p = 0; p < 4; p++) latest.put(new TopicPartition(n, p), OffsetSpec.latest()); });
            try (Admin admin = Topics.admin(kafka)) {
                assertThat(admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)).hasSize(12);
            }
            // and a producer writes to all partitions at once, right away
            for (String name : names) {
                long start = System.nanoTime();
                try (RecordSender sender = new RecordSender(kafka, name, 2000, null)) {
                    for (int i = 0; i < 2000; i++) {
                        sender.send(("k" + i).getBytes(StandardCharsets.UTF_8), ("line " + i).getBytes(StandardCharsets.UTF_8),
                                null);
                    }
                }
                assertThat((System.nanoTime() - start) / 1e9).as("seconds to produce 2000 records to " + name)
                        .isLessThan(20);
            }
            assertThat(Topics.create(kafka, names, 4, (short) 1)).as("existing topics are not created again").isEmpty();
        }
    }

    @Test
    void producingToATopicThatDoesNotExistFailsInOneLineWithinTheBound() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream stdin = System.in;
        PrintStream stderr = System.err;
        long start = System.nanoTime();
        int exit;
        try {
            System.setIn(new ByteArrayInputStream("one line\n".getBytes(StandardCharsets.UTF_8)));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = KappaCli.execute("produce", "words", "--topic", "no-such-topic", "--quiet",
                    "--bootstrap-servers", STACK.bootstrapServers());
        } finally {
            System.setIn(stdin);
            System.setErr(stderr);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> lines = new ArrayList<>(err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList());
        System.out.printf("produce to a missing topic: exit %d after %.1f s: %s%n", exit, seconds, lines);
        assertThat(exit).isEqualTo(1);
        assertThat(seconds).isLessThan(40);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("kappa: producing to topic no-such-topic failed:")
                .contains("bin/kappa topics list");
    }
}
