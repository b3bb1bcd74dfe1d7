package io.trainguard.classifiers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Classifies a structured column from its name and a sample of its values, as presidio-structured
 * does: the result is a recorded plan entry, and every row of the column is then redacted whole
 * from the plan without re-detection. A column is planned when at least
 * {@value #VALUE_SHARE} of its sampled non-empty values are entirely one entity, or when its name
 * says so and at least {@value #HINTED_SHARE} of the values agree; names of entities no checksum
 * can confirm (names, addresses, birth dates, passwords) plan the column on their own.
 */
public final class ColumnClassifier implements Serializable {

  /** Share of sampled values that makes a column an entity without a name hint. */
  public static final double VALUE_SHARE = 0.8;
  /** Share of sampled values that confirms a column name hint. */
  public static final double HINTED_SHARE = 0.3;
  /** A finding must cover this share of a value's code points to count as the whole value. */
  static final double WHOLE_VALUE_COVERAGE = 0.8;

  /** One planned column: every non-empty value of {@code column} is {@code entity}. */
  public record ColumnPlan(String column, String entity, double confidence, int sampleSize,
      String reason) implements Serializable {}

  private static final Map<String, String> NAME_HINTS = Map.ofEntries(
      Map.entry("email", "EMAIL_ADDRESS"), Map.entry("mail", "EMAIL_ADDRESS"),
      Map.entry("phone", "PHONE_NUMBER"), Map.entry("mobile", "PHONE_NUMBER"),
      Map.entry("tel", "PHONE_NUMBER"), Map.entry("telephone", "PHONE_NUMBER"),
      Map.entry("cell", "PHONE_NUMBER"), Map.entry("fax", "PHONE_NUMBER"),
      Map.entry("ssn", "US_SSN"), Map.entry("card", "CREDIT_CARD"), Map.entry("cc", "CREDIT_CARD"),
      Map.entry("iban", "IBAN_CODE"), Map.entry("ip", "IP_ADDRESS"),
      Map.entry("passport", "US_PASSPORT"), Map.entry("name", "PERSON"),
      Map.entry("surname", "PERSON"), Map.entry("firstname", "PERSON"),
      Map.entry("lastname", "PERSON"), Map.entry("fullname", "PERSON"),
      Map.entry("middle", "PERSON"), Map.entry("middlename", "PERSON"),
      Map.entry("address", "LOCATION"), Map.entry("street", "LOCATION"),
      Map.entry("city", "LOCATION"), Map.entry("dob", "DATE_TIME"),
      Map.entry("birthdate", "DATE_TIME"), Map.entry("birthday", "DATE_TIME"),
      Map.entry("dateofbirth", "DATE_TIME"), Map.entry("password", "PASSWORD"),
      Map.entry("passwd", "PASSWORD"), Map.entry("apikey", "GENERIC_API_KEY"),
      Map.entry("cvc", "CREDIT_CARD_SECURITY_CODE"), Map.entry("cvv", "CREDIT_CARD_SECURITY_CODE"),
      Map.entry("cvc2", "CREDIT_CARD_SECURITY_CODE"),
      Map.entry("cvv2", "CREDIT_CARD_SECURITY_CODE"),
      Map.entry("securitycode", "CREDIT_CARD_SECURITY_CODE"));
  /**
   * Words that name a part of a card after a word hinting {@code CREDIT_CARD} ({@code cc_expiry}):
   * alone they are too common ({@code token_expiry}).
   */
  private static final Map<String, String> CARD_PART_HINTS = Map.of(
      "exp", "CREDIT_CARD_EXPIRATION", "expiry", "CREDIT_CARD_EXPIRATION",
      "expiration", "CREDIT_CARD_EXPIRATION", "expires", "CREDIT_CARD_EXPIRATION",
      "expiredate", "CREDIT_CARD_EXPIRATION", "expirydate", "CREDIT_CARD_EXPIRATION",
      "expirationdate", "CREDIT_CARD_EXPIRATION", "expdate", "CREDIT_CARD_EXPIRATION");
  /** Entities that values rarely confirm on their own: the name hint alone plans the column. */
  private static final List<String> NAME_IS_ENOUGH = List.of("PERSON", "LOCATION", "DATE_TIME",
      "PASSWORD", "CREDIT_CARD_SECURITY_CODE", "CREDIT_CARD_EXPIRATION");

  /**
   * The written form of entities whose recognizers also check a value's meaning (SSN areas, Luhn):
   * in a column named for one, a value of that form is the entity even when the check fails
   * ("000-11-1111" under {@code SSN}), as Macie reads it.
   */
  private static final Map<String, Pattern> HINTED_FORMS = Map.of(
      "US_SSN", Pattern.compile("\\d{3}([- .]?)\\d{2}\\1\\d{4}"),
      "CREDIT_CARD", Pattern.compile("\\d{4}([- ]?)\\d{4}\\1\\d{4}\\1\\d{1,7}"));

  /** Columns whose context is remembered at most (JSON keys can be data: stay bounded). */
  private static final int MAX_REMEMBERED_COLUMNS = 10_000;

  private final Analyzer analyzer;
  /** The words of each column name that are context words of a recognizer, space-separated. */
  private transient volatile Map<String, String> contexts;

  public ColumnClassifier(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /**
   * The analyzer's findings in {@code value} of {@code column} (null: outside columns), the words
   * of the column name read as context before the value.
   */
  public List<Finding> analyze(String column, String value) {
    String context = column == null || value.isEmpty() ? "" : contextOf(column);
    if (context.isEmpty()) {
      return analyzer.analyze(value);
    }
    int shift = context.codePointCount(0, context.length()) + 1;
    List<Finding> found = analyzer.analyze(context + " " + value);
    List<Finding> inValue = new ArrayList<>(found.size());
    for (Finding f : found) {
      if (f.end() > shift) { // one that starts in the name covers the value from its start
        inValue.add(f.moved(start -> Math.max(0, start - shift), end -> end - shift));
      }
    }
    return inValue;
  }

  private String contextOf(String column) {
    Map<String, String> known = contexts;
    if (known == null) {
      known = new ConcurrentHashMap<>();
      contexts = known;
    }
    String context = known.get(column);
    if (context == null) {
      List<String> words = new ArrayList<>();
      for (String word : words(column)) {
        if (!word.isEmpty() && !words.contains(word) && isContextWord(word)) {
          words.add(word);
        }
      }
      context = String.join(" ", words);
      if (known.size() < MAX_REMEMBERED_COLUMNS) {
        known.put(column, context);
      }
    }
    return context;
  }

  /** Whether a recognizer would take {@code word} before a match as context (as the analyzer). */
  private boolean isContextWord(String word) {
    for (Recognizer r : analyzer.recognizers()) {
      for (String c : r.context()) {
        if (word.equals(c) || c.length() >= 3 && word.startsWith(c)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The plan for {@code column}, or empty when its values should get span detection. */
  public Optional<ColumnPlan> classify(String column, List<String> sample) {
    return classify(column, sample, this::analyze);
  }

  /**
   * As {@link #classify(String, List)}, each value's findings from {@code findings}, which
   * must return what {@link #analyze} does (e.g. remembered).
   */
  public Optional<ColumnPlan> classify(String column, List<String> sample,
      BiFunction<String, String, List<Finding>> findings) {
    Map<String, Integer> wholeValues = new TreeMap<>();
    int nonEmpty = 0;
    for (String value : sample) {
      if (value.isBlank()) {
        continue;
      }
      nonEmpty++;
      int length = value.codePointCount(0, value.length());
      for (Finding f : findings.apply(column, value)) {
        if (f.length() >= WHOLE_VALUE_COVERAGE * length) {
          wholeValues.merge(f.entity(), 1, Integer::sum);
          break;
        }
      }
    }
    String hinted = hintOf(column);
    if (nonEmpty == 0) {
      return hinted != null && NAME_IS_ENOUGH.contains(hinted)
          ? Optional.of(new ColumnPlan(column, hinted, 0.5, 0, "column name")) : Optional.empty();
    }
    String best = null;
    double bestShare = 0;
    for (Map.Entry<String, Integer> e : wholeValues.entrySet()) {
      double share = (double) e.getValue() / nonEmpty;
      if (share > bestShare) {
        best = e.getKey();
        bestShare = share;
      }
    }
    if (best != null && bestShare >= VALUE_SHARE) {
      return Optional.of(new ColumnPlan(column, best, round(bestShare), nonEmpty,
          "values: " + round(bestShare) + " of sampled values are " + best));
    }
    if (hinted != null) {
      double share = (double) wholeValues.getOrDefault(hinted, 0) / nonEmpty;
      if (share >= HINTED_SHARE) {
        return Optional.of(new ColumnPlan(column, hinted, round(Math.max(share, 0.6)), nonEmpty,
            "column name and " + round(share) + " of sampled values"));
      }
      if (NAME_IS_ENOUGH.contains(hinted)) {
        return Optional.of(new ColumnPlan(column, hinted, 0.5, nonEmpty, "column name"));
      }
      Pattern form = HINTED_FORMS.get(hinted);
      double formShare = form == null ? 0
          : (double) sample.stream().filter(v -> v != null && form.matcher(v.strip()).matches())
              .count() / nonEmpty;
      if (formShare >= HINTED_SHARE) {
        return Optional.of(new ColumnPlan(column, hinted, 0.5, nonEmpty,
            "column name and " + round(formShare) + " of sampled values in its form"));
      }
    }
    return Optional.empty();
  }

  /**
   * The entity a column name suggests: its first word (split on case and separators) that
   * suggests one, or the part of a card a later word names ({@code cc_cvc}, {@code card_expiry});
   * null when it suggests none.
   */
  public static String hintOf(String column) {
    String joined = spaced(column).replaceAll("[^a-z0-9]", "");
    if (NAME_HINTS.containsKey(joined)) {
      return NAME_HINTS.get(joined);
    }
    String hinted = null;
    for (String word : words(column)) {
      String entity = NAME_HINTS.get(word);
      if (hinted == null) {
        hinted = entity;
      } else if ("CREDIT_CARD".equals(hinted)) {
        String part = CARD_PART_HINTS.getOrDefault(word, entity);
        if (part != null && part.startsWith("CREDIT_CARD_")) {
          return part;
        }
      }
    }
    return hinted;
  }

  /** A column name in lower case, split where its case changes ({@code userEmail}). */
  private static String spaced(String column) {
    return column.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }

  /** The words of a column name: {@code Email_Notes}, {@code emailNotes}: email, notes. */
  private static String[] words(String column) {
    return spaced(column).split("[^a-z0-9]+");
  }

  private static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }
}
