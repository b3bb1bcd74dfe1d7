package io.trainguard.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.encryption.KeyProviders;
import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.Counts;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.output.Decryptor;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
import io.trainguard.jobs.protect.ProtectResult;
import io.trainguard.samples.SampleDataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainguard demo}: the whole pipeline on a generated dataset, in Spark local mode. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
        "Generate a synthetic dataset (CSV and JSON Lines with personal data in columns and"
            + " free text), create a fresh local keyring, run protect on it in Spark local mode, "
            + "print a summary and the first ticket's text before and after (decrypted).",
        "Everything is written under --dir and replaced on each run."})
final class DemoCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "trainguard-demo",
      description = "Working directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "1000",
      converter = OptionValues.DemoRows.class,
      description = "Records per generated file (default: ${DEFAULT-VALUE}).")
  long rows;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path input = dir.resolve("input");
    Path output = dir.resolve("output");
    Path keyring = dir.resolve("keyring.json").toAbsolutePath(); // the decrypt hint works anywhere
    deleteTree(input);
    Files.deleteIfExists(keyring);
    SampleDataset.Summary data = SampleDataset.write(input, (int) rows, 42L);
    out.printf("generated %s/%s (%s) and %s/%s (%s)%n", input, SampleDataset.CSV_FILE,
        Counts.of(data.csvRecords(), "record"), input, SampleDataset.JSONL_FILE,
        Counts.of(data.jsonlRecords(), "record"));
    LocalKeyring key = LocalKeyring.generate(keyring);
    out.println("created keyring " + key.keyId() + " at " + keyring + " (mode 600)");
    out.flush();
    String keySpec = "local:" + keyring;
    ProtectRequest request = ProtectRequest.builder(input.toString(), output.toString(), keySpec)
        .overwrite(true)
        .commandLine(CommandLines.describe("protect", "--input", input.toString(), "--output",
            output.toString(), "--key", keySpec, "--overwrite"))
        .build();
    long start = System.nanoTime();
    ProtectResult result = new ProtectJob(SparkContexts.context("trainguard demo", Map.of()),
        request).execute();
    Summary.print(out, result, keySpec, List.of(), (System.nanoTime() - start) / 1e9);
    out.println("  by file");
    for (Manifest.Input file : result.manifest().inputs()) {
      StringBuilder line = new StringBuilder();
      if (file.findings() != null) {
        file.findings().forEach((entity, f) -> line.append(line.isEmpty() ? "" : ", ")
            .append(entity).append(' ').append(Counts.number(f.count())));
      }
      out.printf("    %-22s %s%n", file.path(), line);
    }
    Path decrypted = dir.resolve("decrypted");
    deleteTree(decrypted);
    new Decryptor(new Configuration(), KeyProviders.open(keySpec, null))
        .decrypt(output.toString(), decrypted.toString());
    out.println("  first ticket's text, before and after (decrypted into " + decrypted + ")");
    out.println("    before  " + firstText(input.resolve(SampleDataset.JSONL_FILE)));
    out.println("    after   " + firstText(decrypted.resolve(SampleDataset.JSONL_FILE)));
    out.flush();
    return 0;
  }

  private static String firstText(Path jsonLines) throws IOException {
    try (Stream<String> lines = Files.lines(jsonLines)) {
      String first = lines.findFirst().orElseThrow();
      return JSON.readTree(first).path("text").asText();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
