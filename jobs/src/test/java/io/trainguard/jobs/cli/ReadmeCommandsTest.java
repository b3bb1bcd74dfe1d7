package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code ./trainguard} command README.md shows, in its shell blocks or inline, is one the
 * CLI accepts: a known command, known options, every required option given. Nothing runs.
 */
class ReadmeCommandsTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Z][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)",
      Pattern.MULTILINE);
  private static final Pattern INLINE = Pattern.compile("`(\\./trainguard [a-z][^`]*)`");

  @Test
  void everyCommandTheReadmeShowsParses() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    List<String> commands = new ArrayList<>();
    Map<String, String> variables = new HashMap<>();
    boolean shell = false;
    StringBuilder line = new StringBuilder();
    for (String raw : readme.split("\n")) {
      if (raw.startsWith("```")) {
        shell = raw.equals("```bash");
        continue;
      }
      if (!shell) {
        Matcher inline = INLINE.matcher(raw);
        while (inline.find()) {
          commands.add(inline.group(1));
        }
        continue;
      }
      line.append(raw.endsWith("\\") ? raw.substring(0, raw.length() - 1) + " " : raw);
      if (raw.endsWith("\\")) {
        continue;
      }
      String joined = line.toString().strip();
      line.setLength(0);
      Matcher assignment = ASSIGNMENT.matcher(joined);
      if (assignment.find()) {
        variables.put(assignment.group(1), assignment.group(2).replaceAll("^\"|\"$", ""));
      }
      if (joined.startsWith("./trainguard ")) {
        commands.add(joined);
      }
    }
    assertThat(commands).hasSizeGreaterThan(10);
    List<String> rejected = new ArrayList<>();
    for (String command : commands) {
      List<String> args = words(command, variables);
      try {
        new CommandLine(new TrainguardCli()).parseArgs(args.subList(1, args.size())
            .toArray(String[]::new));
      } catch (CommandLine.ParameterException e) {
        rejected.add(command + "  => " + e.getMessage());
      }
    }
    assertThat(rejected).isEmpty();
  }

  /** The words of a shell command: comments cut, variables expanded (an unknown one as {@code x}). */
  private static List<String> words(String command, Map<String, String> variables) {
    String text = command.replaceAll("\\s+#.*$", "");
    Matcher variable = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?").matcher(text);
    StringBuilder expanded = new StringBuilder();
    while (variable.find()) {
      variable.appendReplacement(expanded, Matcher.quoteReplacement(
          variables.getOrDefault(variable.group(1), "x")));
    }
    variable.appendTail(expanded);
    List<String> words = new ArrayList<>();
    Matcher word = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(expanded);
    while (word.find()) {
      words.add(word.group(1) != null ? word.group(1)
          : word.group(2) != null ? word.group(2) : word.group(3));
    }
    return words;
  }
}
