package io.trainguard.jobs.macie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.macie.MacieLocation.Cell;
import io.trainguard.jobs.macie.MacieLocation.JsonRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sensitive data discovery results ({@code .jsonl.gz}) from streams, Hadoop paths and findings. */
class DiscoveryResultsTest {

  static final String RESULT_CSV = """
      {"id":"r-1","category":"CLASSIFICATION","resourcesAffected":{"s3Bucket":{"name":"training"},\
      "s3Object":{"key":"raw/customers.csv","eTag":"e1","size":10}},"classificationDetails":\
      {"jobId":"job-7","result":{"status":{"code":"COMPLETE"},"sensitiveData":[{"category":\
      "PERSONAL_INFORMATION","detections":[{"type":"NAME","count":2,"occurrences":{"cells":[\
      {"row":2,"column":2,"columnName":"name"},{"row":3,"column":2,"columnName":"name"}]}}]}]}}}""";
  static final String RESULT_JSONL = """
      {"id":"r-2","resourcesAffected":{"s3Bucket":{"name":"training"},\
      "s3Object":{"key":"raw/support/tickets.jsonl"}},"classificationDetails":{"result":{\
      "sensitiveData":[{"detections":[{"type":"EMAIL_ADDRESS","count":1,"occurrences":{"records":\
      [{"recordIndex":1,"jsonPath":"$.text"}]}}]}]}}}""";
  static final String NOTHING_FOUND = """
      {"id":"r-3","resourcesAffected":{"s3Bucket":{"name":"training"},\
      "s3Object":{"key":"raw/empty.csv"}},"classificationDetails":{"result":{"status":\
      {"code":"COMPLETE"},"sensitiveData":[]}}}""";
  static final String IN_ARCHIVE = """
      {"id":"r-4","resourcesAffected":{"s3Bucket":{"name":"training"},"s3Object":{"key":"a.zip",\
      "embeddedFileDetails":{"filePath":"inner/x.csv"}}},"classificationDetails":{"result":{}}}""";

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  static MacieOccurrence result(String id, String key, String etag, Long size, String entity,
      String type, MacieLocation location) {
    return new MacieOccurrence(MacieSource.DISCOVERY_RESULT, id, id.equals("r-1") ? "job-7" : null,
        "training", key, etag, null, size, entity, type, false, location);
  }

  @Test
  void readsEveryLineWithFullDetailAndSkipsBadLines() throws IOException {
    String lines = String.join("\n", RESULT_CSV, "{not json", "", RESULT_JSONL, NOTHING_FOUND,
        IN_ARCHIVE, "{\"id\":\"r-5\"}") + "\n";

    MacieImport imported = DiscoveryResults.read(new ByteArrayInputStream(gzip(lines)), "a.jsonl.gz");

    assertThat(imported.occurrences()).containsExactly(
        result("r-1", "raw/customers.csv", "e1", 10L, "PERSON", "NAME", new Cell(2, 2, "name")),
        result("r-1", "raw/customers.csv", "e1", 10L, "PERSON", "NAME", new Cell(3, 2, "name")),
        result("r-2", "raw/support/tickets.jsonl", null, null, "EMAIL_ADDRESS", "EMAIL_ADDRESS",
            new JsonRecord(1, "$.text")));
    assertThat(imported.skipped()).isEqualTo(2);
    assertThat(imported.warnings()).containsExactly(
        "Cannot import Macie discovery result at line 2 of a.jsonl.gz: not valid JSON",
        "Ignored Macie discovery result r-4 from a.jsonl.gz: it locates data in a file inside an"
            + " archive",
        "Cannot import Macie discovery result r-5 from a.jsonl.gz:"
            + " resourcesAffected.s3Bucket.name is missing");
  }

  @Test
  void notGzipIsAnInputError() {
    assertThatThrownBy(() -> DiscoveryResults.read(
        new ByteArrayInputStream(RESULT_CSV.getBytes(StandardCharsets.UTF_8)), "a.jsonl.gz"))
        .isInstanceOf(TrainguardException.class)
        .hasMessage("Cannot read Macie discovery results a.jsonl.gz: not a gzip file");
  }

  @Test
  void readsAFolderOfResultsThroughHadoop(@TempDir Path dir) throws IOException {
    Path job = Files.createDirectories(dir.resolve("AWSLogs/111122223333/Macie/us-east-1/job-7"));
    Files.write(job.resolve("a.jsonl.gz"), gzip(RESULT_CSV + "\n"));
    Files.write(job.resolve("b.jsonl.gz"), gzip(RESULT_JSONL + "\n"));
    Files.writeString(job.resolve("manifest.txt"), "not a result");
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir.toUri());

    MacieImport imported = DiscoveryResults.read(FileSystem.getLocal(new Configuration()), root);

    assertThat(imported.occurrences()).extracting(MacieOccurrence::findingId)
        .containsExactly("r-1", "r-1", "r-2");
  }

  @Test
  void followsTheFindingsDetailedResultsLocations(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("a.jsonl.gz");
    Files.write(file, gzip(RESULT_CSV + "\n"));
    MacieImport findings = new MacieImport(java.util.List.of(), java.util.List.of(), 0,
        java.util.Set.of(file.toUri().toString(), dir.resolve("gone.jsonl.gz").toUri().toString()));

    MacieImport followed = DiscoveryResults.follow(findings, new Configuration(), "file",
        java.util.List.of());

    assertThat(followed.occurrences()).hasSize(2);
    assertThat(followed.warnings()).containsExactly("Cannot read Macie detailed results at "
        + dir.resolve("gone.jsonl.gz").toUri() + ": not found; only the findings' occurrences"
        + " are used");
  }

  @Test
  void onlyLocationsOnTheInputsFileSystemAreFollowedUnlessASourceCoversThem(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("a.jsonl.gz");
    Files.write(file, gzip(RESULT_CSV + "\n"));
    MacieImport findings = new MacieImport(java.util.List.of(), java.util.List.of(), 0,
        new java.util.LinkedHashSet<>(java.util.List.of(file.toUri().toString(),
            "s3://results/r.jsonl.gz", "nosuchfs://results/r.jsonl.gz")));

    MacieImport local = DiscoveryResults.follow(findings, new Configuration(), "file",
        java.util.List.of());

    assertThat(local.occurrences()).hasSize(2);
    assertThat(local.warnings()).containsExactlyInAnyOrder(
        "Macie detailed results at s3://results/r.jsonl.gz not followed: the input is not on"
            + " s3a; only the findings' occurrences are used",
        "Macie detailed results at nosuchfs://results/r.jsonl.gz not followed: the input is not"
            + " on nosuchfs; only the findings' occurrences are used");

    // a source of the run that covers a location reads it already: neither read again nor warned
    MacieImport covered = DiscoveryResults.follow(findings, new Configuration(), "s3a",
        java.util.List.of("s3a://results/", "nosuchfs://results/r.jsonl.gz", dir.toString()));
    assertThat(covered.occurrences()).isEmpty();
    assertThat(covered.warnings()).isEmpty();

    // a failure other than a missing or forbidden object stops the run, in every mode
    MacieImport unsupported = new MacieImport(java.util.List.of(), java.util.List.of(), 0,
        java.util.Set.of("nosuchfs://results/r.jsonl.gz"));
    assertThatThrownBy(() -> DiscoveryResults.follow(unsupported, new Configuration(),
        "nosuchfs", java.util.List.of()))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVICE))
        .hasMessage("Cannot read Macie detailed results at nosuchfs://results/r.jsonl.gz:"
            + " UnsupportedFileSystemException");
  }

  /** A file system whose every object is forbidden, as S3 answers 403 for another account's. */
  public static final class ForbiddenFileSystem extends org.apache.hadoop.fs.RawLocalFileSystem {
    @Override
    public String getScheme() {
      return "forbidden";
    }

    @Override
    public java.net.URI getUri() {
      return java.net.URI.create("forbidden:///");
    }

    @Override
    public org.apache.hadoop.fs.FileStatus getFileStatus(org.apache.hadoop.fs.Path f)
        throws IOException {
      throw new java.nio.file.AccessDeniedException(f.toString());
    }
  }

  @Test
  void aLocationThisRunMayNotReadIsAWarningInApiModeAsInFileMode() {
    Configuration conf = new Configuration();
    conf.set("fs.forbidden.impl", ForbiddenFileSystem.class.getName());
    conf.setBoolean("fs.forbidden.impl.disable.cache", true);
    MacieImport findings = new MacieImport(java.util.List.of(), java.util.List.of(), 0,
        java.util.Set.of("forbidden://results/r.jsonl.gz"));

    MacieImport api = DiscoveryResults.follow(findings, conf, "forbidden", java.util.List.of());

    assertThat(api.occurrences()).isEmpty();
    assertThat(api.warnings()).containsExactly("Cannot read Macie detailed results at"
        + " forbidden://results/r.jsonl.gz: access denied; only the findings' occurrences are"
        + " used");
  }

  @Test
  void mapsS3LocationsToS3a() {
    assertThat(DiscoveryResults.hadoopUri("s3://results/AWSLogs/1/Macie/r.jsonl.gz"))
        .isEqualTo("s3a://results/AWSLogs/1/Macie/r.jsonl.gz");
    assertThat(DiscoveryResults.hadoopUri("file:/tmp/r.jsonl.gz")).isEqualTo("file:/tmp/r.jsonl.gz");
  }
}
