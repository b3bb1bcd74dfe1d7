package io.trainguard.redaction;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date formats the built-in DATE_TIME recognizer finds, and writes another date the
 * same way: ISO {@code 1985-03-12}, also as the date of a timestamp
 * ({@code 1985-03-12T09:15:00+02:00}, whose time and zone are kept); numeric {@code 03/12/1985}
 * (slash: month first), {@code 12.03.1985} and {@code 12-03-1985} (dot, dash: day first), taking
 * the other order when only it is a valid date, zero-padded when both fields had two digits; and
 * English month names, {@code March 12, 1985}, {@code 12th Mar. 1985}, keeping full or
 * abbreviated names, their case (upper, lower, otherwise capitalised) and ordinal suffixes.
 * Anything else is not a date here.
 */
final class Dates {

  private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june",
      "july", "august", "september", "october", "november", "december"};
  private static final String MONTH = "(?<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?"
      + "|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?"
      + "|dec(?:ember)?)";
  private static final String DAY = "(?<day>[0-9]{1,2})(?<suffix>st|nd|rd|th)?";
  private static final Pattern ISO = Pattern.compile(
      "(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})(?:[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]"
      + "(?::[0-5][0-9](?:[.,][0-9]{1,9})?)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?)?)?");
  private static final Pattern NUMERIC =
      Pattern.compile("(?<a>[0-9]{1,2})(?<sep>[/.-])(?<b>[0-9]{1,2})\\k<sep>(?<year>[0-9]{4})");
  private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
      DAY + " " + MONTH + "\\.?,? (?<year>[0-9]{4})", Pattern.CASE_INSENSITIVE);
  private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
      MONTH + "\\.? " + DAY + ",? (?<year>[0-9]{4})", Pattern.CASE_INSENSITIVE);

  private Dates() {}

  private record Edit(int[] span, String text) {}

  /** A date read from a text, with the text's layout. */
  record Parsed(LocalDate date, Layout layout) {}

  /** Where the year, month and day sit in the original text, and how they were written. */
  record Layout(String text, int[] year, int[] month, int[] day, int[] suffix, boolean padded,
      String monthName) {

    /** {@code date} written like the original; null if its year does not have four digits. */
    String render(LocalDate date) {
      if (date.getYear() < 1000 || date.getYear() > 9999) {
        return null;
      }
      List<Edit> edits = new ArrayList<>(List.of(
          new Edit(year, Integer.toString(date.getYear())),
          new Edit(month, monthName == null ? number(date.getMonthValue()) : monthName(date)),
          new Edit(day, number(date.getDayOfMonth()))));
      if (suffix != null) {
        String ordinal = ordinal(date.getDayOfMonth());
        edits.add(new Edit(suffix, Character.isUpperCase(text.charAt(suffix[0]))
            ? ordinal.toUpperCase(Locale.ROOT) : ordinal));
      }
      edits.sort(Comparator.comparingInt((Edit e) -> e.span[0]).reversed());
      StringBuilder out = new StringBuilder(text);
      edits.forEach(e -> out.replace(e.span[0], e.span[1], e.text));
      return out.toString();
    }

    private String number(int n) {
      return padded && n < 10 ? "0" + n : Integer.toString(n);
    }

    private String monthName(LocalDate date) {
      String full = MONTHS[date.getMonthValue() - 1];
      String name = isFullName(monthName) ? full : full.substring(0, 3);
      if (monthName.equals(monthName.toUpperCase(Locale.ROOT))) {
        return name.toUpperCase(Locale.ROOT);
      }
      if (monthName.equals(monthName.toLowerCase(Locale.ROOT))) {
        return name;
      }
      return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
  }

  /** The date in {@code text}, which must be nothing but a date; null if it is not one. */
  static Parsed parse(String text) {
    Matcher m = ISO.matcher(text);
    if (m.matches()) {
      return parsed(text, m, "year", "month", "day", true, null);
    }
    m = NUMERIC.matcher(text);
    if (m.matches()) {
      boolean monthFirst = m.group("sep").equals("/");
      boolean padded = m.group("a").length() == 2 && m.group("b").length() == 2;
      Parsed p = parsed(text, m, "year", monthFirst ? "a" : "b", monthFirst ? "b" : "a", padded,
          null);
      return p != null ? p
          : parsed(text, m, "year", monthFirst ? "b" : "a", monthFirst ? "a" : "b", padded, null);
    }
    m = DAY_MONTH_YEAR.matcher(text);
    if (!m.matches()) {
      m = MONTH_DAY_YEAR.matcher(text);
      if (!m.matches()) {
        return null;
      }
    }
    return parsed(text, m, "year", "month", "day", m.group("day").startsWith("0"),
        m.group("month"));
  }

  /**
   * Every reading of {@code text} as a date: {@link #parse}'s, and for a numeric date whose day
   * and month can swap, the other one too.
   */
  static List<Parsed> readings(String text) {
    Matcher m = NUMERIC.matcher(text);
    if (ISO.matcher(text).matches() || !m.matches()) {
      Parsed p = parse(text);
      return p == null ? List.of() : List.of(p);
    }
    boolean padded = m.group("a").length() == 2 && m.group("b").length() == 2;
    List<Parsed> all = new ArrayList<>(2);
    for (String month : List.of("a", "b")) {
      Parsed p = parsed(text, m, "year", month, month.equals("a") ? "b" : "a", padded, null);
      if (p != null) {
        all.add(p);
      }
    }
    return all;
  }

  private static Parsed parsed(String text, Matcher m, String year, String month, String day,
      boolean padded, String monthName) {
    int monthValue = monthName == null ? Integer.parseInt(m.group(month)) : monthNumber(monthName);
    try {
      LocalDate date = LocalDate.of(Integer.parseInt(m.group(year)), monthValue,
          Integer.parseInt(m.group(day)));
      int[] suffix = monthName != null && m.group("suffix") != null
          ? span(m, "suffix") : null;
      return new Parsed(date, new Layout(text, span(m, year), span(m, month), span(m, day),
          suffix, padded, monthName));
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int[] span(Matcher m, String group) {
    return new int[] {m.start(group), m.end(group)};
  }

  private static int monthNumber(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (int i = 0; i < MONTHS.length; i++) {
      if (MONTHS[i].startsWith(lower.substring(0, 3))) {
        return i + 1;
      }
    }
    throw new IllegalStateException("unreachable: the month pattern admits month names only");
  }

  private static boolean isFullName(String name) {
    return MONTHS[monthNumber(name) - 1].equalsIgnoreCase(name);
  }

  private static String ordinal(int day) {
    if (day >= 11 && day <= 13) {
      return "th";
    }
    return switch (day % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
  }
}
