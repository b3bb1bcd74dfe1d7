package io.trainguard.jobs.format;

import static io.trainguard.jobs.format.CsvRedactorTest.redact;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Values left in place whole (a planned column, a cell only Macie flagged) under an operator
 * that keeps part of its value: what local detection finds inside still gets its own rule.
 */
class ContainedValuesTest {

  private static final String LINKS = """
      id,link
      1,https://example.com/share?to=john.smith@example.com
      2,https://example.org/a
      3,https://example.net/b?x=1
      """;

  @Test
  void aColumnPlannedAsAKeptEntityIsStillReadForOthers() throws IOException {
    FileStats stats = new FileStats();
    assertThat(redact(TestSinks.protector("entities:\n  URL: keep\n"), LINKS, MacieHints.NONE,
        stats)).isEqualTo("""
            id,link
            1,https://example.com/share?to=<EMAIL_ADDRESS>
            2,https://example.org/a
            3,https://example.net/b?x=1
            """);
    assertThat(stats.findingsByEntity()).containsEntry("EMAIL_ADDRESS", 1L)
        .containsEntry("URL", 3L);
  }

  @Test
  void aColumnPlannedAsAMaskedEntityIsMaskedAfterTheValuesInside() throws IOException {
    assertThat(redact(TestSinks.protector("entities:\n  URL: mask[*,8]\n"), LINKS,
        MacieHints.NONE, new FileStats())).isEqualTo("""
            id,link
            1,********example.com/share?to=<EMAIL_ADDRESS>
            2,********example.org/a
            3,********example.net/b?x=1
            """);
  }

  @Test
  void aColumnOfNamesKeptByNameAloneStillLosesTheSsnInIt() throws IOException {
    assertThat(redact(TestSinks.protector("entities:\n  PERSON: keep\n"), """
        id,full_name
        1,Zyx Qwv
        2,Zyx Qwv SSN 536-91-4827
        """, MacieHints.NONE, new FileStats())).isEqualTo("""
        id,full_name
        1,Zyx Qwv
        2,Zyx Qwv SSN <US_SSN>
        """);
  }

  @Test
  void aCellOnlyMacieFlaggedUnderAKeptEntityKeepsNoLocalFinding() throws IOException {
    MacieHints macie = TestSinks.macie(TestSinks.findings("t.csv",
        "NAME", "\"cells\": [{\"row\": 2, \"column\": 2, \"columnName\": \"msg\"}]"), "t.csv");
    assertThat(redact(TestSinks.protector("entities:\n  PERSON: keep\n"),
        "id,msg\n1,zyx qwv 536-91-4827\n2,ok\n3,ok\n", macie, new FileStats()))
        .isEqualTo("id,msg\n1,zyx qwv <US_SSN>\n2,ok\n3,ok\n");
  }

  @Test
  void aNameFoundInsideACellOfAColumnPlannedAsNamesIsMaskedItself() throws IOException {
    assertThat(redact(TestSinks.protector("entities:\n  PERSON: mask[*,4]\n"), """
        id,full_name
        1,Ana Perez
        2,Card holder Alejandro Rosalez
        """, MacieHints.NONE, new FileStats())).isEqualTo("""
        id,full_name
        1,****Perez
        2,**** holder ****andro Rosalez
        """);
  }

  @Test
  void aNameFoundInsideACellOfAColumnPlannedAsNamesIsNotKeptByFpe() throws IOException {
    assertThat(redact(TestSinks.protector("entities:\n  PERSON: fpe\n"), """
        id,full_name
        1,Ana Perez
        2,Alejandro Rosalez room 401 floor 123
        """, MacieHints.NONE, new FileStats())).isEqualTo("""
        id,full_name
        1,<PERSON>
        2,<PERSON>
        """);
  }
}
