package io.trainguard.classifiers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Presidio's analyzer engine: runs the recognizers whose prefilter admits the text, raises scores
 * of matches with context words nearby (its own stage, as in Presidio), drops allowed values and
 * results under the threshold, then resolves overlaps in rank order (higher score, then longer
 * span, then earlier start, then recognizer name first): overlapping findings of one entity type
 * become one finding over their union, with the highest score and the recognizer and explanation
 * of the first; a finding within one of another type that ranks before it is reported inside
 * that one ({@link Finding#inner()}: it redacts nothing more unless a policy leaves the outer
 * text in place); other overlapping findings of different types are all reported, as in
 * Presidio, and redaction covers their union.
 * Recognizers see the text without invisible format characters ({@link InvisibleChars}; spans
 * are moved back onto the original) and with Unicode look-alikes of ASCII characters replaced
 * one char for one ({@link LookAlikes}); a text that reads otherwise decoded ({@link DecodedText}:
 * escapes, mathematical digits, hidden control characters) is analyzed both as written and
 * decoded, and the findings of both resolved together.
 */
public final class Analyzer implements Serializable {

  /** Default minimum score of a reported finding, as {@code --threshold}. */
  public static final double DEFAULT_THRESHOLD = 0.5;
  /** Presidio's context enhancement: boost, floor and window of words before a match. */
  static final double CONTEXT_BOOST = 0.35;
  static final double CONTEXT_MIN_SCORE = 0.4;
  static final int CONTEXT_WINDOW_WORDS = 5;

  private static final Comparator<Finding> PRECEDENCE = Comparator
      .comparingDouble(Finding::score).reversed()
      .thenComparing(Comparator.comparingInt(Finding::length).reversed())
      .thenComparingInt(Finding::start)
      .thenComparing(Finding::recognizer);

  private final List<Recognizer> recognizers;
  private final double threshold;
  private final AllowList allowList;
  private final Prefilter prefilter;
  private final Scan scan;
  /** Whether people are looked for: {@link NamesBesideValues} adds them. */
  private final boolean people;
  /** Null in {@link #fullScan()}. */
  private final CandidateScanner scanner;

  /** How the patterns are run: see {@link #fullScan()} and {@link #withoutAutomaton()}. */
  private enum Scan { WHOLE_TEXT, CONDITIONS, AUTOMATON }

  public Analyzer(List<Recognizer> recognizers, double threshold) {
    this(recognizers, threshold, AllowList.NONE);
  }

  public Analyzer(List<Recognizer> recognizers, double threshold, AllowList allowList) {
    this(recognizers, threshold, allowList, Scan.AUTOMATON);
  }

  private Analyzer(List<Recognizer> recognizers, double threshold, AllowList allowList,
      Scan scan) {
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException("Invalid threshold: " + threshold);
    }
    this.recognizers = List.copyOf(recognizers);
    this.threshold = threshold;
    this.allowList = allowList;
    this.prefilter = new Prefilter(this.recognizers);
    this.scan = scan;
    this.people = this.recognizers.stream()
        .anyMatch(r -> r.name().equals(NameRecognizer.PERSON));
    this.scanner = scan == Scan.WHOLE_TEXT ? null
        : new CandidateScanner(this.recognizers, scan == Scan.AUTOMATON);
  }

  /** The built-in pack at the default threshold. */
  public static Analyzer defaults() {
    return new Analyzer(RecognizerPack.combine(List.of(RecognizerPack.builtIn())),
        DEFAULT_THRESHOLD);
  }

  public List<Recognizer> recognizers() {
    return recognizers;
  }

  public double threshold() {
    return threshold;
  }

  /** This analyzer restricted to recognizers of {@code entities}. */
  public Analyzer onlyEntities(java.util.Set<String> entities) {
    return new Analyzer(recognizers.stream().filter(r -> entities.contains(r.entity())).toList(),
        threshold, allowList, scan);
  }

  /**
   * This analyzer without the candidate scanner: every admitted recognizer runs over the whole
   * text, as Presidio does. Same findings, slower; the reference the scanner is tested against.
   */
  public Analyzer fullScan() {
    return new Analyzer(recognizers, threshold, allowList, Scan.WHOLE_TEXT);
  }

  /**
   * This analyzer without the automaton of match starts ({@link MatchStarts}): the candidate
   * scanner checks every position's conditions, as it did before the automaton. Same findings;
   * a reference for tests and benchmarks.
   */
  public Analyzer withoutAutomaton() {
    return new Analyzer(recognizers, threshold, allowList, Scan.CONDITIONS);
  }

  /**
   * The chars from char {@code i} of {@code text} that a line break there spans when it may fall
   * inside a value, which the analyzer then reads joined over it ({@link DecodedText}): its
   * terminator, the indent after it and a blank line it skips; 0 when it may not.
   */
  public static int wrapLength(String text, int i) {
    char c = text.charAt(i);
    DecodedText.Escape escape = c == '\r' || c == '\n' ? DecodedText.escapeAt(text, i) : null;
    return escape == null ? 0 : escape.chars();
  }

  /**
   * Findings in {@code original}, ordered by start offset (then by entity name); findings of
   * one entity type do not overlap.
   */
  public List<Finding> analyze(String original) {
    return analyze(original, new NameMemory());
  }

  /**
   * As {@link #analyze(String)}, with {@code memory} holding the people named in the texts of the
   * same document analysed before this one: a part of a person's name found in {@code original}
   * or in them is a {@code PERSON} where it appears alone, and a name they show to be a place's
   * or a company's is no {@code PERSON} ({@link NameMemory}). The people of {@code original} are
   * remembered for the texts after it.
   */
  public List<Finding> analyze(String original, NameMemory memory) {
    int forms = TextForms.of(original);
    List<Finding> found = analyzeAsWritten(original, forms);
    if ((forms & TextForms.DECODES) != 0) {
      DecodedText decoded = DecodedText.of(original);
      List<Finding> both = new ArrayList<>(found);
      both.addAll(decoded.toOriginal(analyzeAsWritten(decoded.text(),
          TextForms.of(decoded.text()))));
      found = resolveOverlaps(both);
      List<Finding> whole = DecodedText.withCutNamesWhole(original, found);
      found = whole == found ? found : resolveOverlaps(whole);
    }
    if (people) {
      List<Finding> named = NamesBesideValues.people(original, found);
      if (!named.isEmpty()) {
        named = new ArrayList<>(named);
        named.removeIf(f -> f.score() < threshold
            || !allowList.isEmpty() && allowed(original, new CodePoints(original), f));
        named.addAll(found);
        found = resolveOverlaps(named);
      }
    }
    NameMemory.Recalled recalled = memory.recall(original, found);
    if (recalled.added().isEmpty() && recalled.kept() == found) {
      return found;
    }
    CodePoints codePoints = new CodePoints(original);
    List<Finding> all = new ArrayList<>(recalled.kept());
    for (Finding f : recalled.added()) {
      if (f.score() >= threshold
          && (allowList.isEmpty() || !allowed(original, codePoints, f))) {
        all.add(f);
      }
    }
    return resolveOverlaps(all);
  }

  /** Findings in {@code original}, whose {@link TextForms} are {@code forms}, as written. */
  private List<Finding> analyzeAsWritten(String original, int forms) {
    if ((forms & TextForms.INVISIBLE) == 0) {
      return analyzeVisible(original, forms);
    }
    InvisibleChars.Stripped stripped = InvisibleChars.strip(original);
    return stripped.toOriginal(analyzeVisible(stripped.text(), forms));
  }

  private List<Finding> analyzeVisible(String original, int forms) {
    if (original.isEmpty()) {
      return List.of();
    }
    String text = (forms & TextForms.LOOK_ALIKE) == 0 ? original : LookAlikes.replaced(original);
    TextProfile profile = new TextProfile(text);
    boolean[] admitted = prefilter.admitted(profile);
    if (admitted == null) {
      return List.of();
    }
    CodePoints codePoints = new CodePoints(text, profile.isAscii());
    List<Finding>[] scanned = scanner == null ? null
        : scanner.scan(text, codePoints, admitted, profile);
    AnalyzedText analyzed = new AnalyzedText(profile, codePoints, threshold, scanner, scanned);
    List<Finding> candidates = new ArrayList<>();
    for (int r = 0; r < admitted.length; r++) {
      if (!admitted[r] || scanner != null && scanner.scansAll(r)
          && (scanned == null || !scanner.matchedAny(scanned, r))) {
        continue; // the usual case: nothing to keep
      }
      Recognizer recognizer = recognizers.get(r);
      keep(text, codePoints, recognizer, recognizer.recognize(analyzed.forRecognizer(r)),
          candidates);
    }
    return candidates.isEmpty() ? List.of() : resolveOverlaps(candidates);
  }

  /** Context scoring, threshold and allow list over one recognizer's raw findings. */
  private void keep(String text, CodePoints codePoints, Recognizer recognizer,
      List<Finding> found, List<Finding> candidates) {
    if (found.isEmpty()) {
      return; // most admitted recognizers find nothing: no iterator for them
    }
    ContextWords context = null;
    for (Finding f : found) {
      if (f.score() < 1.0) {
        if (context == null) {
          context = ContextWords.of(recognizer.context());
        }
        if (!context.isEmpty()) {
          f = enhance(text, codePoints, f, context);
        }
      }
      if (f.score() >= threshold
          && (allowList.isEmpty() || !allowed(text, codePoints, f))) {
        candidates.add(f);
      }
    }
  }

  private boolean allowed(String text, CodePoints codePoints, Finding f) {
    int start = codePoints.charIndex(f.start());
    int end = text.offsetByCodePoints(start, f.length());
    return allowList.allows(text.substring(start, end));
  }

  /**
   * Presidio's context enhancement: boosts {@code f} when one of the last
   * {@link #CONTEXT_WINDOW_WORDS} words (maximal runs of letters, lower-cased) starting before it
   * equals a context word or starts with one of at least three letters; the earliest such word
   * and the first context word it fits give the reason.
   */
  static Finding enhance(String text, CodePoints codePoints, Finding f, ContextWords context) {
    String c = contextBefore(text, codePoints.charIndex(f.start()), context);
    if (c == null) {
      return f;
    }
    return f.rescored(boosted(f.score()), "context '" + c + "'");
  }

  /** A score after a context word lifted it. */
  static double boosted(double score) {
    double boosted = Math.min(1.0, Math.max(CONTEXT_MIN_SCORE, score + CONTEXT_BOOST));
    return Math.round(boosted * 10_000) / 10_000.0;
  }

  /** The context word that boosts a finding starting at UTF-16 index {@code at}, or null. */
  static String contextBefore(String text, int at, ContextWords context) {
    // Words are read from the match backwards, so the last one that fits is the earliest.
    String fitting = null;
    int words = 0;
    int i = at;
    while (i > 0 && words < CONTEXT_WINDOW_WORDS) {
      int cp = AsciiChars.codePointBefore(text, i);
      if (!AsciiChars.isLetter(cp)) {
        i -= Character.charCount(cp);
        continue;
      }
      // Read forward the run may go on: into the match, or over a pair split at the match.
      int end = letterRunEnd(text, i);
      boolean ascii = isAscii(text, i, end);
      do {
        ascii &= cp < 128;
        i -= Character.charCount(cp);
      } while (i > 0 && AsciiChars.isLetter(cp = AsciiChars.codePointBefore(text, i)));
      words++;
      int dotted = end - i == 1 ? dottedStart(text, i) : i;
      String c = dotted < i ? context.fitting(text.substring(dotted, end).replace(".", "")
              .toLowerCase(Locale.ROOT))
          : ascii ? context.fittingAscii(text, i, end)
          : context.fitting(text.substring(i, end).toLowerCase(Locale.ROOT));
      i = dotted;
      if (c != null) {
        fitting = c;
      }
    }
    return fitting;
  }

  /**
   * The start of the dotted abbreviation whose last letter is at {@code last} ("D.L.",
   * "S.S.N."): single letters each followed by a dot; {@code last} when there is none.
   */
  private static int dottedStart(String text, int last) {
    int start = last;
    while (start >= 2 && text.charAt(start - 1) == '.' && AsciiChars.isLetter(text.charAt(start - 2))
        && (start == 2 || !AsciiChars.isLetter(text.charAt(start - 3)))) {
      start -= 2;
    }
    return start;
  }

  private static int letterRunEnd(String text, int from) {
    int end = from;
    int cp;
    while (end < text.length() && AsciiChars.isLetter(cp = AsciiChars.codePointAt(text, end))) {
      end += Character.charCount(cp);
    }
    return end;
  }

  private static boolean isAscii(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (text.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code candidates} with their overlaps resolved (see the class comment), ordered by start,
   * then entity name.
   */
  static List<Finding> resolveOverlaps(List<Finding> candidates) {
    if (candidates.size() <= 1) {
      return candidates;
    }
    candidates.sort(PRECEDENCE);
    List<Finding> kept = new ArrayList<>(); // in precedence order of each group's first finding
    for (Finding f : candidates) {
      int outer = outerOf(f, kept);
      if (outer >= 0) {
        Finding k = kept.get(outer);
        kept.set(outer, k.withInner(merged(k.inner(), List.of(f))));
        continue;
      }
      Finding first = f;
      int start = f.start();
      int end = f.end();
      double score = f.score();
      List<Finding> inner = f.inner();
      int at = kept.size();
      for (int k = 0; k < kept.size(); k++) {
        Finding g = kept.get(k);
        if (g.entity().equals(f.entity()) && g.start() < end && start < g.end()) {
          kept.remove(k);
          at = Math.min(at, k);
          first = PRECEDENCE.compare(g, first) < 0 ? g : first;
          start = Math.min(start, g.start());
          end = Math.max(end, g.end());
          score = Math.max(score, g.score());
          inner = merged(inner, g.inner());
          k = -1; // the wider span may overlap a finding passed over
        }
      }
      kept.add(at, first.start() == start && first.end() == end && first.score() == score
          && first.inner() == inner ? first : new Finding(f.entity(), start, end, score,
              first.recognizer(), first.explanation(), inner));
    }
    kept.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::entity));
    return kept;
  }

  /** The index of the first finding of another type in {@code kept} that {@code f} lies in. */
  private static int outerOf(Finding f, List<Finding> kept) {
    for (int i = 0; i < kept.size(); i++) {
      Finding k = kept.get(i);
      if (!k.entity().equals(f.entity()) && k.start() <= f.start() && f.end() <= k.end()) {
        return i;
      }
    }
    return -1;
  }

  /** The findings inside two merged ones, their overlaps resolved as the text's are. */
  private static List<Finding> merged(List<Finding> a, List<Finding> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() ? b : a;
    }
    List<Finding> both = new ArrayList<>(a);
    both.addAll(b);
    return resolveOverlaps(both);
  }
}
