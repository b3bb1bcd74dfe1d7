package io.trainguard.jobs.format;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.ColumnClassifier;
import io.trainguard.classifiers.ColumnClassifier.ColumnPlan;
import io.trainguard.classifiers.Finding;
import io.trainguard.classifiers.NameMemory;
import io.trainguard.classifiers.RegexBudgetException;
import io.trainguard.redaction.Action;
import io.trainguard.redaction.Operator;
import io.trainguard.redaction.OperatorKeys;
import io.trainguard.redaction.Policy;
import io.trainguard.redaction.RecordAction;
import io.trainguard.redaction.RecordContext;
import io.trainguard.redaction.Redactor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every format does to its values under a policy: span detection and the policy's
 * operators for free text, whole values from a column plan (made once per file from a sample of
 * its first records) or a column rule, and record actions (quarantine, drop) handed back to the
 * caller. Structured formats (CSV, JSON Lines, Parquet) take each value through
 * {@link #protectValue}. Carries only per-purpose derived keys, never a master key.
 */
public final class ValueProtector implements Serializable {

  /** The recognizer name of findings that only Macie reported. */
  public static final String MACIE = "macie";

  /** Records sampled from the head of a file to plan its columns. */
  public static final int PLAN_SAMPLE_RECORDS = 200;

  /**
   * The entity a column rule's operator is given for a value in which nothing was found and
   * whose column name suggests no entity ({@code replace} writes {@code <COLUMN_VALUE>}).
   */
  public static final String COLUMN_VALUE = "COLUMN_VALUE";

  /** The protected value, or the record action a finding in it asks for (value untouched). */
  public record Outcome(String value, RecordAction action) {
    static Outcome of(String value) {
      return new Outcome(value, null);
    }
  }

  /**
   * Receives the accepted findings of each value that had any, and the entity of each finding
   * whose operator fell back to {@code <ENTITY>}; never the value itself.
   */
  @FunctionalInterface
  public interface FindingSink {
    void accept(List<Finding> findings);

    default void fellBack(String entity) {}

  }

  /**
   * The sink of one value after another (reused: no allocation per value): counts the findings
   * into a file's stats under the value's field and remembers which entities the value held.
   */
  public static final class CountingSink implements FindingSink {
    private final FileStats stats;
    private final List<Finding> findings = new ArrayList<>(4);
    private String field;

    public CountingSink(FileStats stats) {
      this.stats = stats;
    }

    /** This sink, emptied for the next value, which is of {@code field}. */
    public CountingSink value(String field) {
      this.field = field;
      findings.clear();
      return this;
    }

    @Override
    public void accept(List<Finding> found) {
      findings.addAll(found);
      stats.countFindings(field, found);
    }

    @Override
    public void fellBack(String entity) {
      stats.countFallback(entity);
    }

    /** Whether the current value held any finding. */
    public boolean foundAny() {
      return !findings.isEmpty();
    }

    /** Whether the current value held a finding of {@code entity}. */
    public boolean found(String entity) {
      for (Finding f : findings) {
        if (f.entity().equals(entity)) {
          return true;
        }
      }
      return false;
    }

    /** Whether the current value held a finding of {@code entity} that Macie did not make. */
    boolean foundLocally(String entity) {
      for (Finding f : findings) {
        if (f.entity().equals(entity) && !MACIE.equals(f.recognizer())) {
          return true;
        }
      }
      return false;
    }

    /** The findings of the current value, in the order they were made (a view). */
    public List<Finding> findings() {
      return java.util.Collections.unmodifiableList(findings);
    }

    /** The entity of the current value's first finding, or null. */
    String firstEntity() {
      return findings.isEmpty() ? null : findings.get(0).entity();
    }
  }

  private final Analyzer analyzer;
  private final Policy policy;
  private final OperatorKeys keys;
  private final ColumnClassifier classifier;
  private final PersonalNames names;
  private transient Map<String, Redactor> redactors;
  private transient RepeatedValues repeated;

  public ValueProtector(Analyzer analyzer, Policy policy, OperatorKeys keys) {
    this.analyzer = analyzer;
    this.policy = policy;
    this.keys = keys;
    this.classifier = new ColumnClassifier(analyzer);
    this.names = new PersonalNames(analyzer, keys);
  }

  /** How names (paths, columns, keys) that hold personal data are shown. */
  public PersonalNames names() {
    return names;
  }

  /**
   * One value of {@code column} in a structured record (a CSV cell, a JSON Lines or Parquet leaf
   * as text), the step every structured format shares. A {@code drop_column} rule of the column
   * drops it unread. Otherwise it is redacted whole under the column's {@code plan}, or
   * span-detected with the column name as context; each entity Macie reported there
   * ({@code macie}) that local detection did not confirm then redacts the whole value as that
   * entity; and an operator the policy sets for the column rewrites every other non-empty value
   * whole, found or not ({@code zip: generalize[zip]}). Counts the value and its findings into
   * {@code sink}'s stats. A value a user pattern cannot scan throws
   * {@link RegexBudgetException}.
   */
  public Outcome protectValue(String value, String column, ColumnPlan plan,
      Collection<String> macie, String recordId, CountingSink sink) {
    Action rule = policy.columnAction(column).orElse(null);
    if (rule == RecordAction.DROP_COLUMN) {
      return new Outcome(value, RecordAction.DROP_COLUMN);
    }
    sink.value(column);
    Outcome outcome = plan != null ? protectWhole(plan, value, column, recordId, sink)
        : protect(value, column, recordId, sink);
    List<String> unconfirmed = null; // the usual case: Macie said nothing here
    for (String entity : macie) {
      if (sink.found(entity)) {
        if (sink.foundLocally(entity)) { // not only by a plan Macie made
          sink.stats.countAlsoMacie(entity);
        }
      } else {
        unconfirmed = unconfirmed == null ? new ArrayList<>() : unconfirmed;
        unconfirmed.add(entity);
      }
    }
    if (unconfirmed != null && outcome.action() == null) {
      outcome = protectMacieValue(unconfirmed, value, column, recordId, sink);
    } else if (rule instanceof Operator operator && plan == null && outcome.action() == null
        && !value.isEmpty()) {
      String entity = sink.firstEntity() != null ? sink.firstEntity()
          : Objects.requireNonNullElse(ColumnClassifier.hintOf(column), COLUMN_VALUE);
      String whole = Redactor.apply(operator, entity, value, context(recordId), sink::fellBack);
      outcome = Outcome.of(whole.equals(value) ? value : whole);
    }
    if (!value.isEmpty()) {
      sink.stats.countCell(column, sink.foundAny(),
          outcome.action() != null || !value.equals(outcome.value()));
    }
    return outcome;
  }

  /**
   * A copy for one Spark task: the same analyzer, policy and keys (shared, immutable), its own
   * memory of repeated values and redactors.
   */
  public ValueProtector forTask() {
    return new ValueProtector(analyzer, policy, keys);
  }

  public Policy policy() {
    return policy;
  }

  /** The column-level action of the policy or the plan, e.g. to drop a column from the output. */
  public Optional<RecordAction> columnAction(String column, ColumnPlan plan) {
    Action action = plan != null ? policy.actionFor(plan.entity(), column)
        : policy.columnAction(column).orElse(null);
    return action instanceof RecordAction r ? Optional.of(r) : Optional.empty();
  }

  /** Whether the policy sets an operator for {@code column}, which rewrites its values whole. */
  public boolean hasColumnOperator(String column) {
    return policy.columnAction(column).orElse(null) instanceof Operator;
  }

  /** {@code value} with accepted findings redacted; the same instance when nothing was found. */
  public Outcome protect(String value, String column, String recordId, FindingSink sink) {
    return redact(value, column, recordId, policy.accepted(findingsOf(value, column)), sink);
  }

  /**
   * The analyzer's findings in {@code value}; values repeating in a column are analysed once by
   * the thread that used this protector first (a Spark task's own copy), others every time.
   */
  private List<Finding> findingsOf(String value, String column) {
    RepeatedValues memo = memo();
    return memo != null ? memo.analyze(value, column) : classifier.analyze(column, value);
  }

  /** The memory of analysed values, when this thread owns it; else null. */
  private RepeatedValues memo() {
    RepeatedValues memo = repeated;
    if (memo == null) {
      memo = new RepeatedValues(classifier, Thread.currentThread());
      repeated = memo;
    }
    return memo.owner() == Thread.currentThread() ? memo : null;
  }

  /**
   * {@code value} with {@code findings} and those the redactor acts on inside them (told to
   * {@code sink}) redacted, or their record action.
   */
  private Outcome redact(String value, String column, String recordId, List<Finding> findings,
      FindingSink sink) {
    if (findings.isEmpty()) {
      return Outcome.of(value);
    }
    Redactor redactor = redactor(column);
    List<Finding> acting = redactor.acting(findings);
    sink.accept(acting);
    Optional<RecordAction> action = policy.recordAction(column, acting);
    if (action.isPresent()) {
      return new Outcome(value, action.get());
    }
    return Outcome.of(redactor.redact(value, acting, context(recordId), sink::fellBack));
  }

  /**
   * A record of a text file or document, {@code names} holding the people named in the records
   * of the same file part before it ({@link NameMemory}), plus what Macie reported in it
   * ({@code macieStarts}: the entities by the code point
   * where Macie saw them begin, counting from 1, or 0 when it did not say). A local finding of the
   * same entity covering that point (anywhere, for 0) means both saw it ({@code alsoMacie} is
   * told, after {@code sink}). Otherwise Macie's end is unknown, so each such entity is a finding
   * from that point (or the start of a local finding it overlaps; the text's start for 0) to the
   * end of the text: every type Macie reported is redacted or acted on, as is every local finding.
   * {@code wrapped} are accepted findings of a value that goes on over the text's start or end
   * ({@link #findingsAcross}), offsets into {@code value}.
   */
  public Outcome protectText(String value, NameMemory names, List<Finding> wrapped,
      Map<Integer, Set<String>> macieStarts, String recordId, FindingSink sink,
      java.util.function.Consumer<String> alsoMacie) {
    List<Finding> local = policy.accepted(analyzer.analyze(value, names));
    if (!wrapped.isEmpty()) {
      local = new java.util.ArrayList<>(local);
      local.addAll(wrapped);
    }
    if (macieStarts.isEmpty()) {
      return redact(value, null, recordId, local, sink);
    }
    int length = value.codePointCount(0, value.length());
    List<String> both = new java.util.ArrayList<>();
    List<Finding> findings = new java.util.ArrayList<>(local);
    for (Map.Entry<Integer, Set<String>> e : new java.util.TreeMap<>(macieStarts).entrySet()) {
      int start = Math.min(Math.max(0, e.getKey() - 1), length);
      int spanStart = start;
      for (Finding f : local) {
        if (f.end() > start) {
          spanStart = Math.min(spanStart, f.start());
        }
      }
      for (String entity : new java.util.TreeSet<>(e.getValue())) {
        boolean seenLocally = local.stream().anyMatch(f -> f.entity().equals(entity)
            && (e.getKey() == 0 || f.start() <= start && start < f.end()));
        if (seenLocally) {
          both.add(entity);
        } else if (start < length) {
          findings.add(new Finding(entity, spanStart, length, 1.0, MACIE, "Macie occurrence"));
        }
      }
    }
    Outcome outcome = redact(value, null, recordId, findings, sink);
    both.forEach(alsoMacie); // after the sink counted the local findings it moves to "both"
    return outcome;
  }

  /**
   * The accepted findings of {@code text} (analysed alone, no names remembered) that cover its
   * code points {@code [from, to)}: values wrapped over the line break there.
   */
  public List<Finding> findingsAcross(String text, int from, int to) {
    return policy.accepted(analyzer.analyze(text)).stream()
        .filter(f -> f.start() < from && f.end() > to).toList();
  }

  /** The whole of a non-empty {@code value} of a planned column, redacted as its entity. */
  public Outcome protectWhole(ColumnPlan plan, String value, String column, String recordId,
      FindingSink sink) {
    return protectWholeAs(plan.entity(), plan.reason().startsWith("Macie") ? MACIE : "column-plan",
        plan.confidence(), plan.reason(), value, column, recordId, sink);
  }

  /**
   * The whole of a non-empty {@code value} in which only Macie reported {@code entities}: the
   * strongest record action they ask for, else the operator of the first; one that keeps part of
   * the value applies after the findings already made in it ({@code sink}'s) are protected.
   */
  private Outcome protectMacieValue(List<String> entities, String value, String column,
      String recordId, CountingSink sink) {
    if (value.isEmpty()) {
      return Outcome.of(value);
    }
    int length = value.codePointCount(0, value.length());
    List<Finding> findings = new ArrayList<>(entities.size());
    for (String entity : entities) {
      findings.add(new Finding(entity, 0, length, 1.0, MACIE, "Macie occurrence"));
    }
    sink.accept(findings);
    Optional<RecordAction> action = policy.recordAction(column, findings);
    if (action.isPresent()) {
      return new Outcome(value, action.get());
    }
    Operator operator = (Operator) policy.actionFor(entities.get(0), column);
    if (operator.keepsPartOfValue() && sink.findings().size() > findings.size()) {
      return Outcome.of(redactor(column).redact(value, sink.findings(), context(recordId),
          sink::fellBack));
    }
    return Outcome.of(Redactor.apply(operator, entities.get(0), value, context(recordId),
        sink::fellBack));
  }

  /**
   * The whole of {@code value} as {@code entity}; where its operator keeps part of the value
   * (and no column rule says otherwise), the findings in it are protected too: those of other
   * entities, and those of {@code entity} that are only part of it (a name in a sentence).
   */
  private Outcome protectWholeAs(String entity, String source, double score, String why,
      String value, String column, String recordId, FindingSink sink) {
    if (value.isEmpty()) {
      return Outcome.of(value);
    }
    Finding whole = new Finding(entity, 0, value.codePointCount(0, value.length()), score,
        source, why);
    Action action = policy.actionFor(entity, column);
    if (action instanceof Operator operator && operator.keepsPartOfValue()
        && policy.columnAction(column).isEmpty()) {
      List<Finding> inside = new ArrayList<>();
      for (Finding f : policy.accepted(findingsOf(value, column))) {
        if (f.entity().equals(entity) && f.start() == 0 && f.end() == whole.end()) {
          inside.addAll(f.inner()); // the planned value itself, read again
        } else {
          inside.add(f);
        }
      }
      if (!inside.isEmpty()) {
        return redact(value, column, recordId, List.of(whole.withInner(inside)), sink);
      }
    }
    sink.accept(List.of(whole));
    if (action instanceof RecordAction r) {
      return new Outcome(value, r);
    }
    return Outcome.of(Redactor.apply((Operator) action, entity, value, context(recordId),
        sink::fellBack));
  }

  /**
   * The plan of {@code column} from {@code sample}; none when a user pattern cannot scan the
   * sample within its budget (the value then fails with its row and column when redacted). The
   * sample's findings are kept, for protecting the sampled records, until {@link #forgetSample}.
   */
  public Optional<ColumnPlan> plan(String column, List<String> sample) {
    RepeatedValues memo = memo();
    try {
      return memo == null ? classifier.classify(column, sample)
          : classifier.classify(column, sample, memo::analyzeSampled);
    } catch (RegexBudgetException e) {
      return Optional.empty();
    }
  }

  /** Drops the findings {@link #plan} kept: the sampled records are protected, or never will be. */
  public void forgetSample() {
    RepeatedValues memo = memo();
    if (memo != null) {
      memo.forgetSample();
    }
  }

  private RecordContext context(String recordId) {
    return recordId == null ? RecordContext.of(keys) : RecordContext.of(keys, recordId);
  }

  private Redactor redactor(String column) {
    if (redactors == null) {
      redactors = new ConcurrentHashMap<>();
    }
    return redactors.computeIfAbsent(column == null ? "" : column,
        c -> policy.redactor(column));
  }
}
