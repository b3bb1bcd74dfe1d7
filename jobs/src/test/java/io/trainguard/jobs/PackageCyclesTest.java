package io.trainguard.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages under {@code io.trainguard.jobs} depend on each other without a cycle, read from
 * the main sources: imports and qualified names in code, not in comments or string literals.
 */
class PackageCyclesTest {

  private static final Path SOURCES = Path.of("src/main/java/io/trainguard/jobs");
  private static final Pattern REFERENCE =
      Pattern.compile("\\bio\\.trainguard\\.jobs\\.([a-z][a-z0-9]*)\\.[A-Za-z]");

  @Test
  void noPackageDependsOnItselfThroughOthers() throws IOException {
    Map<String, Set<String>> graph = dependencies(SOURCES);
    assertThat(graph).containsKeys("cli", "manifest", "output", "protect", "lineage");
    assertThat(cycles(graph)).isEmpty();
  }

  @Test
  void aCycleIsFound() {
    Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"),
        "c", Set.of("a"), "d", Set.of("a")));
    assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c"));
  }

  @Test
  void commentsAndStringsAreNotDependencies() {
    assertThat(references("""
        import io.trainguard.jobs.storage.Storage;
        /** See {@link io.trainguard.jobs.format.Format}. */
        // io.trainguard.jobs.parquet.ParquetRedactor
        String s = "use io.trainguard.jobs.parquet.ParquetRedactor";
        io.trainguard.jobs.lineage.RunInfo info;
        """)).containsExactly("lineage", "storage");
  }

  /** The subpackages each subpackage of {@code root} refers to. */
  static Map<String, Set<String>> dependencies(Path root) throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = root.relativize(file);
        if (relative.getNameCount() < 2) {
          continue; // the root package: the facade and the types every package shares
        }
        String pkg = relative.getName(0).toString();
        Set<String> deps = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
        references(Files.readString(file)).stream().filter(d -> !d.equals(pkg))
            .forEach(deps::add);
      }
    }
    return graph;
  }

  /** The subpackages {@code source} refers to outside comments and string literals. */
  static Set<String> references(String source) {
    Set<String> out = new TreeSet<>();
    Matcher m = REFERENCE.matcher(code(source));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** {@code source} with comments, string and character literals blanked out. */
  private static String code(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      if (source.startsWith("//", i)) {
        i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? source.length() : end + 2;
        out.append(' ');
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        i = end < 0 ? source.length() : end + 3;
        out.append("\"\"");
      } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
        char quote = source.charAt(i++);
        while (i < source.length() && source.charAt(i) != quote) {
          i += source.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
        out.append("\"\"");
      } else {
        out.append(source.charAt(i++));
      }
    }
    return out.toString();
  }

  /** Every strongly connected set of more than one package, each sorted (Tarjan). */
  static List<List<String>> cycles(Map<String, Set<String>> graph) {
    return new Object() {
      final Map<String, Integer> index = new TreeMap<>();
      final Map<String, Integer> low = new TreeMap<>();
      final List<String> stack = new ArrayList<>();
      final List<List<String>> found = new ArrayList<>();

      List<List<String>> run() {
        graph.keySet().forEach(v -> {
          if (!index.containsKey(v)) {
            visit(v);
          }
        });
        return found;
      }

      void visit(String v) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
          if (!index.containsKey(w)) {
            visit(w);
            low.put(v, Math.min(low.get(v), low.get(w)));
          } else if (stack.contains(w)) {
            low.put(v, Math.min(low.get(v), index.get(w)));
          }
        }
        if (low.get(v).equals(index.get(v))) {
          List<String> component = new ArrayList<>();
          String w;
          do {
            w = stack.remove(stack.size() - 1);
            component.add(w);
          } while (!w.equals(v));
          if (component.size() > 1) {
            component.sort(null);
            found.add(component);
          }
        }
      }
    }.run();
  }
}
