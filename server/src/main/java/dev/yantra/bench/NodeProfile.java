package dev.yantra.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the node's CPU goes, by package: a JDK Flight Recorder recording of the node process taken with
 * {@code jcmd <pid> JFR.start/JFR.stop} around one bench phase, summarized from its {@code jdk.ExecutionSample}
 * events (a sample of a thread running Java code, every 10 ms per thread with the "profile" settings). Two views:
 * <ul>
 *   <li><b>self</b>: the package of the top frame, i.e. the code that was on the CPU;</li>
 *   <li><b>charged to</b>: the package of the top-most frame outside the JDK, so a socket write is charged to the
 *       HTTP server that asked for it and an HMAC to the signing code that called it.</li>
 * </ul>
 * Packages are cut to their first three segments (dev.yantra.round, org.apache.tomcat, tools.jackson.databind).
 */
final class NodeProfile {
    private static final int SEGMENTS = 3;

    record Share(String packageName, long samples, double percent) {
    }

    /** allocatedBytes: the sum of the recording's jdk.ObjectAllocationSample weights, JFR's estimate of bytes allocated. */
    record Summary(Path recording, long samples, List<Share> self, List<Share> chargedTo, long allocatedBytes) {
        static Summary unavailable(Path recording) {
            return new Summary(recording, 0, List.of(), List.of(), 0);
        }
    }

    private NodeProfile() {
    }

    /** Starts a recording in process {@code pid}; false (reason on stderr) when jcmd is missing or refused. */
    static boolean start(long pid, Path recording) throws InterruptedException {
        return jcmd(pid, "JFR.start", "name=yantra-bench", "settings=profile", "filename=" + recording.toAbsolutePath());
    }

    /** Stops the recording started by {@link #start}; the JVM writes it to its file. */
    static boolean stop(long pid) throws InterruptedException {
        return jcmd(pid, "JFR.stop", "name=yantra-bench");
    }

    private static boolean jcmd(long pid, String... args) throws InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0 || out.contains("Exception") || out.contains("Could not")) {
                System.err.println("yantra bench: jcmd " + String.join(" ", args) + " failed: " + out.strip());
                return false;
            }
            return true;
        } catch (IOException e) {
            System.err.println("yantra bench: jcmd not available: " + e.getMessage());
            return false;
        }
    }

    /** Reads the recording's execution samples into the two by-package views, the top {@code rows} of each. */
    static Summary summarize(Path recording, int rows) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> charged = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if ("jdk.ObjectAllocationSample".equals(e.getEventType().getName())) {
                    allocated += e.getLong("weight");
                    continue;
                }
                if (!"jdk.ExecutionSample".equals(e.getEventType().getName())) continue;
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) continue;
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(packageOf(frames.getFirst()), 1L, Long::sum);
                String owner = "(JDK only)";
                for (RecordedFrame f : frames) {
                    String pkg = packageOf(f);
                    if (!isJdk(pkg)) {
                        owner = pkg;
                        break;
                    }
                }
                charged.merge(owner, 1L, Long::sum);
            }
        }
        return new Summary(recording, samples, top(self, samples, rows), top(charged, samples, rows), allocated);
    }

    static String packageOf(RecordedFrame frame) {
        if (frame.getMethod() == null || frame.getMethod().getType() == null) return "(unknown)";
        String type = frame.getMethod().getType().getName();
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "(default)" : cut(type.substring(0, dot));
    }

    static String cut(String pkg) {
        String[] parts = pkg.split("\\.");
        return parts.length <= SEGMENTS ? pkg : String.join(".", java.util.Arrays.copyOf(parts, SEGMENTS));
    }

    static boolean isJdk(String pkg) {
        return pkg.startsWith("java.") || pkg.startsWith("javax.") || pkg.startsWith("jdk.") || pkg.startsWith("sun.")
                || pkg.startsWith("com.sun.") || pkg.startsWith("(");
    }

    private static List<Share> top(Map<String, Long> counts, long total, int rows) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(rows).map(en -> new Share(en.getKey(), en.getValue(), total == 0 ? 0 : 100.0 * en.getValue() / total)).toList();
    }

    /** The two views side by side, as the bench prints them and writes them beside the recording. */
    static String table(Summary s) {
        if (s.samples() == 0) return "node profile: not available (no JFR recording; see stderr)\n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "node profile (JFR jdk.ExecutionSample, %d samples, %s):%n", s.samples(), s.recording()));
        out.append(String.format(Locale.ROOT, "  %-34s %6s   %-34s %6s%n", "self (top frame's package)", "%", "charged to (first non-JDK frame)", "%"));
        int n = Math.max(s.self().size(), s.chargedTo().size());
        for (int i = 0; i < n; i++) {
            String a = i < s.self().size() ? String.format(Locale.ROOT, "%-34s %5.1f%%", s.self().get(i).packageName(), s.self().get(i).percent())
                    : String.format(Locale.ROOT, "%-41s", "");
            String b = i < s.chargedTo().size() ? String.format(Locale.ROOT, "%-34s %5.1f%%", s.chargedTo().get(i).packageName(),
                    s.chargedTo().get(i).percent()) : "";
            out.append("  ").append(a).append("   ").append(b).append('\n');
        }
        return out.toString();
    }
}
