package io.trainguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Appends one bench run to a JSON Lines file under {@code bench/results/}: when, which commit,
 * which machine, the command, and the figures of the run's machine-readable output lines. See
 * bench/README.md, "Results".
 */
public final class ResultLog {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

  private ResultLog() {}

  /**
   * The figures among a run's output lines: a line of {@code key=value} pairs, every value a
   * number or {@code true}/{@code false}, gives those pairs; a leading name without {@code =}
   * ({@code poisoning_text rows=2000 ...}) nests them under that name; a name followed by a JSON
   * object ({@code lake {"protect_plain_s": 111.8}}) gives the object under the name. Other lines
   * are prose and are ignored.
   */
  static ObjectNode figures(List<String> lines) {
    ObjectNode numbers = JSON.createObjectNode();
    for (String line : lines) {
      String text = line.strip();
      int space = text.indexOf(' ');
      if (space > 0 && NAME.matcher(text.substring(0, space)).matches()
          && text.substring(space).strip().startsWith("{")) {
        try {
          JsonNode object = JSON.readTree(text.substring(space).strip());
          if (object.isObject()) {
            numbers.set(text.substring(0, space), object);
          }
        } catch (IOException e) {
          // not JSON: prose
        }
        continue;
      }
      String[] tokens = text.split("\\s+");
      if (text.isEmpty()) {
        continue;
      }
      boolean named = !tokens[0].contains("=");
      if (named && (tokens.length == 1 || !NAME.matcher(tokens[0]).matches())) {
        continue;
      }
      ObjectNode pairs = JSON.createObjectNode();
      boolean figures = true;
      for (int i = named ? 1 : 0; i < tokens.length && figures; i++) {
        int eq = tokens[i].indexOf('=');
        String key = eq > 0 ? tokens[i].substring(0, eq) : "";
        String value = tokens[i].substring(eq + 1);
        if (eq <= 0 || !NAME.matcher(key).matches()) {
          figures = false;
        } else if (NUMBER.matcher(value).matches()) {
          if (value.matches("-?[0-9]+")) {
            pairs.put(key, Long.parseLong(value));
          } else {
            pairs.put(key, Double.parseDouble(value));
          }
        } else if (value.equals("true") || value.equals("false")) {
          pairs.put(key, Boolean.parseBoolean(value));
        } else {
          figures = false;
        }
      }
      if (figures) {
        if (named) {
          numbers.set(tokens[0], pairs);
        } else {
          numbers.setAll(pairs);
        }
      }
    }
    return numbers;
  }

  /** One run as a JSON object, in the order bench/README.md lists the fields. */
  static ObjectNode run(String bench, Instant started, Instant finished, String commit,
      ObjectNode machine, String command, ObjectNode numbers) {
    ObjectNode run = JSON.createObjectNode();
    run.put("bench", bench);
    run.put("date", started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    run.put("commit", commit);
    run.set("machine", machine);
    run.put("command", command);
    run.put("wall_s", Math.round(Duration.between(started, finished).toMillis() / 100.0) / 10.0);
    run.set("numbers", numbers);
    return run;
  }

  /** This machine: CPU model, cores, memory, Java, and the load average before and after. */
  static ObjectNode machine(String loadBefore) throws IOException {
    ObjectNode machine = JSON.createObjectNode();
    machine.put("cpu", procField("/proc/cpuinfo", "model name"));
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    String memory = procField("/proc/meminfo", "MemTotal");
    if (memory != null && memory.endsWith(" kB")) {
      machine.put("memory_gb", Math.round(Long.parseLong(memory.replace(" kB", "").strip())
          / 1024.0 / 1024.0 * 10) / 10.0);
    }
    machine.put("java", System.getProperty("java.version"));
    machine.set("load_average_before", loads(loadBefore));
    Path loadavg = Path.of("/proc/loadavg");
    machine.set("load_average_after", loads(Files.exists(loadavg)
        ? Files.readString(loadavg) : ""));
    return machine;
  }

  private static ArrayNode loads(String text) {
    ArrayNode loads = JSON.createArrayNode();
    String[] parts = text.strip().split("\\s+");
    for (int i = 0; i < Math.min(3, parts.length); i++) {
      if (NUMBER.matcher(parts[i]).matches()) {
        loads.add(Double.parseDouble(parts[i]));
      }
    }
    return loads;
  }

  private static String procField(String file, String field) throws IOException {
    Path path = Path.of(file);
    if (!Files.exists(path)) {
      return null;
    }
    for (String line : Files.readAllLines(path)) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equals(field)) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
  }

  /**
   * {@code --bench NAME --command TEXT --commit C --started ISO --finished ISO
   * --load-before "1m 5m 15m" --out FILE}, the run's output on stdin.
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    List<String> lines;
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      lines = in.lines().toList();
    }
    ObjectNode numbers = figures(lines);
    if (numbers.isEmpty()) {
      System.err.println("bench: no figures in the output; nothing recorded");
      return;
    }
    Path out = Path.of(options.get("--out"));
    ObjectNode run = run(options.get("--bench"), Instant.parse(options.get("--started")),
        Instant.parse(options.get("--finished")), options.get("--commit"), machine(options.getOrDefault("--load-before", "")),
        options.get("--command"), numbers);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, JSON.writeValueAsString(run) + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.err.println("bench: figures appended to " + out);
  }
}
