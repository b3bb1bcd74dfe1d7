package io.trainguard.redaction;

import io.trainguard.classifiers.Finding;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies operators to the findings of one text; everything outside the findings is kept.
 * Findings may overlap (the analyzer reports overlapping findings of different types): the text
 * redacted is the union of their spans, each run of overlapping spans replaced as one value by
 * the operator of the finding that names it: the longest, then the highest-scoring, then the one
 * starting first, then the first entity name in alphabetical order. Findings whose operator is
 * {@code keep} take no part in the union. Spans that only touch stay separate values. Nothing is
 * left in place that another finding's rule would protect: where an operator may keep part of
 * its value ({@link Operator#keepsPartOfValue}: {@code keep}, {@code mask}, {@code fpe}, ...),
 * the findings inside its finding ({@link Finding#inner()}) are acted on too, and the other
 * findings of its run are protected by their own operators before it applies. Where that
 * changes the value and the operator is one {@code detokenize} reverses ({@code fpe},
 * {@code date_shift}), the value is replaced by {@code <ENTITY>} instead (a fallback), so that
 * every such output reverses to its original.
 */
public final class Redactor implements Serializable {

  private static final Comparator<Finding> NAMING = Comparator
      .comparingInt(Finding::length).reversed()
      .thenComparing(Comparator.comparingDouble(Finding::score).reversed())
      .thenComparingInt(Finding::start)
      .thenComparing(Finding::entity);

  private final Map<String, Operator> byEntity;
  private final Operator fallback;

  public Redactor(Map<String, Operator> byEntity, Operator fallback) {
    this.byEntity = Map.copyOf(byEntity);
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  /** Every entity replaced by {@code <ENTITY>}. */
  public static Redactor replaceAll() {
    return new Redactor(Map.of(), Replace.ENTITY_NAME);
  }

  public Operator operatorFor(String entity) {
    return byEntity.getOrDefault(entity, fallback);
  }

  /**
   * {@code text} with its findings replaced; offsets are code points, so surrogate pairs outside
   * the findings come through intact. Without keys or record id: see
   * {@link #redact(String, List, RecordContext)} for keyed operators.
   */
  public String redact(String text, List<Finding> findings) {
    return redact(text, findings, RecordContext.NONE);
  }

  /**
   * {@code text} with its findings replaced, keyed operators taking their keys and record id
   * from {@code record}.
   *
   * @throws IllegalStateException if a keyed operator applies and {@code record} lacks what it
   *     needs
   */
  public String redact(String text, List<Finding> findings, RecordContext record) {
    return redact(text, findings, record, entity -> { });
  }

  /**
   * As {@link #redact(String, List, RecordContext)}, telling {@code fallbacks} the entity of each
   * span whose operator could not apply to its value and replaced it by {@code <ENTITY>}
   * instead (a date that does not parse for {@code date_shift}, a non-digit for {@code fpe}).
   */
  public String redact(String text, List<Finding> findings, RecordContext record,
      java.util.function.Consumer<String> fallbacks) {
    List<Finding> redacted = findings.isEmpty() ? findings : redactedByStart(acting(findings));
    if (redacted.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int charPos = 0;
    int cpPos = 0;
    for (int i = 0; i < redacted.size(); ) {
      int first = i;
      Finding named = redacted.get(i);
      int start = named.start();
      int end = named.end();
      for (i++; i < redacted.size() && redacted.get(i).start() < end; i++) {
        Finding f = redacted.get(i);
        end = Math.max(end, f.end());
        named = NAMING.compare(f, named) < 0 ? f : named;
      }
      int startChar = text.offsetByCodePoints(charPos, start - cpPos);
      int endChar = text.offsetByCodePoints(startChar, end - start);
      out.append(text, charPos, startChar);
      Operator operator = operatorFor(named.entity());
      String value = text.substring(startChar, endChar);
      String protectedInside = i - first > 1 && operator.keepsPartOfValue()
          ? redact(value, others(redacted.subList(first, i), named, start), record, fallbacks)
          : value;
      if (protectedInside != value && reversible(operator)) {
        // its output would reverse to the value with the others' results in it, not to the value
        fallbacks.accept(named.entity());
        out.append(Replace.ENTITY_NAME.apply(named.entity(), value, record));
      } else {
        out.append(apply(operator, named.entity(), protectedInside, record, fallbacks));
      }
      charPos = endChar;
      cpPos = end;
    }
    out.append(text, charPos, text.length());
    return out.toString();
  }

  /**
   * {@code findings} and, within each one whose operator may keep part of its value, the
   * findings inside it, recursively, each without the ones inside it: the findings this
   * redactor acts on, which are counted and whose record actions apply.
   */
  public List<Finding> acting(List<Finding> findings) {
    for (Finding f : findings) {
      if (!f.inner().isEmpty()) {
        List<Finding> acting = new ArrayList<>(findings.size() + 2);
        findings.forEach(g -> addActing(g, acting));
        return acting;
      }
    }
    return findings; // the usual case: nothing inside anything
  }

  private void addActing(Finding f, List<Finding> acting) {
    if (f.inner().isEmpty()) {
      acting.add(f);
      return;
    }
    acting.add(f.withInner(List.of()));
    if (operatorFor(f.entity()).keepsPartOfValue()) {
      f.inner().forEach(g -> addActing(g, acting));
    }
  }

  /** Whether {@code detokenize} turns the operator's outputs back into its inputs. */
  private static boolean reversible(Operator operator) {
    return operator instanceof Reversible || operator instanceof DateShift;
  }

  /** The findings of a run other than {@code named}, offsets from the run's {@code start}. */
  private static List<Finding> others(List<Finding> run, Finding named, int start) {
    List<Finding> others = new ArrayList<>(run.size() - 1);
    for (Finding f : run) {
      if (f != named) {
        others.add(f.moved(s -> s - start, e -> e - start));
      }
    }
    return others;
  }

  /** The findings whose operator is not {@code keep}, by start offset. */
  private List<Finding> redactedByStart(List<Finding> findings) {
    List<Finding> redacted = new ArrayList<>(findings.size());
    boolean sorted = true;
    for (Finding f : findings) {
      if (!(operatorFor(f.entity()) instanceof Keep)) {
        sorted &= redacted.isEmpty() || redacted.get(redacted.size() - 1).start() <= f.start();
        redacted.add(f);
      }
    }
    if (!sorted) {
      redacted.sort(Comparator.comparingInt(Finding::start));
    }
    return redacted;
  }

  /** {@code operator} on {@code value}; reports a fell-back result to {@code fallbacks}. */
  public static String apply(Operator operator, String entity, String value, RecordContext record,
      java.util.function.Consumer<String> fallbacks) {
    String result = operator.apply(entity, value, record);
    if (!(operator instanceof Replace)
        && result.equals(Replace.ENTITY_NAME.apply(entity, value, record))) {
      fallbacks.accept(entity);
    }
    return result;
  }
}
