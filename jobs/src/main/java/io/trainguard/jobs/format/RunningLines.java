package io.trainguard.jobs.format;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The running headers and footers of a paged document (a PDF as Tika writes it, a {@code <div
 * class="page">} a page): the lines among the first and last {@value #EDGE} lines of a page that
 * are on the edges of at least two pages, in their {@link #form}. A value cut by a page break
 * is read joined over them.
 */
final class RunningLines {

  /** Lines of each edge of a page looked at. */
  static final int EDGE = 2;
  /** Chars of a line at most that may be a running line. */
  private static final int MAX_LINE = 200;
  /** Forms counted at most: past them, the new ones of a document are not. */
  private static final int MAX_FORMS = 10_000;

  private final Map<String, Integer> pages = new HashMap<>();
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
    Set<String> edges = new HashSet<>(head);
    edges.addAll(tail);
    edges.remove("");
    for (String form : edges) {
      if (pages.size() < MAX_FORMS || pages.containsKey(form)) {
        pages.merge(form, 1, Integer::sum);
      }
    }
  }

  /**
   * The forms of the lines on the edges of two pages or more that hold a letter or are a page's
   * number (three digits at most): a line of more digits may be half of a value.
   */
  Set<String> running() {
    Set<String> running = new HashSet<>();
    pages.forEach((form, count) -> {
      if (count >= 2 && (form.codePoints().anyMatch(Character::isLetter)
          || form.chars().filter(c -> c == '#').count() <= 3)) {
        running.add(form);
      }
    });
    return running;
  }

  private void endLine() {
    // a line too long to be a running line still takes its place at the edge, as no form
    String form = tooLong ? "" : form(line.toString());
    boolean blank = form.isEmpty() && !tooLong;
    line.setLength(0);
    tooLong = false;
    if (blank) {
      return;
    }
    if (head.size() < EDGE) {
      head.add(form);
    } else {
      tail.addLast(form);
      if (tail.size() > EDGE) {
        tail.removeFirst();
      }
    }
  }
}
