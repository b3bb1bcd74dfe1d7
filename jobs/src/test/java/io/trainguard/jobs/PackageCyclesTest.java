package io.trainguard.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The packages of {@code jobs} ({@code io.trainguard.jobs}, its subpackages and
 * {@code io.trainguard.spark}) depend on each other without a cycle, as jdeps reads them from the
 * compiled classes.
 */
class PackageCyclesTest {

  private static final String ROOT = "io.trainguard.jobs";
  private static final Pattern EDGE =
      Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S+$", Pattern.MULTILINE);

  @Test
  void noPackageDependsOnItselfThroughOthers() throws Exception {
    Map<String, Set<String>> graph = dependencies();
    assertThat(graph.get(ROOT + ".cli")).contains(ROOT, ROOT + ".protect", ROOT + ".format");
    assertThat(graph.get("io.trainguard.spark")).contains(ROOT, ROOT + ".protect");
    assertThat(cycles(graph)).isEmpty();
  }

  /** Types every package shares live in the root, so the root must need none of them. */
  @Test
  void theRootPackageDependsOnNoOtherPackageOfJobs() throws Exception {
    assertThat(dependencies().getOrDefault(ROOT, Set.of())).isEmpty();
  }

  @Test
  void aCycleIsFound() {
    Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"),
        "c", Set.of("a"), "d", Set.of("a")));
    assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c"));
  }

  /** Per package of jobs' main classes, the other packages of jobs it depends on. */
  static Map<String, Set<String>> dependencies() throws Exception {
    Path classes = Path.of(ExitCode.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    StringWriter out = new StringWriter();
    int exit = ToolProvider.findFirst("jdeps").orElseThrow().run(new PrintWriter(out),
        new PrintWriter(out), "-verbose:package", "-e", "io\\.trainguard\\.(jobs|spark)(\\..*)?",
        classes.toString());
    assertThat(exit).as(out.toString()).isZero();
    Map<String, Set<String>> graph = new TreeMap<>();
    Matcher m = EDGE.matcher(out.toString());
    while (m.find()) {
      graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
    }
    return graph;
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
