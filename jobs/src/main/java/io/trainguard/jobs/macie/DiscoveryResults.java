package io.trainguard.jobs.macie;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.storage.Storage;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Macie sensitive data discovery results: gzip-compressed JSON Lines objects ({@code .jsonl.gz}),
 * one result per analysed S3 object, in the finding's JSON shape but with every located
 * occurrence. Read from a stream, from any Hadoop path (a file, or a folder read recursively), or
 * by following findings' {@code classificationDetails.detailedResultsLocation}.
 */
public final class DiscoveryResults {

  /** The extension Macie gives result objects. */
  public static final String EXTENSION = ".jsonl.gz";

  private static final ObjectMapper JSON = new ObjectMapper();

  private DiscoveryResults() {}

  /** Reads one {@code .jsonl.gz} stream; {@code name} names it in messages. Exit 2 if not gzip. */
  public static MacieImport read(InputStream gzipped, String name) throws IOException {
    MacieImport.Collector out = new MacieImport.Collector();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(gzipped), StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          out.skip("Cannot import Macie discovery result at line " + number + " of " + name
              + ": not valid JSON");
          continue;
        }
        FindingParser.parse(node, MacieSource.DISCOVERY_RESULT, "at line " + number, name, out);
      }
    } catch (ZipException e) {
      throw TrainguardException.input("Cannot read Macie discovery results " + name
          + ": not a gzip file");
    }
    return out.result();
  }

  /**
   * Reads a {@code .jsonl.gz} file, or every {@code .jsonl.gz} file under a folder, on any Hadoop
   * file system.
   */
  public static MacieImport read(FileSystem fs, Path path) throws IOException {
    MacieImport.Collector out = new MacieImport.Collector();
    for (Path file : resultFiles(fs, path)) {
      try (InputStream in = fs.open(file)) {
        out.add(read(in, file.toString()));
      }
    }
    return out.result();
  }

  /**
   * Reads the discovery results that {@code findings} point to, by one rule whether the findings
   * came from the API or from a file: a location on the input's file system ({@code inputScheme};
   * {@code s3://} is read through s3a) is followed; one elsewhere is not (a warning), unless one
   * of the run's {@code sources} covers it, which reads it already; a location that does not
   * exist or that this run may not read (another account's bucket) is a warning, and the
   * findings' own occurrences stand; any other failure exits 4.
   */
  public static MacieImport follow(MacieImport findings, Configuration conf, String inputScheme,
      Collection<String> sources) {
    MacieImport.Collector out = new MacieImport.Collector();
    for (String location : findings.detailedResultsLocations()) {
      Path path = Storage.path(hadoopUri(location));
      if (sources.stream().anyMatch(source -> covers(source, path))) {
        continue;
      }
      String scheme = path.toUri().getScheme() == null ? "file" : path.toUri().getScheme();
      if (!scheme.equals(inputScheme)) {
        out.warn("Macie detailed results at " + location + " not followed: the input is not on "
            + scheme + "; only the findings' occurrences are used");
        continue;
      }
      String unreadable = null;
      try {
        out.add(read(Storage.fileSystem(path, conf), path));
      } catch (FileNotFoundException e) {
        unreadable = "not found";
      } catch (AccessDeniedException e) {
        unreadable = "access denied";
      } catch (IOException e) {
        throw new TrainguardException(ExitCode.SERVICE, "Cannot read Macie detailed results at "
            + location + ": " + e.getClass().getSimpleName(), e);
      }
      if (unreadable != null) {
        out.warn("Cannot read Macie detailed results at " + location + ": " + unreadable
            + "; only the findings' occurrences are used");
      }
    }
    return out.result();
  }

  /** Whether the Macie source {@code source} (a results file or folder) holds {@code path}. */
  private static boolean covers(String source, Path path) {
    if (source.equals("api") || source.endsWith(".json")) {
      return false;
    }
    String root = qualified(Storage.path(hadoopUri(source))).replaceFirst("/+$", "");
    String location = qualified(path);
    return location.equals(root) || location.startsWith(root + "/");
  }

  /** A path as {@code scheme://authority/path}, {@code file} when it has no scheme. */
  private static String qualified(Path path) {
    java.net.URI uri = path.toUri();
    return (uri.getScheme() == null ? "file" : uri.getScheme()) + "://"
        + (uri.getAuthority() == null ? "" : uri.getAuthority()) + uri.getPath();
  }

  /** Macie's {@code s3://bucket/key} as the s3a URI Hadoop reads; other URIs unchanged. */
  public static String hadoopUri(String location) {
    return location.startsWith("s3://") ? "s3a://" + location.substring("s3://".length())
        : location;
  }

  private static List<Path> resultFiles(FileSystem fs, Path path) throws IOException {
    FileStatus status = fs.getFileStatus(path);
    List<Path> files = new ArrayList<>();
    if (status.isFile()) {
      files.add(status.getPath());
      return files;
    }
    for (FileStatus f : Storage.filesUnder(fs, path)) {
      if (f.getPath().getName().endsWith(EXTENSION)) {
        files.add(f.getPath());
      }
    }
    files.sort(null);
    return files;
  }
}
