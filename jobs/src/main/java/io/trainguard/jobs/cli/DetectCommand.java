package io.trainguard.jobs.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.Finding;
import io.trainguard.classifiers.RecognizerPack;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.FlaggedRecords;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.LineReader;
import io.trainguard.jobs.format.LineSlice;
import io.trainguard.jobs.format.LineSplits;
import io.trainguard.jobs.format.MacieHints;
import io.trainguard.jobs.format.MalformedRecordException;
import io.trainguard.jobs.format.RecordCodec;
import io.trainguard.jobs.format.RecordProtector;
import io.trainguard.jobs.format.RecordSinks;
import io.trainguard.jobs.format.UnscannableValueException;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.jobs.protect.BadRecordLimit;
import io.trainguard.jobs.protect.InputSlices;
import io.trainguard.jobs.protect.MacieFusion;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.storage.Storage;
import io.trainguard.redaction.OperatorKeys;
import io.trainguard.redaction.Policy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trainguard detect}: findings per line of a JSON Lines file, no Spark. */
@Command(name = "detect", mixinStandardHelpOptions = true,
    description = {
        "Detect personal data in {\"id\": ..., \"text\": ...} lines.",
        "Writes one {\"id\": ..., \"findings\": [{\"entity\", \"start\", \"end\", "
            + "\"score\", \"source\"}]} line per input line, in input order. Offsets count "
            + "Unicode code points, end exclusive. With --macie, Macie's occurrences at $.text of"
            + " a record join the local findings: source is local, macie (the whole text: Macie "
            + "gives no offsets) or both."})
final class DetectCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSON Lines input.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "JSON Lines output.")
  Path output;

  @picocli.CommandLine.Mixin
  AllowOptions allow = new AllowOptions();

  @picocli.CommandLine.Mixin
  NerOption ner = new NerOption();

  @Option(names = "--pack", paramLabel = "FILE", description = "Extra recognizer pack; repeatable.")
  List<String> packs = new ArrayList<>();

  @Option(names = "--pack-mode", paramLabel = "MODE", defaultValue = "extend",
      converter = OptionValues.PackMode.class, description = "extend (default: built-in recognizers stay on unless a pack disables them)"
          + " or replace (as Presidio: only what the packs list or define is on).")
  RecognizerPack.Mode packMode;

  @Option(names = "--threshold", paramLabel = "SCORE", defaultValue = "" + Analyzer.DEFAULT_THRESHOLD,
      converter = OptionValues.Score.class, description = "Minimum score, 0-1 (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--entities", paramLabel = "A,B", split = ",",
      description = "Only report these entities.")
  Set<String> entities = new LinkedHashSet<>();

  @Option(names = "--macie", paramLabel = "SOURCE",
      description = "Macie findings about this file: a findings JSON file or sensitive data"
          + " discovery results (.jsonl.gz file or folder); repeatable.")
  List<String> macie = new ArrayList<>();

  @Option(names = "--macie-key-prefix", paramLabel = "PREFIX",
      description = "Strip this prefix from Macie's object keys; the rest must be the input's"
          + " file name.")
  String macieKeyPrefix;

  @picocli.CommandLine.Mixin
  BadRecordsOption badRecords = new BadRecordsOption();

  @Option(names = "--split-size", paramLabel = "SIZE", converter = OptionValues.Size.class,
      description = "Read a file larger than SIZE in slices, one thread each, as protect and"
          + " scan do (default: the Hadoop setting trainguard.split.size, else 128m).")
  Long splitSize;

  @picocli.CommandLine.Mixin
  ConfOptions conf = new ConfOptions();

  @Override
  public Integer call() throws IOException {
    io.trainguard.classifiers.AllowList allowList;
    try {
      allowList = allow.toAllowList();
    } catch (IllegalArgumentException e) {
      throw TrainguardException.usage(e.getMessage());
    }
    Analyzer all = new Analyzer(ProtectJob.loadRecognizers(packs, packMode, ner.on()),
        threshold,
        allowList);
    Analyzer analyzer = entities.isEmpty() ? all : all.onlyEntities(entities);
    MacieHints hints = macieHints(all);
    // Written under a temporary name beside the output and renamed when complete: a failed run
    // leaves no partial output.
    Path target = output.toAbsolutePath();
    if (!Files.isDirectory(target.getParent())) {
      throw TrainguardException.usage("Output directory not found: " + target.getParent());
    }
    Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".",
        ".partial");
    try {
      try (Writer out = new BufferedWriter(Files.newBufferedWriter(partial,
          StandardCharsets.UTF_8))) {
        detect(input, out, analyzer, input.toString(), hints, badRecords.limit,
            spec -> System.err.println("trainguard: warning: skipped a malformed record of "
                + input + " at " + spec), splitBytes(), target.getParent());
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      throw TrainguardException.input("Input not found: " + input);
    } finally {
      Files.deleteIfExists(partial);
    }
    return 0;
  }

  /** {@code --split-size}, else the Hadoop setting {@code trainguard.split.size}, else 128 MiB. */
  long splitBytes() {
    return InputSlices.splitBytes(splitSize == null ? 0 : splitSize, conf.hadoop());
  }

  private MacieHints macieHints(Analyzer names) throws IOException {
    if (macie.isEmpty()) {
      return MacieHints.NONE;
    }
    if (macie.contains("api")) {
      throw TrainguardException.usage("--macie api needs an S3 input: use it with protect");
    }
    Path file = input.toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      throw TrainguardException.input("Input not found: " + input);
    }
    String name = file.getFileName().toString();
    Storage.DataFile data = new Storage.DataFile(file.toUri().toString(), name, Files.size(file),
        null, null);
    MacieFusion.Result result = MacieFusion.run(macie, macieKeyPrefix, file.getParent().toString(),
        List.of(data), conf.hadoop(),
        path -> io.trainguard.jobs.format.PersonalNames.masked(names, path));
    result.warnings().forEach(w -> System.err.println("trainguard: warning: Macie: " + w));
    return result.hints().getOrDefault(name, MacieHints.NONE);
  }

  /**
   * Writes to {@code out} the findings protect makes at {@code $.text} of each record of
   * {@code input} under the built-in policy (same plans, Macie fusion and per-value step), in
   * input order; {@code name} names the input in errors; {@code macie} is what Macie found in it.
   * The input is read once, by two line readers in step: the record protocol's, and the one that
   * checks each line and copies its id.
   */
  static void detect(Path input, Writer out, Analyzer analyzer, String name, MacieHints macie)
      throws IOException {
    detect(() -> Files.newInputStream(input), out, analyzer, name, macie);
  }

  /** Told where each skipped malformed record is (its line), never what it holds. */
  @FunctionalInterface
  interface Skipped {
    void at(String where);
  }

  /** Opens the input. */
  @FunctionalInterface
  interface Input {
    InputStream open() throws IOException;
  }

  /** As {@link #detect(Path, Writer, Analyzer, String, MacieHints)}, the input opened by {@code input}. */
  static void detect(Input input, Writer out, Analyzer analyzer, String name, MacieHints macie)
      throws IOException {
    detect(input, out, analyzer, name, macie, BadRecordLimit.NONE, where -> {});
  }

  /**
   * As above, skipping malformed records (no output line) up to {@code limit}, each told to
   * {@code skipped}; one more fails naming its line.
   */
  static void detect(Input input, Writer out, Analyzer analyzer, String name, MacieHints macie,
      BadRecordLimit limit, Skipped skipped) throws IOException {
    try (InputStream source = input.open()) {
      FileStats stats = detect(source, LineSlice.WHOLE, null, out, protector(analyzer), name,
          macie, limit, skipped);
      checkMalformed(stats.malformed(), stats.records(), stats.firstMalformed(), name, limit);
    }
  }

  /**
   * As above, reading {@code input} in slices of about {@code splitBytes} on as many threads as
   * there are cores when it is larger ({@link LineSplits}), with the same output, warnings and
   * errors as reading it whole; each slice's lines wait in a file in {@code work} until the
   * slices before it are written.
   */
  static void detect(Path input, Writer out, Analyzer analyzer, String name, MacieHints macie,
      BadRecordLimit limit, Skipped skipped, long splitBytes, Path work) throws IOException {
    int cores = Runtime.getRuntime().availableProcessors();
    int ranges = LineSplits.splittable(Format.JSONL, name)
        ? LineSplits.ranges(Files.size(input), splitBytes, cores) : 1;
    if (ranges < 2) {
      detect(() -> Files.newInputStream(input), out, analyzer, name, macie, limit, skipped);
      return;
    }
    int threads = Math.min(cores, ranges);
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread t = new Thread(task, "trainguard-detect");
      t.setDaemon(true);
      return t;
    });
    List<Path> parts = new ArrayList<>();
    try {
      List<LineSlice> slices = slices(input, splitBytes, cores, pool);
      ValueProtector protector = protector(analyzer);
      RecordProtector.Plans plans = slices.isEmpty() ? null
          : plans(input, protector, name, macie, limit);
      if (plans == null) {
        detect(() -> Files.newInputStream(input), out, analyzer, name, macie, limit, skipped);
        return;
      }
      List<Future<SliceResult>> results = new ArrayList<>();
      for (LineSlice slice : slices) {
        Path part = Files.createTempFile(work, ".detect-", ".slice");
        parts.add(part);
        results.add(pool.submit(() -> detectSlice(input, slice, part, plans,
            protector.forTask(), name, macie, limit)));
      }
      long malformed = 0;
      long records = 0;
      String first = null;
      for (int k = 0; k < slices.size(); k++) {
        SliceResult result = joined(results.get(k));
        for (String where : result.skipped()) {
          if (++malformed > limit.perFile()) {
            throw malformedPastLimit(name, where, limit);
          }
          skipped.at(where);
        }
        if (result.failure() != null) {
          throw result.failure();
        }
        records += result.records();
        first = first == null ? result.firstMalformed() : first;
        try (java.io.Reader lines = Files.newBufferedReader(parts.get(k),
            StandardCharsets.UTF_8)) {
          lines.transferTo(out);
        }
        Files.delete(parts.get(k));
      }
      checkMalformed(malformed, records, first, name, limit);
    } finally {
      pool.shutdownNow();
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (Path part : parts) {
        Files.deleteIfExists(part);
      }
    }
  }

  /**
   * The slices of {@code input} when it is read in ranges of at most {@code splitBytes} on
   * {@code parallelism} cores ({@link LineSplits#ranges}), scanned on {@code pool}; else none.
   */
  static List<LineSlice> slices(Path input, long splitBytes, int parallelism,
      java.util.concurrent.Executor pool) throws IOException {
    long length = Files.size(input);
    int ranges = LineSplits.ranges(length, splitBytes, parallelism);
    if (ranges < 2) {
      return List.of();
    }
    List<CompletableFuture<LineSplits.RangeScan>> scans = new ArrayList<>();
    for (int i = 0; i < ranges; i++) {
      long start = LineSplits.rangeStart(i, ranges, length);
      long end = LineSplits.rangeStart(i + 1, ranges, length);
      scans.add(CompletableFuture.supplyAsync(() -> {
        try (InputStream in = open(input, Math.max(0, start - 1), length)) {
          return LineSplits.scan(Format.JSONL, input.toString(), in, start, end, length);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, pool));
    }
    List<LineSplits.RangeScan> scanned = new ArrayList<>();
    for (CompletableFuture<LineSplits.RangeScan> scan : scans) {
      scanned.add(joined(scan));
    }
    return LineSplits.slices(scanned, length);
  }

  /**
   * The plans of the file's first records, which every slice shares as the whole file would
   * have them; null when they cannot be read (reading the file whole then reports why).
   */
  private static RecordProtector.Plans plans(Path input, ValueProtector protector, String name,
      MacieHints macie, BadRecordLimit limit) {
    try (InputStream start = Files.newInputStream(input)) {
      LineReader head = new LineReader(start, LineReader.DEFAULT_MAX_LINE_CHARS);
      if (!limit.equals(BadRecordLimit.NONE)) {
        head.keepInvalidBytes();
      }
      return new RecordProtector(protector, name, null, macie, FlaggedRecords.NONE)
          .plan(Format.jsonLines(head, NOWHERE, protector.names(), false, LineSlice.WHOLE),
              new FileStats());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** What one slice gave: its malformed records skipped, counts, or the error it ended with. */
  private record SliceResult(List<String> skipped, long records, String firstMalformed,
      TrainguardException failure) {}

  /** Detects in {@code slice} of {@code input}, writing its lines to {@code part}. */
  private static SliceResult detectSlice(Path input, LineSlice slice, Path part,
      RecordProtector.Plans plans, ValueProtector protector, String name, MacieHints macie,
      BadRecordLimit limit) throws IOException {
    List<String> skipped = new ArrayList<>();
    try (InputStream source = open(input, slice.start(), slice.end());
        Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
      FileStats stats = detect(source, slice, plans, out, protector, name, macie, limit,
          skipped::add);
      return new SliceResult(skipped, stats.records(), stats.firstMalformed(), null);
    } catch (TrainguardException e) {
      return new SliceResult(skipped, 0, null, e);
    }
  }

  /** The bytes {@code [start, end)} of {@code input}. */
  private static InputStream open(Path input, long start, long end) throws IOException {
    java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(input);
    try {
      channel.position(start);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new java.io.BufferedInputStream(org.apache.commons.io.input.BoundedInputStream
        .builder().setInputStream(java.nio.channels.Channels.newInputStream(channel))
        .setMaxCount(end - start).get(), 1 << 16);
  }

  /** The value of {@code future}, rethrowing what its task threw. */
  private static <T> T joined(Future<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause()
          : e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      } else if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) cause;
    }
  }

  private static ValueProtector protector(Analyzer analyzer) {
    byte[] secret = new byte[OperatorKeys.SECRET_LENGTH]; // nothing is written: keys unused
    new SecureRandom().nextBytes(secret);
    return new ValueProtector(analyzer, Policy.strict(), OperatorKeys.fromDatasetSecret(secret));
  }

  /**
   * Reports the records of {@code source}, which holds {@code slice} of the file, planned under
   * {@code plans} (null: from its own first records), to {@code out}; its counts.
   */
  private static FileStats detect(InputStream source, LineSlice slice,
      RecordProtector.Plans plans, Writer out, ValueProtector protector, String name,
      MacieHints macie, BadRecordLimit limit, Skipped skipped) throws IOException {
    SharedInput shared = new SharedInput(source);
    LineReader in = new LineReader(shared.reader(0), LineReader.DEFAULT_MAX_LINE_CHARS,
        slice.linesBefore());
    LineReader lines = new LineReader(shared.reader(1), LineReader.DEFAULT_MAX_LINE_CHARS,
        slice.linesBefore());
    if (!limit.equals(BadRecordLimit.NONE)) {
      in.keepInvalidBytes(); // a line that is not UTF-8 is a malformed record
      lines.keepInvalidBytes();
    }
    Report report = new Report(lines, out, name, skipped);
    FileStats stats = new FileStats();
    RecordProtector records = new RecordProtector(protector, name, null, macie,
        FlaggedRecords.NONE, report).allowMalformed(limit.perFile());
    RecordCodec codec = Format.jsonLines(in, NOWHERE, protector.names(), false, slice);
    try {
      if (plans == null) {
        records.protect(codec, stats);
      } else {
        records.protect(codec, stats, plans);
      }
    } catch (MalformedRecordException e) {
      // every record before it was reported: the next line of the report's reader is it
      throw limit.equals(BadRecordLimit.NONE)
          ? TrainguardException.input("Invalid JSON in " + name + " at line "
              + report.nextLineNumber())
          : malformedPastLimit(name, e.getMessage(), limit);
    } catch (CharacterCodingException e) {
      report.checkUpTo(in.lineNumber());
      throw TrainguardException.input("Invalid UTF-8 in " + name + " at line "
          + (in.lineNumber() + 1));
    } catch (LineReader.LineTooLongException e) {
      report.checkUpTo(in.lineNumber());
      throw TrainguardException.input("Cannot read " + name + ": " + e.getMessage());
    } catch (UnscannableValueException e) {
      throw TrainguardException.input("Cannot scan " + name + " at " + e.getMessage());
    }
    return stats;
  }

  private static TrainguardException malformedPastLimit(String name, String where,
      BadRecordLimit limit) {
    return TrainguardException.input("Malformed JSONL in " + name + " at " + where
        + " (more than --max-bad-records " + limit + ")");
  }

  /** Fails when {@code malformed} of {@code records} are more than {@code limit} allows. */
  private static void checkMalformed(long malformed, long records, String first, String name,
      BadRecordLimit limit) {
    if (limit.exceeded(malformed, records)) {
      throw TrainguardException.input("Too many malformed records: " + malformed
          + " of " + io.trainguard.jobs.Counts.of(records, "record")
          + " (--max-bad-records " + limit + "); the first in " + name + " at " + first);
    }
  }

  /** Detect writes no protected copy. */
  private static final RecordSinks NOWHERE = new RecordSinks() {
    @Override
    public Writer data() {
      return Writer.nullWriter();
    }

    @Override
    public Writer quarantine() {
      return Writer.nullWriter();
    }
  };

  /**
   * One output line per record as the protocol scans it: the record's line, read in step from
   * its own reader, is checked and gives the id; the findings at {@code $.text} give the rest.
   */
  private static final class Report implements RecordProtector.Listener {
    private final LineReader lines;
    private final Writer out;
    private final String name;
    private final Skipped skipped;
    private final List<Finding> text = new ArrayList<>();
    private final Set<String> textMacie = new HashSet<>();

    Report(LineReader lines, Writer out, String name, Skipped skipped) {
      this.lines = lines;
      this.out = out;
      this.name = name;
      this.skipped = skipped;
    }

    @Override
    public void malformed(RecordCodec.Record record) throws IOException {
      String line;
      do {
        line = lines.next();
      } while (line.isBlank());
      skipped.at(record.malformed());
    }

    @Override
    public void found(RecordCodec.Record record, int field, List<Finding> findings,
        Set<String> macie) {
      if (record.path(field).equals("text")) {
        text.addAll(findings);
        textMacie.addAll(macie);
      }
    }

    @Override
    public void scanned(RecordCodec.Record record) throws IOException {
      JsonNode line = nextRecord();
      try (JsonGenerator g = JSON.getFactory().createGenerator(nonClosing(out))) {
        g.writeStartObject();
        g.writeFieldName("id");
        g.writeTree(line.get("id"));
        g.writeArrayFieldStart("findings");
        Set<String> both = new HashSet<>();
        for (Finding f : text) {
          // as protect counts it: one local finding per entity Macie also reported is both
          String source = ValueProtector.MACIE.equals(f.recognizer()) ? "macie"
              : textMacie.contains(f.entity()) && both.add(f.entity()) ? "both" : "local";
          g.writeStartObject();
          g.writeStringField("entity", f.entity());
          g.writeNumberField("start", f.start());
          g.writeNumberField("end", f.end());
          g.writeNumberField("score",
              BigDecimal.valueOf(f.score()).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros());
          g.writeStringField("source", source);
          g.writeStringField("recognizer", f.recognizer());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      out.write('\n');
      text.clear();
      textMacie.clear();
    }

    /** The number of the next non-blank line, the next record's. */
    long nextLineNumber() throws IOException {
      String line;
      do {
        line = lines.next();
      } while (line != null && line.isBlank());
      return lines.lineNumber();
    }

    /** Checks every line up to {@code lineNumber} that the protocol has not yet reported. */
    void checkUpTo(long lineNumber) throws IOException {
      String line;
      while (lines.lineNumber() < lineNumber && (line = lines.next()) != null) {
        if (!line.isBlank()) {
          check(line);
        }
      }
    }

    /** The next non-blank line as a checked {"id", "text"} record. */
    private JsonNode nextRecord() throws IOException {
      String line;
      do {
        line = lines.next();
      } while (line.isBlank());
      return check(line);
    }

    private JsonNode check(String line) {
      long lineNumber = lines.lineNumber();
      JsonNode record;
      try {
        record = JSON.readTree(line);
      } catch (IOException e) {
        throw TrainguardException.input("Invalid JSON in " + name + " at line " + lineNumber);
      }
      if (record == null || !record.isObject() || !record.has("id")) {
        throw TrainguardException.input("Invalid record in " + name + " at line " + lineNumber
            + ": expected an object with \"id\" and \"text\"");
      }
      JsonNode text = record.get("text");
      if (text == null || !text.isTextual()) {
        throw TrainguardException.input("Invalid record in " + name + " at line " + lineNumber
            + ": \"text\" is missing or not a string");
      }
      return record;
    }
  }

  private static Writer nonClosing(Writer w) {
    return new java.io.FilterWriter(w) {
      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
