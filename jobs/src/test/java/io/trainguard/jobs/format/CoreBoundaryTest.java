package io.trainguard.jobs.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The record core ({@code io.trainguard.jobs.format}: codecs and the record protocol) stays
 * Spark-free and uses no other package of {@code jobs} but the root's shared types.
 * Read from the compiled classes: every class name a class file mentions is a dependency.
 */
class CoreBoundaryTest {

  private static final String JOBS = "io/trainguard/jobs/";
  private static final String CORE = JOBS + "format";

  @Test
  void theCoreAndWhatItUsesInJobsNeverMentionSpark() throws Exception {
    Map<String, Set<String>> mentions = mentions();
    Set<String> reached = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>();
    mentions.keySet().stream().filter(c -> packageOf(c).equals(CORE)).forEach(todo::add);
    while (!todo.isEmpty()) {
      String c = todo.pop();
      if (reached.add(c)) {
        mentions.getOrDefault(c, Set.of()).stream()
            .filter(m -> m.startsWith(JOBS) && mentions.containsKey(m)).forEach(todo::push);
      }
    }
    assertThat(reached).contains(CORE + "/RecordProtector", CORE + "/ParquetCodec");
    List<String> spark = new ArrayList<>();
    for (String c : reached) {
      assertThat(packageOf(c)).isIn(CORE, "io/trainguard/jobs");
      mentions.get(c).stream().filter(m -> m.startsWith("org/apache/spark/"))
          .forEach(m -> spark.add(c + " -> " + m));
    }
    assertThat(spark).isEmpty();
  }

  private static String packageOf(String className) {
    String outer = className.contains("$") ? className.substring(0, className.indexOf('$'))
        : className;
    return outer.substring(0, outer.lastIndexOf('/'));
  }

  /** Per compiled class of jobs (nested classes folded into their outer class), its mentions. */
  private static Map<String, Set<String>> mentions() throws Exception {
    Path root = Path.of(RecordProtector.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    Map<String, Set<String>> mentions = new HashMap<>();
    try (Stream<Path> files = Files.walk(root.resolve(JOBS))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = root.relativize(file).toString().replace('\\', '/');
        name = name.substring(0, name.length() - ".class".length());
        name = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
        mentions.computeIfAbsent(name, n -> new TreeSet<>()).addAll(classNames(file));
      }
    }
    return mentions;
  }

  /** The internal names ({@code a/b/C}) in a class file's constant pool and descriptors. */
  private static Set<String> classNames(Path classFile) throws IOException {
    String text = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
    Set<String> names = new TreeSet<>();
    for (String prefix : List.of(JOBS, "org/apache/spark/")) {
      int at = text.indexOf(prefix);
      while (at >= 0) {
        int end = at;
        while (end < text.length() && (text.charAt(end) < 128
            && Character.isLetterOrDigit(text.charAt(end))
            || "/_$".indexOf(text.charAt(end)) >= 0)) {
          end++;
        }
        String name = text.substring(at, end);
        names.add(name.contains("$") ? name.substring(0, name.indexOf('$')) : name);
        at = text.indexOf(prefix, end);
      }
    }
    return names;
  }
}
