package io.kappa.cli;

import io.kappa.client.kafka.RecordFormat;
import io.kappa.client.kafka.TopicReader;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "consume", mixinStandardHelpOptions = true,
        description = {"Print a topic's records like get.py: topic:partition:offset key=… value=… (headers too).",
            "Reads from the beginning, without a consumer group, and stops after --idle of silence (or --follow)."})
public class ConsumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Connections connections = new Connections();

    @Parameters(paramLabel = "TOPIC")
    String topic;

    @Option(names = "--max", defaultValue = "-1", description = "stop after this many records (default: all)")
    long max;

    @Option(names = "--idle", defaultValue = "5s", converter = io.kappa.job.JobOptions.DurationConverter.class,
            description = "stop when nothing arrives for this long (default: ${DEFAULT-VALUE})")
    Duration idle;

    @Option(names = "--follow", description = "keep waiting for new records (Ctrl-C to stop)")
    boolean follow;

    @Option(names = "--max-value-chars", defaultValue = "300",
            description = "cut longer values when printing (default: ${DEFAULT-VALUE}; 0 = never)")
    int maxValueChars;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TopicReader.read(connections.kafka(), topic, max, follow ? null : idle,
                r -> out.println(RecordFormat.format(r, maxValueChars)));
        return 0;
    }
}
