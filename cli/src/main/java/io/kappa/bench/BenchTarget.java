package io.kappa.bench;

import io.kappa.client.cassandra.CassandraEndpoint;
import io.kappa.job.JobArgs;
import io.kappa.kafka.KafkaSettings;
import java.io.PrintWriter;
import java.util.function.UnaryOperator;

/**
 * Where the bench runs and where it reports: Kafka, Cassandra, how the job's arguments point at both, the lines it
 * prints ({@code out}) and the producers' progress ({@code progress}).
 */
public record BenchTarget(KafkaSettings kafka, CassandraEndpoint cassandra, UnaryOperator<JobArgs> pointJobAt,
                          PrintWriter out, PrintWriter progress) {

    /** The job's arguments for a run: pointed at the servers, the dataset's side topics, a keyspace. */
    JobArgs jobArgs(JobArgs args, String wordsTopic, String keyspace) {
        return pointJobAt.apply(args).wordsTopic(wordsTopic).lateTopic(Dataset.LATE).deadLetterTopic(Dataset.DEAD)
                .weatherLateTopic(Dataset.WEATHER_LATE).keyspace(keyspace);
    }
}
