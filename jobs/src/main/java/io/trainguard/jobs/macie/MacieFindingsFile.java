package io.trainguard.jobs.macie;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.jobs.TrainguardException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A findings file as the console or the CLI exports it ({@code aws macie2 get-findings} writes
 * {@code {"findings": [...]}}); a bare array of findings and a single finding object are accepted
 * too.
 */
public final class MacieFindingsFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MacieFindingsFile() {}

  /** Reads a local findings file; exit 2 if it is missing or not a findings document. */
  public static MacieImport read(Path file) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, name);
    } catch (NoSuchFileException e) {
      throw TrainguardException.input("Cannot read Macie findings file " + name + ": no such file");
    } catch (IOException e) {
      throw TrainguardException.input("Cannot read Macie findings file " + name + ": "
          + e.getClass().getSimpleName());
    }
  }

  /** Reads a findings document from {@code in}; {@code name} names it in messages. */
  public static MacieImport read(InputStream in, String name) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      // Jackson's own message may quote the input: only the position is reported.
      throw TrainguardException.input("Cannot read Macie findings file " + name
          + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr());
    }
    JsonNode findings = root;
    if (root != null && root.isObject()) {
      findings = root.has("findings") ? root.get("findings")
          : root.has("classificationDetails") ? JSON.createArrayNode().add(root) : null;
    }
    if (findings == null || !findings.isArray()) {
      throw TrainguardException.input("Cannot read Macie findings file " + name
          + ": expected {\"findings\": [...]}, an array of findings or one finding");
    }
    MacieImport.Collector out = new MacieImport.Collector();
    for (int i = 0; i < findings.size(); i++) {
      FindingParser.parse(findings.get(i), MacieSource.FINDING, "#" + (i + 1), name, out);
    }
    return out.result();
  }
}
