package io.trainguard.redaction;

import io.trainguard.classifiers.Finding;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Applies operators to the findings of one text; everything outside the findings is kept. */
public final class Redactor implements Serializable {

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
   * {@code text} with each finding replaced. Findings must not overlap; offsets are code points,
   * so surrogate pairs outside the findings come through intact. Without keys or record id:
   * see {@link #redact(String, List, RecordContext)} for keyed operators.
   */
  public String redact(String text, List<Finding> findings) {
    return redact(text, findings, RecordContext.NONE);
  }

  /**
   * {@code text} with each finding replaced, keyed operators taking their keys and record id
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
    if (findings.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int charPos = 0;
    int cpPos = 0;
    int previousEnd = 0;
    for (Finding f : sortedByStart(findings)) {
      if (f.start() < previousEnd) {
        throw new IllegalArgumentException("Invalid findings: overlapping spans at " + f.start());
      }
      int startChar = text.offsetByCodePoints(charPos, f.start() - cpPos);
      int endChar = text.offsetByCodePoints(startChar, f.end() - f.start());
      out.append(text, charPos, startChar);
      out.append(apply(operatorFor(f.entity()), f.entity(), text.substring(startChar, endChar),
          record, fallbacks));
      charPos = endChar;
      cpPos = f.end();
      previousEnd = f.end();
    }
    out.append(text, charPos, text.length());
    return out.toString();
  }

  /** {@code findings} by start offset; the analyzer's lists already are. */
  private static List<Finding> sortedByStart(List<Finding> findings) {
    for (int i = 1; i < findings.size(); i++) {
      if (findings.get(i).start() < findings.get(i - 1).start()) {
        return findings.stream().sorted(java.util.Comparator.comparingInt(Finding::start))
            .toList();
      }
    }
    return findings;
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
