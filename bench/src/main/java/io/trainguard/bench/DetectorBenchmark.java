package io.trainguard.bench;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.RecognizerPack;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-threaded throughput of the default pack (with its candidate scanner, and as a full scan
 * of every admitted recognizer: the analyzer before the scanner) and of the Presidio-style
 * baseline over the same strings, and of the pack's successful regex matches alone
 * ({@link RegexMatches}). One operation is one pass over every string of
 * {@link #input} (see {@link BenchInputs}); MB/s is operations per second times that input's
 * UTF-8 size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DetectorBenchmark {

  @Param({"text", "cells"})
  public String input;

  private List<String> texts;
  private Analyzer analyzer;
  private Analyzer fullScan;
  private PresidioStyleBaseline baseline;

  @Setup
  public void setUp() {
    texts = BenchInputs.load(input);
    analyzer = Analyzer.defaults();
    fullScan = analyzer.fullScan();
    baseline = new PresidioStyleBaseline(
        RecognizerPack.combine(List.of(RecognizerPack.builtIn())));
  }

  @Benchmark
  public void defaultPack(Blackhole hole) {
    for (String text : texts) {
      hole.consume(analyzer.analyze(text));
    }
  }

  @Benchmark
  public void defaultPackFullScan(Blackhole hole) {
    for (String text : texts) {
      hole.consume(fullScan.analyze(text));
    }
  }

  @Benchmark
  public void presidioBaseline(Blackhole hole) {
    for (String text : texts) {
      hole.consume(baseline.candidates(text));
    }
  }

  /**
   * The input's successful regex matches, recorded in a state of their own: recording them runs
   * every pattern's {@code find()} over every string, which would change what the JIT compiles
   * for the other benchmarks if their forks ran it too.
   */
  @State(Scope.Benchmark)
  public static class Matches {

    @Param({"text", "cells"})
    public String input;

    private RegexMatches matches;

    @Setup
    public void setUp() {
      matches = new RegexMatches(Analyzer.defaults().recognizers(), BenchInputs.load(input));
    }
  }

  /** Only the default pack's successful regex matches: an upper bound for its throughput. */
  @Benchmark
  public long regexMatchesOnly(Matches matches) {
    return matches.matches.replay();
  }
}
