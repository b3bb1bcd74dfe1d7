package io.trainguard.jobs.format;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * The running headers and footers of a paged document (a PDF as Tika writes it, a {@code <div
 * class="page">} a page): the lines among the first and last {@value #EDGE} lines of a page that
 * are on the edges of at least two pages, in their {@link #form}, their numbers alike on each
 * page but one that counts the pages. A value cut by a page break is read joined over them.
 */
final class RunningLines {

  /** Lines of each edge of a page looked at. */
  static final int EDGE = 2;
  /** Chars of a line at most that may be a running line. */
  private static final int MAX_LINE = 200;
  /** Forms counted at most: past them, the new ones of a document are not. */
  private static final int MAX_FORMS = 10_000;

  private static final Pattern NUMBER = Pattern.compile("\\p{Nd}+");

  /** A form seen on page edges: on how many pages, and its numbers on the first of them. */
  private static final class Seen {
    int pages;
    final int firstPage;
    final List<String> firstNumbers;
    /** Whether on each page its numbers were the first page's but one that counts the pages. */
    boolean alike = true;

    Seen(int page, List<String> numbers) {
      firstPage = page;
      firstNumbers = numbers;
    }
  }

  private final Map<String, Seen> forms = new HashMap<>();
  private int page = -1;
  private final List<String> head = new ArrayList<>();
  private final Deque<String> tail = new ArrayDeque<>();
  private final StringBuilder line = new StringBuilder();
  private boolean tooLong;
  private boolean inPage;

  /**
   * A line as compared: stripped, its spaces and tabs collapsed to one space, each digit a
   * {@code #} ({@code Page 2 of 3} and {@code Page 3 of 3} are one running line); empty for a
   * blank line.
   */
  static String form(String line) {
    return line.strip().replaceAll("[ \\t]+", " ").replaceAll("\\p{Nd}", "#");
  }

  void startPage() {
    inPage = true;
    page++;
    head.clear();
    tail.clear();
    line.setLength(0);
    tooLong = false;
  }

  void characters(char[] ch, int start, int length) {
    if (!inPage) {
      return;
    }
    for (int i = start; i < start + length; i++) {
      if (ch[i] == '\n') {
        endLine();
      } else if (line.length() < MAX_LINE) {
        line.append(ch[i]);
      } else {
        tooLong = true;
      }
    }
  }

  void endPage() {
    if (!inPage) {
      return;
    }
    endLine();
    inPage = false;
    Map<String, String> edges = new HashMap<>();
    for (String text : head) {
      edges.putIfAbsent(form(text), text);
    }
    for (String text : tail) {
      edges.putIfAbsent(form(text), text);
    }
    edges.remove("");
    edges.forEach((form, text) -> {
      Seen seen = forms.get(form);
      if (seen == null && forms.size() < MAX_FORMS) {
        forms.put(form, seen = new Seen(page, numbers(text)));
      } else if (seen != null) {
        seen.alike &= countsPages(seen, numbers(text));
      }
      if (seen != null) {
        seen.pages++;
      }
    });
  }

  /**
   * Whether {@code numbers} are {@code seen}'s on its first page but one at most, which counts
   * the pages from there as a page number does ('536-22-' and '412-33-' at the foot of two pages
   * are the halves of two values, no running line).
   */
  private boolean countsPages(Seen seen, List<String> numbers) {
    int differ = 0;
    for (int i = 0; i < numbers.size(); i++) {
      String first = seen.firstNumbers.get(i);
      String now = numbers.get(i);
      if (!now.equals(first) && (++differ > 1 || now.length() > 4 || first.length() > 4
          || Integer.parseInt(now) - Integer.parseInt(first) != page - seen.firstPage)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> numbers(String text) {
    return NUMBER.matcher(text).results().map(MatchResult::group).toList();
  }

  /**
   * The forms of the lines on the edges of two pages or more that hold a letter or are a page's
   * number (three digits at most): a line of more digits may be half of a value.
   */
  Set<String> running() {
    Set<String> running = new HashSet<>();
    forms.forEach((form, seen) -> {
      if (seen.pages >= 2 && seen.alike && (form.codePoints().anyMatch(Character::isLetter)
          || form.chars().filter(c -> c == '#').count() <= 3)) {
        running.add(form);
      }
    });
    return running;
  }

  private void endLine() {
    // a line too long to be a running line still takes its place at the edge, as no form
    String text = tooLong ? "" : line.toString();
    boolean blank = form(text).isEmpty() && !tooLong;
    line.setLength(0);
    tooLong = false;
    if (blank) {
      return;
    }
    if (head.size() < EDGE) {
      head.add(text);
    } else {
      tail.addLast(text);
      if (tail.size() > EDGE) {
        tail.removeFirst();
      }
    }
  }
}
