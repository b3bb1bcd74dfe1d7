package io.trainguard.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.encryption.KeyProvider;
import io.trainguard.encryption.KeyProviders;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.ManifestSignature;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.protect.DatasetSecret;
import io.trainguard.redaction.Action;
import io.trainguard.redaction.DateShift;
import io.trainguard.redaction.OperatorKeys;
import io.trainguard.redaction.Policy;
import io.trainguard.redaction.PolicyException;
import io.trainguard.redaction.RecordContext;
import io.trainguard.redaction.Reversible;
import io.trainguard.redaction.Tokenize;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trainguard detokenize}: the original values of protected values, for a key holder. */
@Command(name = "detokenize", mixinStandardHelpOptions = true,
    description = {
        "Reverse tokens written by the tokenize operator (tok_ENTITY_...), one output line "
            + "per token, in order.",
        "Needs the run's key, the dataset secret and the run's signed manifest, which must"
            + " record that secret (exit 2 otherwise). Prints personal data: use it where the"
            + " plaintext is allowed to be. A tampered or foreign token fails (exit 2). With "
            + "--entity, reverse values that the policy's operator for that entity wrote: fpe and"
            + " fpe[luhn] (FF1: not authenticated, so a value that is not an output gives other "
            + "digits, not an error), date_shift (with --record-id) or tokenize."})
final class DetokenizeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--key", required = true, paramLabel = "KEY",
      description = "The key protect used: a KMS key (ARN or alias/NAME) or local:PATH.")
  String key;

  @Option(names = "--signing-key", paramLabel = "KMS_KEY",
      description = "With a KMS --key: the KMS key that signed the manifest (protect's"
          + " --signing-key). A local keyring checks with its own key.")
  String signingKey;

  @Option(names = "--dataset-secret", required = true, paramLabel = "URI",
      description = "The dataset secret of the run, e.g. OUT/_trainguard/dataset-secret.enc.")
  String datasetSecret;

  @Option(names = "--manifest", paramLabel = "URI",
      description = "The run's signed manifest, or a DataFrame's (default: manifest.json beside"
          + " a --dataset-secret named _trainguard/dataset-secret.enc).")
  String manifest;

  @Option(names = "--no-manifest",
      description = "Use a dataset secret that no manifest records (the Spark SQL functions'"
          + " spark.trainguard.datasetSecret), unchecked.")
  boolean noManifest;

  @Parameters(paramLabel = "TOKEN", arity = "0..*",
      description = "Tokens; read one per line from stdin when none are given.")
  List<String> tokens = new ArrayList<>();

  @Option(names = "--entity", paramLabel = "ENTITY",
      description = "The values were protected as this entity (e.g. CREDIT_CARD, US_SSN,"
          + " PHONE_NUMBER, DATE_TIME) by the operator --policy gives it.")
  String entity;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "With --entity: the policy protect used (default: the built-in strict one).")
  String policy;

  @Option(names = "--column", paramLabel = "NAME",
      description = "With --entity: the column or field the values come from, for the policy's"
          + " column rules.")
  String column;

  @Option(names = "--record-id", paramLabel = "ID",
      description = "With a date_shift entity: the record the dates come from, as protect named"
          + " it: its --id-column value, else FILE:row N (CSV; the header is row 1) or FILE:line"
          + " N (text), FILE relative to the input.")
  String recordId;

  @Mixin
  ConfOptions conf = new ConfOptions();

  @Override
  public Integer call() throws IOException {
    Action action = entity == null ? new Tokenize() : policyAction();
    if (noManifest && manifest != null) {
      throw TrainguardException.usage("--manifest and --no-manifest exclude each other");
    }
    if (signingKey == null && !key.startsWith(KeyProviders.LOCAL_PREFIX) && !noManifest) {
      throw TrainguardException.usage("detokenize needs --signing-key with a KMS --key: the"
          + " manifest's signature is checked first");
    }
    KeyProvider provider = KeyProviders.open(key, signingKey);
    OperatorKeys keys = noManifest ? DatasetSecret.read(conf.hadoop(), datasetSecret, provider)
        : DatasetSecret.read(conf.hadoop(), datasetSecret, provider, signedFingerprint(provider));
    UnaryOperator<String> reverse = reverser(action, keys);
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
        out.println(reverse.apply(tokens.get(i)));
      } catch (IllegalArgumentException e) {
        throw TrainguardException.input("Cannot detokenize "
            + (entity == null ? "token " : "value ") + (i + 1) + ": " + e.getMessage());
      }
    }
    out.flush();
    return 0;
  }

  /** The fingerprint of the dataset secret that the run's manifest records and signs. */
  private String signedFingerprint(KeyProvider provider) {
    String uri = manifest;
    if (uri == null) {
      if (!datasetSecret.equals(OutputLayout.DATASET_SECRET)
          && !datasetSecret.endsWith("/" + OutputLayout.DATASET_SECRET)) {
        throw TrainguardException.usage("detokenize needs --manifest: the dataset secret is"
            + " checked against the run's signed manifest (--no-manifest for one that no"
            + " manifest records)");
      }
      uri = datasetSecret.substring(0, datasetSecret.length()
          - OutputLayout.DATASET_SECRET.length()) + OutputLayout.MANIFEST;
    }
    ObjectNode signed = ManifestReader.document(conf.hadoop(), uri);
    String problem = ManifestSignature.check(signed, provider.signer());
    if (problem != null) {
      throw TrainguardException.input("Cannot detokenize: " + uri + ": " + problem);
    }
    JsonNode fingerprint = signed.path("config").path("dataset_secret").path("fingerprint");
    if (!fingerprint.isTextual()) {
      throw TrainguardException.input("Cannot detokenize: " + uri + " records no dataset secret");
    }
    return fingerprint.asText();
  }

  /** The operator the policy applies to {@code --entity}, which must be reversible. */
  private Action policyAction() {
    Policy rules;
    try {
      rules = policy == null ? Policy.strict() : Policy.load(Path.of(policy));
    } catch (PolicyException e) {
      throw TrainguardException.usage(e.getMessage());
    }
    Action action = rules.actionFor(entity, column);
    if (!(action instanceof Reversible) && !(action instanceof DateShift)) {
      throw TrainguardException.usage("Cannot reverse " + entity + ": " + rules.name()
          + " protects it with " + action.spec() + ", which is not reversible");
    }
    if (action instanceof DateShift && recordId == null) {
      throw TrainguardException.usage("Cannot reverse " + entity + ": " + action.spec()
          + " needs --record-id (its offset depends on the record)");
    }
    return action;
  }

  private UnaryOperator<String> reverser(Action action, OperatorKeys keys) {
    if (entity == null) {
      return token -> Tokenize.detokenize(token, keys);
    }
    if (action instanceof DateShift shift) {
      RecordContext record = RecordContext.of(keys, recordId);
      return value -> shift.reverse(entity, value, record);
    }
    Reversible reversible = (Reversible) action;
    return value -> reversible.reverse(entity, value, keys);
  }
}
