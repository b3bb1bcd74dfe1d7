package io.trainguard.jobs.format;

import io.trainguard.classifiers.ColumnClassifier;
import io.trainguard.classifiers.ColumnClassifier.ColumnPlan;
import io.trainguard.classifiers.Finding;
import io.trainguard.classifiers.RegexBudgetException;
import io.trainguard.jobs.format.RecordCodec.Kind;
import io.trainguard.jobs.format.RecordCodec.Record;
import io.trainguard.jobs.format.RecordCodec.Typing;
import io.trainguard.redaction.RecordAction;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The record protocol, written once for every structured format: plans each field path from the
 * first {@value ValueProtector#PLAN_SAMPLE_RECORDS} records (declared paths in their order, the
 * others sorted), protects each value ({@link ValueProtector#protectValue}), takes the strongest
 * record action of the flagged-record list and the findings, routes the record to data,
 * quarantine or nowhere, and counts it. A {@link RecordCodec} reads and writes the records.
 */
public final class RecordProtector {

  /** Paths planned at most per file; later ones are planned per value by name, unrecorded. */
  static final int MAX_PLANNED_PATHS = 10_000;

  private final ValueProtector protector;
  private final String file;
  private final String idField;
  private final MacieHints macie;
  private final FlaggedRecords flagged;
  private final Listener listener;
  private final Map<String, PathPlan> paths = new HashMap<>();
  private long malformedAllowed;
  private RecordCodec codec;
  private FileStats stats;
  private ValueProtector.CountingSink sink;

  /** Told what each record held as it is scanned, in input order ({@code detect} reports it). */
  public interface Listener {
    Listener NONE = new Listener() {};

    /**
     * Value {@code field} of {@code record} held {@code findings} (accepted, Macie's included,
     * valid during the call); Macie reported {@code macie} there.
     */
    default void found(Record record, int field, List<Finding> findings, Set<String> macie) {}

    /** Every value of {@code record} was scanned. */
    default void scanned(Record record) throws IOException {}

    /** {@code record} is malformed ({@link Record#malformed()}), within the limit: not scanned. */
    default void malformed(Record record) throws IOException {}
  }

  /** A path's plan (null: none) and whether its values leave every record. */
  private record PathPlan(ColumnPlan plan, boolean dropped) implements Serializable {}

  /** The plans of a dataset's paths, made once from its first records, for its parts to share. */
  public static final class Plans implements Serializable {
    private final Map<String, PathPlan> paths;

    private Plans(Map<String, PathPlan> paths) {
      this.paths = paths;
    }

    private Set<String> with(java.util.function.Predicate<PathPlan> test) {
      Set<String> matching = new TreeSet<>();
      paths.forEach((path, p) -> {
        if (test.test(p)) {
          matching.add(path);
        }
      });
      return matching;
    }
  }

  /**
   * {@code file} names the input in record ids; {@code idField} is the column or top-level field
   * holding record ids (null: ids are the file and position); {@code macie} is what Macie found
   * in the file; {@code flagged} are the records, by id value, that poisoning detection
   * quarantines or drops.
   */
  public RecordProtector(ValueProtector protector, String file, String idField, MacieHints macie,
      FlaggedRecords flagged) {
    this(protector, file, idField, macie, flagged, Listener.NONE);
  }

  /** As above, telling {@code listener} what each record held. */
  public RecordProtector(ValueProtector protector, String file, String idField, MacieHints macie,
      FlaggedRecords flagged, Listener listener) {
    this.protector = protector;
    this.file = file;
    this.idField = idField;
    this.macie = macie;
    this.flagged = flagged;
    this.listener = listener;
  }

  /**
   * Quarantines up to {@code records} malformed records (reason {@code malformed-record}) rather
   * than failing at the first; the one after them still fails. None by default.
   */
  public RecordProtector allowMalformed(long records) {
    this.malformedAllowed = records;
    return this;
  }

  /**
   * Protects every record of {@code codec}, counting into {@code stats}. Throws
   * {@link MalformedRecordException} or {@link UnscannableValueException} naming where.
   */
  public void protect(RecordCodec codec, FileStats stats) throws IOException {
    protect(codec, codec, stats);
  }

  /**
   * Protects the records of {@code codec}, a slice of a file, planned from the first records of
   * {@code head}, a codec over the file from its start that writes nothing: so every slice of a
   * file is planned, laid out and protected as the whole file is. {@code head} opens first.
   */
  public void protect(RecordCodec codec, RecordCodec head, FileStats stats) throws IOException {
    start(codec, stats);
    List<String> declared = head.open();
    if (declared == null || head != codec && codec.open() == null) {
      return;
    }
    List<Record> sample = sample(head);
    plan(declared, sample);
    if (head == codec) {
      RecordAction[] actions = new RecordAction[sample.size()];
      for (int i = 0; i < sample.size(); i++) { // all sampled records first: a codec may wait
        if (sample.get(i).isRecord()) {       // for their findings before it opens its output
          actions[i] = protect(sample.get(i));
        }
      }
      for (int i = 0; i < sample.size(); i++) {
        route(sample.get(i), actions[i]);
        sample.set(i, null);
      }
    }
    protector.forgetSample();
    protectRest();
  }

  /**
   * Plans the paths of the first records of {@code codec} (read, never written) and fixes its
   * layout, counting the plans into {@code stats}: the plans every part of a dataset shares
   * ({@link #protect(RecordCodec, FileStats, Plans)}). Null for an empty input.
   */
  public Plans plan(RecordCodec codec, FileStats stats) throws IOException {
    start(codec, stats);
    List<String> declared = codec.open();
    if (declared == null) {
      return null;
    }
    Plans plans = plan(declared, sample(codec));
    protector.forgetSample();
    return plans;
  }

  /**
   * Protects every record of {@code codec}, one part of a dataset, under the {@code plans} made
   * from the dataset's first records, counting into {@code stats}: every part is laid out and
   * protected alike. Throws as {@link #protect(RecordCodec, FileStats)}.
   */
  public void protect(RecordCodec codec, FileStats stats, Plans plans) throws IOException {
    start(codec, stats);
    if (codec.open() == null) {
      return;
    }
    paths.putAll(plans.paths);
    layout(plans);
    protectRest();
  }

  private void start(RecordCodec codec, FileStats stats) {
    this.codec = codec;
    this.stats = stats;
    this.sink = new ValueProtector.CountingSink(stats);
  }

  /** The first records of {@code codec}, to plan from. */
  private static List<Record> sample(RecordCodec codec) throws IOException {
    List<Record> sample = new ArrayList<>();
    Record record;
    int sampled = 0;
    while (sampled < ValueProtector.PLAN_SAMPLE_RECORDS && (record = codec.next()) != null) {
      sample.add(record);
      sampled += record.isRecord() ? 1 : 0;
    }
    return sample;
  }

  private void protectRest() throws IOException {
    Record record;
    while ((record = codec.next()) != null) {
      route(record, record.isRecord() ? protect(record) : null);
    }
    codec.finish();
  }

  /** Plans the declared paths and those of the sampled records, then fixes the layout. */
  private Plans plan(List<String> declared, List<Record> head) throws IOException {
    Map<String, List<String>> samples = new TreeMap<>();
    for (Record r : head) {
      if (!r.isRecord()) {
        continue;
      }
      for (int i = 0; i < r.size(); i++) {
        List<String> sample = samples.computeIfAbsent(r.path(i), p -> new ArrayList<>());
        Kind kind = r.kind(i);
        String text = kind == Kind.TEXT || kind == Kind.TYPED ? r.sample(i) : null;
        if (text != null) {
          sample.add(text);
        }
      }
    }
    Map<String, List<String>> ordered = new LinkedHashMap<>();
    declared.forEach(path -> ordered.put(path, samples.getOrDefault(path, List.of())));
    samples.forEach(ordered::putIfAbsent);
    ordered.forEach((path, sample) -> paths.put(path, plan(path, sample, true)));
    Plans plans = new Plans(new HashMap<>(paths));
    layout(plans);
    return plans;
  }

  private void layout(Plans plans) throws IOException {
    codec.layout(plans.with(PathPlan::dropped), plans.with(p -> p.plan() != null));
  }

  /** The plan of {@code path} from {@code sample}, told to the stats when {@code count}. */
  private PathPlan plan(String path, List<String> sample, boolean count) {
    Typing typing = codec.typing(path);
    ColumnPlan plan = typing == Typing.NONE ? null : protector.plan(path, sample)
        // values alone never plan a typed path (ids must not become nulls because their digits
        // look like phone numbers): its name must suggest an entity, or Macie
        .filter(p -> typing == Typing.TEXT || ColumnClassifier.hintOf(path) != null)
        .or(() -> macie.plan(path, sample.size())).orElse(null);
    if (plan != null && count) {
      stats.addPlan(plan);
    }
    return new PathPlan(plan,
        protector.columnAction(path, plan).orElse(null) == RecordAction.DROP_COLUMN);
  }

  /** The plan of {@code path}; one first seen after the sample is planned by its name alone. */
  private PathPlan planOf(String path) {
    PathPlan plan = paths.get(path);
    if (plan == null) {
      if (paths.size() >= MAX_PLANNED_PATHS) { // keys can be data: stay bounded
        return plan(path, List.of(), false);
      }
      plan = plan(path, List.of(), true);
      paths.put(path, plan);
    }
    return plan;
  }

  /** Protects the values of one record; the record action it gets, or null. */
  private RecordAction protect(Record record) throws IOException {
    stats.countRecord();
    String malformed = record.malformed();
    if (malformed != null) {
      stats.countMalformed(malformed);
      if (stats.malformed() > malformedAllowed) {
        throw new MalformedRecordException(malformed);
      }
      listener.malformed(record);
      return RecordAction.QUARANTINE_RECORD;
    }
    String idValue = idField == null ? null : record.id(idField);
    String recordId = RecordRedactor.recordId(file, idValue, record.position());
    RecordAction action = flagged.actionFor(idValue);
    if (action != null) {
      stats.countPoisoningAction();
    }
    for (int i = 0; i < record.size(); i++) {
      String path = record.path(i);
      PathPlan p = planOf(path);
      if (p.dropped()) {
        record.remove(i);
        continue;
      }
      Kind kind = record.kind(i);
      if (kind == Kind.NULL) {
        continue;
      }
      Set<String> entities = record.macie(macie, i);
      if (kind == Kind.TYPED && p.plan() == null && entities.isEmpty()
          && !protector.hasColumnOperator(path)) {
        continue; // a typed value nothing targets
      }
      String text = record.text(i);
      if (text == null) {
        record.withhold(i); // fail closed
        continue;
      }
      ValueProtector.Outcome outcome;
      try {
        outcome = protector.protectValue(text, path, kind == Kind.BOOLEAN ? null : p.plan(),
            entities, recordId, sink.value(path));
      } catch (RegexBudgetException e) {
        throw new UnscannableValueException(record.where(i), e);
      }
      if (sink.foundAny()) {
        record.held(i);
        listener.found(record, i, sink.findings(), entities);
      }
      if (outcome.action() == RecordAction.DROP_COLUMN) {
        record.remove(i); // a finding asked for its column to go
      } else if (outcome.action() != null) {
        action = action == null || outcome.action().compareTo(action) > 0
            ? outcome.action() : action;
      } else if (outcome.value() != text) {
        record.replace(i, outcome.value());
      }
    }
    listener.scanned(record);
    return action;
  }

  private void route(Record record, RecordAction action) throws IOException {
    if (!record.isRecord()) {
      codec.writeData(record);
    } else if (action == RecordAction.DROP_RECORD) {
      stats.countDropped();
    } else if (action == RecordAction.QUARANTINE_RECORD || record.keysMerge()) {
      stats.countQuarantined();
      codec.writeQuarantine(record);
    } else {
      stats.countWritten();
      codec.writeData(record);
    }
  }
}
