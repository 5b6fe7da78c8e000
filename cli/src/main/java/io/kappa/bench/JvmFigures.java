package io.kappa.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine and this JVM as the bench reports them: CPU model, cores, memory, peak heap of a run. */
public final class JvmFigures {
    private JvmFigures() {}

    /** Collects garbage and starts the heap's peak afresh, before a run measured in this JVM. */
    public static void resetPeakHeap() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The heap's peak since {@link #resetPeakHeap}, in bytes. */
    public static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** The CPU's model name, from /proc/cpuinfo. */
    public static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("unknown CPU");
        } catch (java.io.IOException e) {
            return "unknown CPU";
        }
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static double totalMemoryGiB() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / (double) (1L << 30);
    }
}
