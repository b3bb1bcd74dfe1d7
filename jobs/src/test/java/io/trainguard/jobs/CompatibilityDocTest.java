package io.trainguard.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.classifiers.PythonRegex;
import io.trainguard.classifiers.Recognizer;
import io.trainguard.classifiers.RecognizerPack;
import io.trainguard.jobs.macie.MacieEntities;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

/** The tables of {@code docs/compatibility.md} marked checked say what the code does. */
class CompatibilityDocTest {

  static final Path DOC = Path.of("..", "docs", "compatibility.md");

  /** The cells of the table rows under the header line {@code header}, backticks removed. */
  static List<List<String>> table(String header) throws IOException {
    List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    int at = lines.indexOf(header);
    assertThat(at).as(header).isNotNegative();
    List<List<String>> rows = new ArrayList<>();
    for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String line = lines.get(i);
      List<String> cells = new ArrayList<>();
      for (String cell : line.substring(1, line.length() - 1).split("(?<!\\\\)\\|")) {
        cells.add(cell.trim().replace("\\|", "|").replace("`", ""));
      }
      rows.add(cells);
    }
    return rows;
  }

  @Test
  void macieTableListsEveryDocumentedIdWithItsPageAndEntity() throws IOException {
    Map<String, String> pages = new TreeMap<>();
    try (InputStream in = MacieEntities.class.getResourceAsStream(
        "managed-data-identifiers.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.startsWith("#") && !line.startsWith("id\t")) {
          String[] row = line.split("\t");
          pages.put(row[0], row[3].replace("mdis-reference-", "").replace(".html", ""));
        }
      }
    }
    Map<String, String> listed = new TreeMap<>();
    for (List<String> row : table("| Macie id | Amazon's page | entity |")) {
      assertThat(listed.put(row.get(0), row.get(2))).as(row.get(0)).isNull();
      assertThat(row.get(1).toLowerCase(java.util.Locale.ROOT)).as(row.get(0))
          .isEqualTo(pages.get(row.get(0)));
    }
    assertThat(listed.keySet()).containsExactlyElementsOf(new TreeSet<>(MacieEntities.documented()));
    listed.forEach((id, entity) -> assertThat(entity).as(id).isEqualTo(MacieEntities.managed(id)));

    String doc = Files.readString(DOC).replaceAll("\\s+", " ");
    long iban = MacieEntities.table().values().stream().filter("IBAN_CODE"::equals).count();
    assertThat(doc).contains("(" + MacieEntities.documented().size() + ", on the pages")
        .contains(" " + MacieEntities.table().size() + " map onto")
        .contains("the other " + (MacieEntities.documented().size()
            - MacieEntities.table().size()) + " keep")
        .contains("the " + iban + " bank account ids");
  }

  @Test
  void predefinedNamesStandForTheBuiltInsListed() throws IOException {
    Map<String, List<String>> listed = new TreeMap<>();
    for (List<String> row : table("| Presidio name | trainguard built-in recognizers |")) {
      listed.put(row.get(0), List.of(row.get(1).split(", ")));
    }
    Set<String> names = new TreeSet<>(RecognizerPack.PREDEFINED.keySet());
    RecognizerPack.builtIn().recognizers().stream().map(Recognizer::name).forEach(names::add);
    assertThat(listed.keySet()).containsExactlyElementsOf(names);
    listed.forEach((name, builtIns) ->
        assertThat(RecognizerPack.builtInsFor(name)).as(name).isEqualTo(builtIns));

    String doc = Files.readString(DOC).replaceAll("\\s+", " ");
    Matcher others = Pattern.compile("Any other name Presidio has \\(([^)]*)\\)").matcher(doc);
    assertThat(others.find()).isTrue();
    List<String> lacking = Stream.of(others.group(1).split(","))
        .map(s -> s.replace("`", "").trim()).filter(s -> s.endsWith("Recognizer")).toList();
    assertThat(lacking).hasSize(10)
        .allSatisfy(name -> assertThat(RecognizerPack.builtInsFor(name)).as(name).isEmpty());
  }

  @Test
  void regexTablesAreWhatPythonRegexDoes() throws IOException {
    List<List<String>> translated = table("| Python / `regex` module | Java |");
    assertThat(translated).hasSizeGreaterThan(15);
    for (List<String> row : translated) {
      assertThat(PythonRegex.compile(row.get(0), 0).pattern()).as(row.get(0))
          .isEqualTo(row.get(1));
    }
    List<List<String>> rejected = table("| Python / `regex` module | reason |");
    assertThat(rejected).hasSizeGreaterThan(5);
    for (List<String> row : rejected) {
      assertThatThrownBy(() -> PythonRegex.compile(row.get(0), 0)).as(row.get(0))
          .hasMessage("Cannot translate regex: " + row.get(1));
    }
  }
}
