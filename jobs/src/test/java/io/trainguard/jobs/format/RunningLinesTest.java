package io.trainguard.jobs.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which lines of a paged document's text are its running headers and footers. */
class RunningLinesTest {

  private static RunningLines read(String... pages) {
    RunningLines lines = new RunningLines();
    for (String page : pages) {
      lines.startPage();
      lines.characters(page.toCharArray(), 0, page.length());
      lines.endPage();
    }
    return lines;
  }

  @Test
  void linesOnTheEdgesOfTwoPagesOrMoreAreRunningInTheirForm() {
    RunningLines lines = read(
        "\nACME  Confidential\n\nBody one\nSSN 536-22-\n\nPage 1 of 3\n\n",
        "\nACME Confidential\n\n8045 on file\n\nPage 2 of 3\n\n",
        "\nACME Confidential\n\nrez@example.com today.\n\nPage 3 of 3\n\n");
    assertThat(lines.running()).containsExactlyInAnyOrder("ACME Confidential", "Page # of #");
  }

  @Test
  void aPageNumberIsRunningAndALineOfMoreDigitsOrInsideAPageIsNot() {
    RunningLines lines = read("7\nfirst\nmiddle\n4111 1111\nlast\n12\n",
        "8\nfirst\nmiddle\n4111 1111\nlast\n13\n");
    assertThat(lines.running()).containsExactlyInAnyOrder("#", "##", "first", "last");
    assertThat(read("4111 1111\nbody a\nbody b\n", "4111 1112\nbody c\nbody d\n").running())
        .isEmpty();
    assertThat(read("Header\nbody\n").running()).isEmpty();
  }

  @Test
  void aLineWhoseNumbersDoNotCountThePagesIsNotRunning() {
    RunningLines lines = read("Head\nbody\nSSN 536-22-\nPage 8 of 30\n",
        "Head\nbody\nSSN 412-33-\nPage 9 of 30\n",
        "Head\nbody\nPrinted 2026-12-07\nPage 10 of 30\n",
        "Head\nbody\nPrinted 2026-12-07\nPage 11 of 30\n");
    assertThat(lines.running()).containsExactlyInAnyOrder("Head", "body", "Printed ####-##-##",
        "Page # of ##", "Page ## of ##");
    assertThat(read("SSN 536-22-\nx\n", "SSN 537-23-\nx\n").running()).containsExactly("x");
  }
}
