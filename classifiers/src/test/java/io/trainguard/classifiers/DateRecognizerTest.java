package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dates of the built-in pack: short numeric years, month abbreviations, years of life events. */
class DateRecognizerTest {

  private static final Analyzer DEFAULTS = Analyzer.defaults();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Updated 3/14/22 by the clinic.        | 8  | 15
      Start date: 14/03/22                  | 12 | 20
      Date: 14.3.22                         | 6  | 13
      Admitted 7-Jun-2020 at night          | 9  | 19
      born 04-Mar-1985                      | 5  | 16
      seen 07-JUN-20 at the clinic          | 5  | 14
      Appointment: Aug-19                   | 13 | 19
      seen in August 2019 by the nurse      | 8  | 19
      She was born in 1964 in a small town  | 16 | 20
      He died in 2003.                      | 11 | 15
      \uD83D\uDE00 married in 1990          | 13 | 17
      DOB 3/4/1985                          | 4  | 12
      Visit on 2020/06/07 confirmed         | 9  | 19
      On September 18 I visited microsoft.com | 3 | 15
      Seen on Sept. 3rd, at home            | 8  | 17
      Call me on the 18th of September.     | 15 | 32
      Moved on 2 May, then left             | 9  | 14
      Due Dec 1: paid                       | 4  | 9
      The parcel arrives 1 March, ok?       | 19 | 26
      Leave booked 12-15 October for us     | 13 | 26
      Call back on Friday, 3 June please    | 13 | 27
      Renewal due Sept 14 for the gym       | 12 | 19
      Payment received March 3rd.           | 17 | 26
      Card valid until 11/2027.             | 17 | 24
      Back in the office after the 4th.     | 25 | 32
      The call ended at 9:05 pm yesterday   | 18 | 25
      Login at 23:59:10 failed              | 9  | 17
      They relocated in 1998 for work.      | 18 | 22
      The choir was founded in 1987 by nuns | 25 | 29
      The shop opened in 2011, then closed  | 19 | 23
      We'll meet Monday at the office       | 11 | 17
      See you next Tuesday morning.         | 13 | 28
      The Clean Air Act of 1970 set limits. | 21 | 25
      They won the 1996 season opener.      | 13 | 17
      It is a 2017 film about war.          | 8  | 12
      Results for Q3 2020 are in.           | 12 | 19
      Born on the 3rd of March 2021.        | 12 | 29
      Today is 21-May                       | 9  | 15
      It was sung by the choir in 1975.     | 28 | 32
      """)
  void findsTheDate(String text, int start, int end) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple("DATE_TIME", start, end));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "Upgrade to version 1.2.3 or v2.4.10 now.",   // versions
      "Pinned certifi==2023.7.22 and tzdata 2024.1", // calendar versions
      "Release 10.2.21 is out.",                    // a dotted triple without a date word
      "It costs $14.99 or 3.50 EUR.",               // prices
      "They won 3/4 of the games, ratio 16:9.",     // scores and ratios
      "ISBN 978-3-16-148410-0",
      "Order 20190314 shipped.",                    // an order number without context
      "The 2019 revenue grew by 12%.",              // a year without a life or event word
      "It takes 45 minutes.",
      "Jan-Erik may visit, the mar-19 build",       // a name, a lower-case build tag
      "We may 5 times retry; march 3 steps",        // lower-case words, not months
      "Mayfair 12 and Decker 3",                    // words that start like a month
      "Section May 12.5 of the rules",              // a decimal, not a day
      "Meet me on the 2nd floor.",                  // an ordinal before a noun
      "Top 5 Marketing tips for 2 Decembrists",     // a month's letters inside a word
      "Screens of 4:3 and 1:1 ratio, build 10:7",   // ratios
      "In 2000 rows of the table, 2048 cells",      // a count after a preposition
      "The price is 1999 dollars for 2000 units",
      "Monday is the first word here.",             // a weekday without a calendar word
      "We spoke on Monday about it.",               // a weekday alone is no personal data
      "I bought it in 2019.",                       // a year without an event word
      "Add 5 pmol of the reagent in room 2021",     // a unit, a room
      "Version 5.21 ships 3/4 of the fixes",        // a fraction without a date word
  })
  void findsNoDateIn(String text) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .noneMatch(f -> f.entity().equals("DATE_TIME"));
  }
}
