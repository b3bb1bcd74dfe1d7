package io.trainguard.jobs.protect;

import io.trainguard.jobs.Counts;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The rate of a growing count over the later half of the time since counting started, so a slow
 * start fades from it, and the time left at that rate, shown once {@link #ESTIMATE_SHARE} of the
 * total is done and {@link #ESTIMATE_NANOS} have passed.
 */
final class RecentRate {

  static final double ESTIMATE_SHARE = 0.01;
  static final long ESTIMATE_NANOS = 10_000_000_000L;
  private static final long POINT_NANOS = 1_000_000_000L;

  /** Times and counts done, observed at most once a second, from the window's start on. */
  private final ArrayDeque<long[]> points = new ArrayDeque<>();
  private long started;

  RecentRate(long now) {
    restart(now);
  }

  /** Counting starts again at {@code now}, with nothing done. */
  void restart(long now) {
    started = now;
    points.clear();
    points.add(new long[] {now, 0});
  }

  /** When counting started. */
  long started() {
    return started;
  }

  /** Records that {@code done} is the count at {@code now}, at most once a second. */
  void observe(long now, long done) {
    if (now - points.getLast()[0] >= POINT_NANOS) {
      points.add(new long[] {now, done});
    }
  }

  /**
   * The count per second over the later half of the time since counting started, {@code done}
   * at {@code now}; the count at the half's start is interpolated between the points around it.
   */
  double perSecond(long now, long done) {
    long from = now - (now - started) / 2;
    while (points.size() > 1 && second()[0] <= from) {
      points.removeFirst();
    }
    long[] a = points.getFirst();
    long[] b = points.size() > 1 ? second() : new long[] {now, done};
    double atStart = b[0] == a[0] ? a[1]
        : a[1] + (b[1] - a[1]) * (double) (from - a[0]) / (b[0] - a[0]);
    return now > from ? Math.max(0, done - atStart) / ((now - from) / 1e9) : 0;
  }

  /**
   * {@code ", about … left"} until {@code total} at {@link #perSecond}, or nothing before
   * {@link #ESTIMATE_SHARE} of it is done and {@link #ESTIMATE_NANOS} have passed.
   */
  String left(long now, long done, long total) {
    double perSecond = perSecond(now, done);
    boolean estimate = perSecond > 0 && done < total && done >= ESTIMATE_SHARE * total
        && now - started >= ESTIMATE_NANOS;
    return estimate ? ", about " + Counts.duration((total - done) / perSecond) + " left" : "";
  }

  private long[] second() {
    Iterator<long[]> each = points.iterator();
    each.next();
    return each.next();
  }
}
