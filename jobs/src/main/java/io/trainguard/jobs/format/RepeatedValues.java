package io.trainguard.jobs.format;

import io.trainguard.classifiers.ColumnClassifier;
import io.trainguard.classifiers.Finding;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings of short values that repeat within a column (categories, flags, fixed notes), so that
 * each distinct value is analysed once per task: its findings are a pure function of the column
 * and the value.
 * A column whose values do not repeat stops being remembered after a trial, so that ids and
 * amounts pay only for the trial. The findings planning made of a file's sampled values are kept
 * until those records are protected ({@link #forgetSample}), so that they are analysed once.
 * Used by its {@link #owner} thread only.
 */
final class RepeatedValues {

  /** Longer values rarely repeat, and hashing them costs more than it saves. */
  static final int MAX_CHARS = 64;
  /** Distinct values remembered per column, least recently used dropped first. */
  static final int CAPACITY = 256;
  /** Columns remembered at most (about 10 MB at worst); later ones are analysed every time. */
  static final int MAX_COLUMNS = 200;
  /** Lookups per column before deciding whether its values repeat enough. */
  static final int TRIAL = 2000;
  /**
   * Hits in the trial that keep a column remembered: a hit saves an analysis, which costs
   * hundreds of times a miss's lookup and copy.
   */
  static final int MIN_HITS = TRIAL / 20;

  private final ColumnClassifier classifier;
  private final Thread owner;
  private final Map<String, Column> columns = new HashMap<>();
  /** The findings of the sampled values by column and value; null when none are kept. */
  private Map<String, Map<String, List<Finding>>> sampled;

  RepeatedValues(ColumnClassifier classifier, Thread owner) {
    this.classifier = classifier;
    this.owner = owner;
  }

  /** The one thread that may use this. */
  Thread owner() {
    return owner;
  }

  /**
   * {@link #analyze}, for planning {@code column} from a sample: kept until
   * {@link #forgetSample}, for when the sampled records themselves are protected.
   */
  List<Finding> analyzeSampled(String column, String value) {
    if (sampled == null) {
      sampled = new HashMap<>();
    }
    Map<String, List<Finding>> values = sampled.computeIfAbsent(column, c -> new HashMap<>());
    List<Finding> findings = values.get(value);
    if (findings == null) {
      findings = List.copyOf(analyze(value, column));
      values.put(value, findings);
    }
    return findings;
  }

  /** Drops the findings kept of the sample ({@link #analyzeSampled}). */
  void forgetSample() {
    sampled = null;
  }

  /** {@code classifier.analyze(column, value)}, remembered (null column: not remembered). */
  List<Finding> analyze(String value, String column) {
    Map<String, List<Finding>> sampledValues = sampled == null ? null : sampled.get(column);
    List<Finding> kept = sampledValues == null ? null : sampledValues.get(value);
    if (kept != null) {
      return kept;
    }
    if (column == null || value.length() > MAX_CHARS) {
      return classifier.analyze(column, value);
    }
    Column c = columns.get(column);
    if (c == null && columns.size() < MAX_COLUMNS) { // JSON keys can be data: stay bounded
      c = new Column();
      columns.put(column, c);
    }
    if (c == null || c.off) {
      return classifier.analyze(column, value);
    }
    c.lookups++;
    List<Finding> findings = c.seen.get(value);
    if (findings != null) {
      c.hits++;
    } else {
      findings = List.copyOf(classifier.analyze(column, value));
      c.seen.put(value, findings);
    }
    if (c.lookups == TRIAL && c.hits < MIN_HITS) {
      c.off = true; // distinct values: remembering them costs more than it saves
      c.seen.clear();
    }
    return findings;
  }

  /** How many values of {@code column} are remembered now (0 once it stopped remembering). */
  int remembered(String column) {
    Column c = columns.get(column);
    return c == null ? 0 : c.seen.size();
  }

  private static final class Column {
    final Map<String, List<Finding>> seen = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, List<Finding>> eldest) {
        return size() > CAPACITY;
      }
    };
    int lookups;
    int hits;
    boolean off;
  }
}
