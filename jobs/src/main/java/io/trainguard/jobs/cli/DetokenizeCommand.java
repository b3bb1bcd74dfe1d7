package io.trainguard.jobs.cli;

import io.trainguard.encryption.KeyProviders;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.protect.DatasetSecret;
import io.trainguard.redaction.OperatorKeys;
import io.trainguard.redaction.Tokenize;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trainguard detokenize}: the original values of tokens, for a holder of the key. */
@Command(name = "detokenize", mixinStandardHelpOptions = true,
    description = {
        "Reverse tokens written by the tokenize operator (tok_ENTITY_...), one output line per",
        "token, in order. Needs the run's key and the dataset secret. Prints personal data: use",
        "it where the plaintext is allowed to be. A tampered or foreign token fails (exit 2)."})
final class DetokenizeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--key", required = true, paramLabel = "KEY",
      description = "The key protect used: a KMS key (ARN or alias/NAME) or local:PATH.")
  String key;

  @Option(names = "--dataset-secret", required = true, paramLabel = "URI",
      description = "The dataset secret of the run, e.g. OUT/_trainguard/dataset-secret.enc.")
  String datasetSecret;

  @Parameters(paramLabel = "TOKEN", arity = "0..*",
      description = "Tokens; read one per line from stdin when none are given.")
  List<String> tokens = new ArrayList<>();

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "Hadoop setting for S3 access, e.g. fs.s3a.endpoint=...; repeatable.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Override
  public Integer call() throws IOException {
    OperatorKeys keys = DatasetSecret.read(HadoopConf.of(conf), datasetSecret,
        KeyProviders.open(key));
    if (tokens.isEmpty()) {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          tokens.add(line.strip());
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    for (int i = 0; i < tokens.size(); i++) {
      try {
        out.println(Tokenize.detokenize(tokens.get(i), keys));
      } catch (IllegalArgumentException e) {
        throw TrainguardException.input("Cannot detokenize token " + (i + 1) + ": "
            + e.getMessage());
      }
    }
    out.flush();
    return 0;
  }
}
