package io.trainguard.spark;

import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.FlaggedRecords;
import io.trainguard.jobs.format.MacieHints;
import io.trainguard.jobs.format.RecordProtector;
import io.trainguard.jobs.format.UnscannableValueException;
import io.trainguard.jobs.format.ValueProtector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Protects the rows of one partition of a frame through the record protocol
 * ({@link RecordProtector} over a {@link RowCodec}) under the plans made from the frame's first
 * rows. The partition's counts go to the stats accumulator once it is done.
 */
final class FrameProtector implements FlatMapFunction<Iterator<Row>, Row> {

  /** How record ids name a row of a frame that has no id column, before its position. */
  static final String FRAME = "frame";

  private final Broadcast<ValueProtector> shared;
  private final StructType input;
  private final RecordProtector.Plans plans;
  private final StatsAccumulator stats;
  /** The top-level column whose value identifies a row for per-record operators, or null. */
  private final String idColumn;

  FrameProtector(Broadcast<ValueProtector> shared, StructType input, RecordProtector.Plans plans,
      StatsAccumulator stats, String idColumn) {
    this.shared = shared;
    this.input = input;
    this.plans = plans;
    this.stats = stats;
    this.idColumn = idColumn;
  }

  /** The record protocol of a frame's rows: no Macie findings, no flagged records. */
  static RecordProtector protocol(ValueProtector protector, String idColumn) {
    return new RecordProtector(protector, FRAME, idColumn, MacieHints.NONE, FlaggedRecords.NONE);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    ValueProtector protector = shared.value().forTask();
    FileStats counts = new FileStats();
    List<Row> out = new ArrayList<>();
    RowCodec codec = new RowCodec(input, rows, TaskContext.getPartitionId(), counts,
        protector.names(), out::add);
    try {
      protocol(protector, idColumn).protect(codec, counts, plans);
    } catch (UnscannableValueException e) {
      throw TrainguardException.input("Cannot scan the frame at " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    stats.add(counts);
    return out.iterator();
  }
}
