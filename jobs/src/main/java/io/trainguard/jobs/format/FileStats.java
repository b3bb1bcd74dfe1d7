package io.trainguard.jobs.format;

import io.trainguard.classifiers.Finding;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What happened to one file: records seen and findings per entity and field. No values. */
public final class FileStats implements Serializable {

  private final java.util.List<io.trainguard.classifiers.ColumnClassifier.ColumnPlan> plans =
      new java.util.ArrayList<>();
  private long records;
  private long written;
  private long quarantined;
  private long dropped;
  private String quarantineReason;
  private long poisoningActions;
  private long malformed;
  /** Where the first malformed record is ({@code line 4: invalid JSON}), never its content. */
  private String firstMalformed;
  /** Counted per value and finding, so hashed; the accessors sort. */
  private final Map<String, long[]> cellsByField = new HashMap<>();
  private final Map<String, EntityTally> byEntity = new HashMap<>();
  private final Map<String, Long> nulledByField = new TreeMap<>();
  private final Map<String, Long> fallbacksByEntity = new TreeMap<>();

  /** A record read from the input. */
  public void countRecord() {
    records++;
  }

  /** A record written to the data output (counted apart, so the accounting can be checked). */
  public void countWritten() {
    written++;
  }

  /** A record the policy moved to quarantine. */
  public void countQuarantined() {
    quarantined++;
  }

  /** Why the whole file went to quarantine (e.g. {@code encrypted-document}), or null. */
  public String quarantineReason() {
    return quarantineReason;
  }

  /** The whole file, counted as one record, went to quarantine for {@code reason}. */
  public void quarantineWholeFile(String reason) {
    records++;
    quarantined++;
    quarantineReason = reason;
  }

  /** A record the policy dropped. */
  public void countDropped() {
    dropped++;
  }

  /** A record flagged as possibly poisoned that the poisoning action quarantines or drops. */
  public void countPoisoningAction() {
    poisoningActions++;
  }

  /** A record that could not be read, quarantined as {@code malformed-record}; {@code where}. */
  public void countMalformed(String where) {
    malformed++;
    if (firstMalformed == null) {
      firstMalformed = where;
    }
  }

  /** Malformed records, quarantined (part of {@link #quarantined}). */
  public long malformed() {
    return malformed;
  }

  /** Where the first malformed record is, or null. */
  public String firstMalformed() {
    return firstMalformed;
  }

  /** Flagged records quarantined or dropped by the poisoning action (in quarantined/dropped). */
  public long poisoningActions() {
    return poisoningActions;
  }

  /** One entity's findings, where they came from, and the fields they were in. */
  private static final class EntityTally implements Serializable {
    long findings;
    /** Local detector only, Macie only, both. */
    final long[] provenance = new long[3];
    final Set<String> fields = new TreeSet<>();
    /** The field added last: a column's findings usually follow each other. */
    transient String lastField;
  }

  /**
   * A non-empty value of {@code field}, whether it held personal data (for the gate) and whether
   * it was written changed.
   */
  public void countCell(String field, boolean personal, boolean changed) {
    long[] counts = cellsByField.get(field);
    if (counts == null) {
      counts = new long[3];
      cellsByField.put(field, counts);
    }
    counts[0]++;
    if (personal) {
      counts[1]++;
    }
    if (changed) {
      counts[2]++;
    }
  }

  /** The fields that had non-empty values and whose every value was written unchanged. */
  public java.util.SortedSet<String> untouchedFields() {
    java.util.SortedSet<String> untouched = new TreeSet<>();
    cellsByField.forEach((field, counts) -> {
      if (counts[2] == 0) {
        untouched.add(field);
      }
    });
    return untouched;
  }

  /** One local finding of {@code entity} was also reported by Macie at the same place. */
  public void countAlsoMacie(String entity) {
    long[] p = tally(entity).provenance;
    if (p[0] > 0) {
      p[0]--;
      p[2]++;
    }
  }

  /** Per entity, sorted: {local only, Macie only, both}. */
  public Map<String, long[]> provenance() {
    Map<String, long[]> sorted = new TreeMap<>();
    byEntity.forEach((entity, t) -> sorted.put(entity, t.provenance));
    return sorted;
  }

  public long quarantined() {
    return quarantined;
  }

  public long dropped() {
    return dropped;
  }

  /** Records written to the data output. */
  public long written() {
    return written;
  }

  /** Whether every record read was written, quarantined or dropped, each exactly once. */
  public boolean balanced() {
    return records == written + quarantined + dropped;
  }

  /** Per field, sorted: {non-empty values, values with personal data}. */
  public Map<String, long[]> cellsByField() {
    return new TreeMap<>(cellsByField);
  }

  /** Records the findings of one value of {@code field} (a column name or JSON path). */
  public void countFindings(String field, List<Finding> findings) {
    for (Finding f : findings) {
      EntityTally t = tally(f.entity());
      t.findings++;
      t.provenance[ValueProtector.MACIE.equals(f.recognizer()) ? 1 : 0]++;
      if (!field.equals(t.lastField)) {
        t.fields.add(field);
        t.lastField = field;
      }
    }
  }

  private EntityTally tally(String entity) {
    EntityTally t = byEntity.get(entity);
    if (t == null) {
      t = new EntityTally();
      byEntity.put(entity, t);
    }
    return t;
  }

  /** A value of {@code field} written as null: the operator's result did not fit its type. */
  public void countFallback(String entity) {
    fallbacksByEntity.merge(entity, 1L, Long::sum);
  }

  /**
   * Per entity: values whose operator could not apply (e.g. {@code fpe} on a value without
   * digits) and were replaced by {@code <ENTITY>} instead.
   */
  public Map<String, Long> fallbacksByEntity() {
    return fallbacksByEntity;
  }

  public void countNulled(String field) {
    nulledByField.merge(field, 1L, Long::sum);
  }

  /** Per field: values written as null because the operator's result did not fit the type. */
  public Map<String, Long> nulledByField() {
    return nulledByField;
  }

  /**
   * Replaces every field name counted so far (cells, findings, nulled values, column plans) with
   * {@code shown} of it, before the stats leave the task: names can hold personal data.
   */
  public void showFieldsAs(java.util.function.UnaryOperator<String> shown) {
    Map<String, long[]> cells = new HashMap<>();
    cellsByField.forEach((field, counts) -> cells.merge(shown.apply(field), counts,
        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]}));
    cellsByField.clear();
    cellsByField.putAll(cells);
    for (EntityTally t : byEntity.values()) {
      Set<String> fields = new TreeSet<>();
      t.fields.forEach(f -> fields.add(shown.apply(f)));
      t.fields.clear();
      t.fields.addAll(fields);
      t.lastField = null;
    }
    Map<String, Long> nulled = new TreeMap<>();
    nulledByField.forEach((field, n) -> nulled.merge(shown.apply(field), n, Long::sum));
    nulledByField.clear();
    nulledByField.putAll(nulled);
    plans.replaceAll(p -> new io.trainguard.classifiers.ColumnClassifier.ColumnPlan(
        shown.apply(p.column()), p.entity(), p.confidence(), p.sampleSize(), p.reason()));
  }

  /** Records a column plan made for this file. */
  public void addPlan(io.trainguard.classifiers.ColumnClassifier.ColumnPlan plan) {
    plans.add(plan);
  }

  public java.util.List<io.trainguard.classifiers.ColumnClassifier.ColumnPlan> plans() {
    return plans;
  }

  public long records() {
    return records;
  }


  /** Adds every count of {@code other} (a part of the same input counted apart) to these. */
  public void add(FileStats other) {
    records += other.records;
    written += other.written;
    quarantined += other.quarantined;
    dropped += other.dropped;
    poisoningActions += other.poisoningActions;
    malformed += other.malformed;
    if (firstMalformed == null) {
      firstMalformed = other.firstMalformed;
    }
    if (quarantineReason == null) {
      quarantineReason = other.quarantineReason;
    }
    other.cellsByField.forEach((field, counts) -> {
      long[] mine = cellsByField.computeIfAbsent(field, f -> new long[3]);
      mine[0] += counts[0];
      mine[1] += counts[1];
      mine[2] += counts[2];
    });
    other.byEntity.forEach((entity, theirs) -> {
      EntityTally mine = tally(entity);
      mine.findings += theirs.findings;
      for (int i = 0; i < 3; i++) {
        mine.provenance[i] += theirs.provenance[i];
      }
      mine.fields.addAll(theirs.fields);
      mine.lastField = null;
    });
    other.nulledByField.forEach((field, n) -> nulledByField.merge(field, n, Long::sum));
    other.fallbacksByEntity.forEach((entity, n) -> fallbacksByEntity.merge(entity, n, Long::sum));
    plans.addAll(other.plans);
  }

  /**
   * Adds the counts of the next slice of the same file ({@link LineSlice}): every slice plans
   * alike from the file's first records, so a column's plan is kept once, where first made.
   */
  public void addSlice(FileStats next) {
    add(next);
    java.util.Set<String> planned = new java.util.HashSet<>();
    plans.removeIf(p -> !planned.add(p.column()));
  }

  /** Per entity, sorted: its findings. */
  public Map<String, Long> findingsByEntity() {
    Map<String, Long> sorted = new TreeMap<>();
    byEntity.forEach((entity, t) -> {
      if (t.findings > 0) {
        sorted.put(entity, t.findings);
      }
    });
    return sorted;
  }

  /** Per entity, sorted: the fields its findings were in. */
  public Map<String, Set<String>> fieldsByEntity() {
    Map<String, Set<String>> sorted = new TreeMap<>();
    byEntity.forEach((entity, t) -> {
      if (!t.fields.isEmpty()) {
        sorted.put(entity, t.fields);
      }
    });
    return sorted;
  }
}
