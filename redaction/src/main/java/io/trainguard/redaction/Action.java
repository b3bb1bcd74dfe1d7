package io.trainguard.redaction;

import java.io.Serializable;

/**
 * What a policy says to do with a finding: either an {@link Operator}, which rewrites the span,
 * or a {@link RecordAction}, a decision about the whole cell or record that only the caller can
 * carry out. The two are distinct types so that a record-level decision can never be applied as
 * a string transform by mistake.
 */
public sealed interface Action extends Serializable permits Operator, RecordAction {

  /** The canonical spec ({@code mask[*,4,from_end]}, {@code quarantine_record}); parses back. */
  String spec();

  /**
   * Parses a spec: {@code NAME} or {@code NAME[ARG,...]}, where NAME is one of {@code replace,
   * redact, mask, keep, hash, tokenize, fpe, date_shift, generalize, drop_column, drop_record,
   * quarantine_record}.
   *
   * @throws IllegalArgumentException naming the spec and the allowed forms
   */
  static Action parse(String spec) {
    return Specs.parse(spec, "");
  }
}
