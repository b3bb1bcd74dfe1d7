package io.trainguard.jobs.cli;

import io.trainguard.encryption.KeyProviders;
import io.trainguard.jobs.Counts;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.output.Verifier;
import io.trainguard.jobs.protect.InputSelection;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trainguard verify}: is this output exactly what the signed manifest says? */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {
        "Check an output against its signed manifest.",
        "Exits 0 only if the signature holds, the signed gate passed, _SUCCESS is present, "
            + "the output holds exactly the files the manifest lists or signs, and each has its "
            + "signed size and SHA-256: data/ and quarantine/, the report, the OpenLineage "
            + "events and the other files of _trainguard/. With --input, also that the output "
            + "is of that input as it is now (an earlier output copied over a later one fails). "
            + "Otherwise prints each problem and exits 3 if the signed gate failed, else 2."})
final class VerifyCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--manifest", required = true, paramLabel = "URI",
      description = "The manifest, e.g. OUT/_trainguard/manifest.json.")
  String manifest;

  @Option(names = "--key", required = true, paramLabel = "KEY",
      description = "The key you expect to have signed it: local:PATH, or the KMS signing key"
          + " (ARN or alias/NAME) given to protect as --signing-key.")
  String key;

  @Option(names = "--input", paramLabel = "URI",
      description = "The --input given to protect: every input the manifest signs must be "
          + "there with its signed size and SHA-256 (each file is read), and no other file "
          + "protect would read (give its --include and --exclude too). Exit 2 names the first "
          + "that differs.")
  String input;

  @Option(names = "--include", paramLabel = "GLOB",
      description = "With --input: the --include given to protect; repeatable.")
  List<String> includes = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "GLOB",
      description = "With --input: the --exclude given to protect; repeatable.")
  List<String> excludes = new ArrayList<>();

  @Mixin
  ConfOptions conf = new ConfOptions();

  @Override
  public Integer call() {
    if (input == null && !(includes.isEmpty() && excludes.isEmpty())) {
      throw TrainguardException.usage("--include and --exclude select files of --input: give"
          + " --input too");
    }
    Verifier.Report report = new Verifier(conf.hadoop()).verify(manifest,
        KeyProviders.openSigner(key), input, new InputSelection(includes, excludes, true));
    PrintWriter out = spec.commandLine().getOut();
    if (report.holds()) {
      out.println("verified: signature holds, " + Counts.of(report.outputsChecked(), "output")
          + (report.outputsChecked() == 1 ? " matches" : " match") + " the manifest"
          + (report.inputsChecked() < 0 ? "" : ", " + Counts.of(report.inputsChecked(), "input")
              + (report.inputsChecked() == 1 ? " matches" : " match") + " the input"));
      return ExitCode.OK.code();
    }
    PrintWriter err = spec.commandLine().getErr();
    report.problems().forEach(p -> err.println("trainguard: verify: " + p));
    err.println("trainguard: error: verification failed ("
        + Counts.of(report.problems().size(), "problem") + ")");
    return report.exitCode().code();
  }
}
