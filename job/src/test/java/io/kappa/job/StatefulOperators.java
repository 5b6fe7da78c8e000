package io.kappa.job;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamGraphHasherV2;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorV2;
import org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.operators.SourceOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.streaming.runtime.operators.sink.CommitterOperatorFactory;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;

/**
 * The operators of a job's {@link StreamGraph} (after Flink has expanded sinks into writer and committer), each with
 * its uid, name, operator id (what a savepoint knows it by) and whether it can have state in a checkpoint, and why.
 * Used by {@link UidsArePinnedTest} and {@link SavepointCompatibilityTest}.
 *
 * <p>Can have state: a source (its splits), a keyed operator (keyed state and timers), a function that is a
 * {@link CheckpointedFunction} (or the deprecated ListCheckpointed), an operator of our own that overrides
 * {@code initializeState}/{@code snapshotState}, a sink writer of a sink with writer state, a sink committer; an
 * operator Flink builds from a factory this class does not know is counted as stateful too, to be looked at.
 */
final class StatefulOperators {
    private StatefulOperators() {}

    /** One operator of the graph. {@code why} is null when it has no state to checkpoint. */
    record Operator(int nodeId, String uid, String name, OperatorID operatorId, String why) {
        boolean stateful() {
            return why != null;
        }

        @Override
        public String toString() {
            return (uid == null ? "<no uid>" : "\"" + uid + "\"") + " (" + name + (why == null ? "" : "; " + why) + ")";
        }
    }

    static List<Operator> of(StreamGraph graph) {
        Map<Integer, byte[]> hashes = new StreamGraphHasherV2().traverseStreamGraphAndGenerateHashes(graph);
        List<Operator> operators = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            operators.add(new Operator(node.getId(), node.getTransformationUID(), node.getOperatorName(),
                    new OperatorID(hashes.get(node.getId())), whyStateful(node)));
        }
        operators.sort(Comparator.comparingInt(Operator::nodeId));
        return operators;
    }

    static List<Operator> stateful(StreamGraph graph) {
        return of(graph).stream().filter(Operator::stateful).collect(Collectors.toList());
    }

    /** uid → operator, of the operators that can have state (an operator without uid is keyed by "<no uid> name"). */
    static Map<String, Operator> statefulByUid(StreamGraph graph) {
        Map<String, Operator> byUid = new TreeMap<>();
        for (Operator o : stateful(graph)) {
            byUid.put(o.uid() == null ? "<no uid> " + o.name() : o.uid(), o);
        }
        return byUid;
    }

    private static String whyStateful(StreamNode node) {
        StreamOperatorFactory<?> factory = node.getOperatorFactory();
        if (node.getStateKeySerializer() != null) {
            return "keyed state";
        }
        if (factory instanceof SourceOperatorFactory) {
            return "source: its splits";
        }
        if (factory instanceof CommitterOperatorFactory) {
            return "sink committer: committables";
        }
        if (factory instanceof SinkWriterOperatorFactory<?, ?> writer) {
            Sink<?> sink = writer.getSink();
            return implementsAny(sink.getClass(), Set.of("org.apache.flink.api.connector.sink2.SupportsWriterState",
                    "org.apache.flink.api.connector.sink2.StatefulSink")) ? "sink writer state" : null;
        }
        if (factory instanceof SimpleOperatorFactory<?> simple) {
            StreamOperator<?> operator = simple.getOperator();
            if (operator instanceof AbstractUdfStreamOperator<?, ?> udf) {
                Object function = udf.getUserFunction();
                if (function instanceof CheckpointedFunction) {
                    return "CheckpointedFunction " + function.getClass().getSimpleName();
                }
                if (implementsAny(function.getClass(), Set.of("org.apache.flink.streaming.api.checkpoint.ListCheckpointed"))) {
                    return "ListCheckpointed " + function.getClass().getSimpleName();
                }
                return null;
            }
            return overridesStateMethods(operator.getClass())
                    ? "operator state of " + operator.getClass().getName() : null;
        }
        return "operator factory " + factory.getClass().getName() + " (unknown to this test: assumed stateful)";
    }

    private static boolean overridesStateMethods(Class<?> type) {
        try {
            Method init = type.getMethod("initializeState", StateInitializationContext.class);
            Method snapshot = type.getMethod("snapshotState", StateSnapshotContext.class);
            return !isFlinkBase(init.getDeclaringClass()) || !isFlinkBase(snapshot.getDeclaringClass());
        } catch (NoSuchMethodException e) {
            return true; // not an AbstractStreamOperator: cannot tell
        }
    }

    private static boolean isFlinkBase(Class<?> declaring) {
        return declaring == AbstractStreamOperator.class || declaring == AbstractStreamOperatorV2.class;
    }

    private static boolean implementsAny(Class<?> type, Set<String> interfaceNames) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (interfaceNames.contains(i.getName()) || implementsAny(i, interfaceNames)) {
                    return true;
                }
            }
        }
        return false;
    }
}
