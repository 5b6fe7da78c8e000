package io.kappa.client.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kappa.job.JobArgs;
import io.kappa.job.JobOptions;
import org.junit.jupiter.api.Test;

class JobTopicsTest {

    @Test
    void theConstantsAreTheJobsDefaults() {
        JobOptions defaults = JobArgs.live().parse();
        assertThat(JobTopics.ALL).containsExactly(defaults.wordsTopic, defaults.lateTopic(), defaults.weatherTopic,
                defaults.weatherLateTopic(), defaults.deadLetterTopic());
        assertThat(JobTopics.WORDS).isEqualTo(defaults.wordsTopic);
        assertThat(JobTopics.WEATHER).isEqualTo(defaults.weatherTopic);
    }
}
