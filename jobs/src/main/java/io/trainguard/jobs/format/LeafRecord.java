package io.trainguard.jobs.format;

import io.trainguard.jobs.TrainguardException;
import io.trainguard.redaction.Replace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A record of a typed format (Avro, ORC, Parquet, a Spark row) as its leaf values in the order
 * they were read: what the protector asked for each, and how a result is written into the leaf's
 * type. A codec lists the leaves and, copying the record, takes each changed value from
 * {@link #written}.
 */
public abstract class LeafRecord implements RecordCodec.Record {

  /** The result of a value that leaves the record, and of one that has no text form. */
  private static final String REMOVED = new String("removed");
  private static final String WITHHELD = new String("withheld");
  /**
   * A typed value that the default {@code replace} turns into {@code <ENTITY>}, in a leaf that
   * holds neither that text nor null, is the first of these its type holds: zero, the epoch,
   * false.
   */
  private static final List<String> MASKED = List.of("0", "1970-01-01", "false");

  /**
   * A leaf's type as results are written into it: whether it holds null; the empty value a
   * finding's {@code drop_column} writes where it does not (null when the type has none); a
   * result's text as a value of the type (null when it does not fit); and the leaf as messages
   * name it ({@code required INT32 column}).
   */
  public record LeafType<T>(boolean nullable, T empty, Function<String, T> parse,
      String describe) {}

  private final long index;
  private final String file;
  private final PersonalNames names;
  /** Per value: its result as text, {@link #REMOVED} or {@link #WITHHELD}; null to keep it. */
  private String[] results;
  private final List<String> nulled = new ArrayList<>();
  /** The record as written, once copied. */
  private Object copied;
  private boolean keysMerge;

  /**
   * Record {@code index} of {@code file} (as messages name it); field names are shown by
   * {@code names} (null: as they are).
   */
  protected LeafRecord(long index, String file, PersonalNames names) {
    this.index = index;
    this.file = file;
    this.names = names;
  }

  /** The record's index, counting from 0. */
  protected final long index() {
    return index;
  }

  @Override
  public String position() {
    return "record " + index;
  }

  @Override
  public String where(int field) {
    return position() + ", field " + (names == null ? path(field) : names.field(path(field)));
  }

  /** The sample of the first value at path {@code idField}, or null. */
  @Override
  public String id(String idField) {
    for (int i = 0; i < size(); i++) {
      if (path(i).equals(idField)) {
        return sample(i);
      }
    }
    return null;
  }

  @Override
  public final Set<String> macie(MacieHints hints, int field) {
    return hints.field(index, path(field));
  }

  @Override
  public final void replace(int field, String value) {
    results()[field] = value;
  }

  @Override
  public final void remove(int field) {
    results()[field] = REMOVED;
  }

  @Override
  public final void withhold(int field) {
    results()[field] = WITHHELD;
  }

  private String[] results() {
    if (results == null) {
      results = new String[size()];
    }
    return results;
  }

  /** Whether value {@code field} is written as it was read. */
  protected final boolean unchanged(int field) {
    return results == null || results[field] == null;
  }

  /**
   * Changed value {@code field} as written into its leaf of type {@code type}: its result in the
   * type; null where the leaf holds null when it leaves the record, has no text form or its result
   * does not fit (those two counted); else empty text or bytes for a value that leaves, the masked
   * value of the type for the default {@code replace}; otherwise the file fails, never passing the
   * value through.
   */
  protected final <T> T written(int field, LeafType<T> type) {
    String result = results[field];
    if (result == WITHHELD) {
      return unfit(field, type, "a value without a text form to scan is in");
    }
    if (result == REMOVED) {
      if (type.nullable()) {
        return null;
      }
      return type.empty() != null ? type.empty()
          : unfit(field, type, "a finding's drop_column cannot empty");
    }
    T value = type.parse().apply(result);
    if (value == null && !type.nullable() && kind(field) == RecordCodec.Kind.TYPED
        && Replace.isPlaceholder(result)) {
      for (int i = 0; i < MASKED.size() && value == null; i++) {
        value = type.parse().apply(MASKED.get(i));
      }
    }
    return value != null ? value : unfit(field, type, "the operator's result does not fit");
  }

  /**
   * A value that cannot be written protected: null (counted) where the leaf holds null;
   * otherwise the file fails.
   */
  private <T> T unfit(int field, LeafType<T> type, String why) {
    if (!type.nullable()) {
      throw TrainguardException.input("Cannot protect " + file + " at " + where(field) + ": "
          + why + " its " + type.describe() + " (use drop_column or an operator that keeps the"
          + " type)");
    }
    nulled(path(field));
    return null;
  }

  /** The record in the output layout, each changed value written ({@link #written}). */
  protected abstract Object copy();

  /** The record as written: {@link #copy} made once. */
  public final Object copied() {
    if (copied == null) {
      copied = copy();
    }
    return copied;
  }

  @Override
  public final boolean keysMerge() {
    return results != null && copied() != null && keysMerge;
  }

  /**
   * A map was copied from keys {@code read} to keys {@code written} (null for a key written as
   * none), each in a form whose equality is the format's.
   */
  protected final void mapCopied(List<?> read, List<?> written) {
    if (written.contains(null) || new HashSet<>(written).size() < new HashSet<>(read).size()) {
      keysMerge = true;
    }
  }

  /** A value at {@code path} is written as null, though it was not protected away. */
  protected final void nulled(String path) {
    nulled.add(path);
  }

  /** Counts into {@code stats} the values of this record written as null, once it is written. */
  public final void countNulled(FileStats stats) {
    nulled.forEach(stats::countNulled);
  }
}
