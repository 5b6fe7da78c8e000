package io.kappa.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** One rule for every topic: as many replicas as brokers, at most 3, and two in sync at three. */
class KafkaReplicationTest {

    @Test
    void asManyReplicasAsBrokersAtMostThreeAndTwoInSyncAtThree() {
        assertThat(KafkaReplication.factorFor(1)).isEqualTo((short) 1);
        assertThat(KafkaReplication.factorFor(2)).isEqualTo((short) 2);
        assertThat(KafkaReplication.factorFor(3)).isEqualTo((short) 3);
        assertThat(KafkaReplication.factorFor(5)).isEqualTo((short) 3);
        assertThat(KafkaReplication.topicConfigs(1)).isEmpty();
        assertThat(KafkaReplication.topicConfigs(2)).isEmpty();
        assertThat(KafkaReplication.topicConfigs(3)).isEqualTo(Map.of("min.insync.replicas", "2"));
    }
}
