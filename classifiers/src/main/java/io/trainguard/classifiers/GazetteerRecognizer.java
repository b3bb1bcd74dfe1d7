package io.trainguard.classifiers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PERSON and LOCATION from bundled gazetteers, with no model to download: capitalised word
 * sequences looked up in name and place lists. A first name followed by a listed surname, or a
 * title followed by a capitalised word, is a person; a listed place (up to three words) is a
 * location. A lone first name scores below the threshold unless context words lift it.
 */
public final class GazetteerRecognizer implements Recognizer {

  public static final String PERSON = "PersonRecognizer";
  public static final String LOCATION = "LocationRecognizer";

  static final double FULL_NAME_SCORE = 0.85;
  static final double TITLED_NAME_SCORE = 0.75;
  static final double FIRST_NAME_SCORE = 0.3;
  static final double PLACE_SCORE = 0.6;
  private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "dr", "prof",
      "sir", "madam", "mx");

  private final String name;
  private final String entity;
  private final Set<String> first;
  private final Set<String> last;
  private final Set<String> places;
  /** The first one or two words of each listed place of several words. */
  private final Set<String> placeStarts;
  private final List<String> context;

  private GazetteerRecognizer(String name, String entity, Set<String> first, Set<String> last,
      Set<String> places, List<String> context) {
    this.name = name;
    this.entity = entity;
    this.first = first;
    this.last = last;
    this.places = places;
    this.placeStarts = starts(places);
    this.context = context;
  }

  private static Set<String> starts(Set<String> places) {
    Set<String> starts = new HashSet<>();
    for (String place : places) {
      for (int space = place.indexOf(' '); space >= 0; space = place.indexOf(' ', space + 1)) {
        starts.add(place.substring(0, space));
      }
    }
    return Set.copyOf(starts);
  }

  public static GazetteerRecognizer person() {
    return new GazetteerRecognizer(PERSON, "PERSON", load("first-names.txt"),
        load("last-names.txt"), Set.of(), List.of("name", "named", "customer", "patient",
        "dear", "hi", "hello", "contact", "employee", "signed", "by", "from", "mr", "mrs", "dr"));
  }

  public static GazetteerRecognizer location() {
    return new GazetteerRecognizer(LOCATION, "LOCATION", Set.of(), Set.of(),
        load("places.txt"), List.of("address", "lives", "live", "located", "city", "from",
        "in", "at", "near", "born"));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String entity() {
    return entity;
  }

  @Override
  public List<String> context() {
    return context;
  }

  @Override
  public List<Finding> recognize(String text, CodePoints codePoints) {
    List<int[]> words = capitalisedWords(text);
    List<Finding> found = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      int[] w = words.get(i);
      String word = text.substring(w[0], w[1]).toLowerCase(Locale.ROOT);
      int[] next = i + 1 < words.size() && adjacent(text, w, words.get(i + 1))
          ? words.get(i + 1) : null;
      if (entity.equals("PERSON")) {
        if (TITLES.contains(word) && next != null) {
          found.add(span(codePoints, w[0], next[1], TITLED_NAME_SCORE, "title and name"));
          i++;
        } else if (first.contains(word)) {
          if (next != null && last.contains(
              text.substring(next[0], next[1]).toLowerCase(Locale.ROOT))) {
            found.add(span(codePoints, w[0], next[1], FULL_NAME_SCORE, "first and last name"));
            i++;
          } else {
            found.add(span(codePoints, w[0], w[1], FIRST_NAME_SCORE, "first name"));
          }
        }
      } else {
        // Longest listed place starting here, up to three words.
        int bestEnd = -1;
        int consumed = 0;
        StringBuilder phrase = new StringBuilder(word);
        int[] prev = w;
        for (int k = 0; k < 3 && i + k < words.size(); k++) {
          if (k > 0) {
            int[] cur = words.get(i + k);
            if (!adjacent(text, prev, cur)) {
              break;
            }
            phrase.append(' ').append(text.substring(cur[0], cur[1]).toLowerCase(Locale.ROOT));
            prev = cur;
          }
          String candidate = phrase.toString();
          if (places.contains(candidate)) {
            bestEnd = words.get(i + k)[1];
            consumed = k;
          }
          if (!placeStarts.contains(candidate)) {
            break; // no listed place continues this phrase
          }
        }
        if (bestEnd > 0) {
          found.add(span(codePoints, w[0], bestEnd, PLACE_SCORE, "place gazetteer"));
          i += consumed;
        }
      }
    }
    return found;
  }

  private Finding span(CodePoints cp, int start, int end, double score, String why) {
    return new Finding(entity, cp.offset(start), cp.offset(end), score, name, why);
  }

  /** Two words separated by exactly one space (or ". " after a title). */
  private static boolean adjacent(String text, int[] a, int[] b) {
    int gap = b[0] - a[1];
    return (gap == 1 && text.charAt(a[1]) == ' ')
        || (gap == 2 && text.charAt(a[1]) == '.' && text.charAt(a[1] + 1) == ' ');
  }

  /** UTF-16 [start, end) of each word that starts with an upper-case letter. */
  private static List<int[]> capitalisedWords(String text) {
    List<int[]> words = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c < 128) {
        // ASCII: no letter (a run's first char) or no upper-case start means no word here.
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
          i++;
          continue;
        }
      }
      int cp = text.codePointAt(i);
      if (Character.isLetter(cp)) {
        int start = i;
        while (i < n && (isLetterAt(text, i) || text.charAt(i) == '\''
            || (text.charAt(i) == '-' && i + 1 < n && Character.isLetter(text.charAt(i + 1))))) {
          i += Character.charCount(text.codePointAt(i));
        }
        if (Character.isUpperCase(cp) && (start == 0 || !Character.isLetterOrDigit(
            text.codePointBefore(start)))) {
          words.add(new int[] {start, i});
        }
      } else {
        i += Character.charCount(cp);
      }
    }
    return words;
  }

  private static boolean isLetterAt(String text, int i) {
    char c = text.charAt(i);
    return c < 128 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z'
        : Character.isLetter(text.codePointAt(i));
  }

  private static Set<String> load(String resource) {
    try (InputStream in = GazetteerRecognizer.class.getResourceAsStream("gazetteer/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("Cannot find gazetteer " + resource);
      }
      Set<String> entries = new HashSet<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          entries.add(line.toLowerCase(Locale.ROOT));
        }
      }
      return Set.copyOf(entries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
