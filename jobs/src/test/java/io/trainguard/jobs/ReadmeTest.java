package io.trainguard.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md stays a short guide whose links lead somewhere and whose figures are those recorded
 * in bench/results/headline.json; the documents under docs/ link to files that exist.
 */
class ReadmeTest {

  private static final Path ROOT = Path.of("..");
  private static final Path README = ROOT.resolve("README.md");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern NUMBER =
      Pattern.compile("(?<![\\w.,])\\d{1,3}(?:,\\d{3})*(?:\\.\\d+)?(?![\\w&&[^x]])");

  @Test
  void readmeIsUnderFourHundredLines() throws IOException {
    assertThat(Files.readAllLines(README)).hasSizeLessThan(400);
  }

  /** History lives in git and figures in bench/results: no dates, times or commit hashes. */
  @Test
  void readmeTellsNoDatedNarrative() throws IOException {
    assertThat(Files.readString(README))
        .doesNotContainPattern("\\b20\\d\\d-\\d\\d-\\d\\d\\b")
        .doesNotContainPattern("\\b\\d\\d:\\d\\d(:\\d\\d)? ?UTC\\b")
        .doesNotContainPattern("(?<![\\w-])(?=[0-9a-f]*\\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}"
            + "(?![\\w-])");
  }

  /** A local folder, an S3 prefix, an EMR dataset: each task starts within two 50-line screens. */
  @Test
  void theThreeWaysToRunStartWithinTheFirstTwoScreens() throws IOException {
    List<String> lines = Files.readAllLines(README);
    for (String heading : List.of("## Protect a local folder", "## Protect an S3 prefix",
        "## Run on EMR (or any Spark 4 cluster)")) {
      assertThat(lines.indexOf(heading)).as(heading).isBetween(0, 99);
    }
  }

  @Test
  void everyRelativeLinkOfTheDocumentsLeadsToAFileOrAHeading() throws IOException {
    List<Path> documents = new ArrayList<>(List.of(README, ROOT.resolve("bench/README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
    }
    List<String> broken = new ArrayList<>();
    for (Path document : documents) {
      String text = Files.readString(document, StandardCharsets.UTF_8);
      assertThat(text).as(document.toString()).doesNotContain("/work/shared", "../shared");
      Matcher link = LINK.matcher(text);
      while (link.find()) {
        String target = link.group(1);
        if (target.matches("[a-z]+:.*")) {
          continue; // https:, mailto:
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path linked = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
        if (!Files.exists(linked)) {
          broken.add(document.getFileName() + " -> " + target);
        } else if (hash >= 0 && linked.toString().endsWith(".md")
            && !anchors(linked).contains(target.substring(hash + 1))) {
          broken.add(document.getFileName() + " -> " + target + " (no such heading)");
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  /** GitHub's anchors of a Markdown file's headings. */
  private static List<String> anchors(Path markdown) throws IOException {
    return Files.readAllLines(markdown, StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith("#"))
        .map(l -> l.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT)
            .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
        .toList();
  }

  @Test
  void everyHeadlineFigureIsOneRecordedInHeadlineJsonWithTheCommandShown() throws IOException {
    JsonNode runs = new ObjectMapper().readTree(
        ROOT.resolve("bench/results/headline.json").toFile()).get("runs");
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    int header = lines.indexOf("| what | figure | reproduce with |");
    assertThat(header).isNotNegative();
    List<String> rows = new ArrayList<>();
    for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String[] cells = lines.get(i).substring(1, lines.get(i).length() - 1).split("\\|");
      String what = cells[0].strip();
      String figure = cells[1].strip();
      String command = cells[2].strip().replaceAll("^`|`$", "");
      rows.add(what);
      List<JsonNode> shown = new ArrayList<>();
      runs.forEach(r -> {
        if (what.equals(r.path("readme").asText())) {
          shown.add(r);
        }
      });
      assertThat(shown).as("headline.json runs whose readme is '%s'", what).hasSize(1);
      JsonNode run = shown.get(0);
      assertThat(command).as(what).isEqualTo(run.has("reproduce")
          ? run.get("reproduce").asText() : run.get("command").asText());
      List<BigDecimal> recorded = new ArrayList<>();
      numbers(run.get("numbers"), recorded);
      Matcher number = NUMBER.matcher(figure);
      while (number.find()) {
        BigDecimal printed = new BigDecimal(number.group().replace(",", ""));
        assertThat(recorded).as("%s: %s among the run's numbers", what, printed)
            .anyMatch(v -> v.setScale(printed.scale(), RoundingMode.HALF_UP).equals(printed));
      }
    }
    List<String> readmeRuns = new ArrayList<>();
    runs.forEach(r -> {
      if (r.has("readme")) {
        readmeRuns.add(r.get("readme").asText());
      }
    });
    assertThat(rows).as("README rows and headline.json runs marked readme")
        .containsExactlyInAnyOrderElementsOf(readmeRuns);
  }

  private static void numbers(JsonNode node, List<BigDecimal> into) {
    if (node.isNumber()) {
      into.add(node.decimalValue());
    }
    node.forEach(child -> numbers(child, into));
  }
}
