package io.trainguard.jobs.cli;

import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.Version;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code trainguard} command line: a thin layer over the jobs. */
@Command(name = "trainguard",
    mixinStandardHelpOptions = true,
    versionProvider = TrainguardCli.VersionProvider.class,
    resourceBundle = "io.trainguard.jobs.cli.Descriptions",
    description = {
        "Protects ML training data: finds personal data, redacts it, encrypts the result "
            + "and signs a lineage manifest.",
        "",
        "Exit codes: 0 done; 1 usage or configuration error; 2 input error; 3 the gate "
            + "failed; 4 an external service failed."},
    subcommands = {
        ProtectCommand.class,
        ScanCommand.class,
        DecryptCommand.class,
        RewrapCommand.class,
        DetokenizeCommand.class,
        ReportCommand.class,
        DetectCommand.class,
        VerifyCommand.class,
        KeygenCommand.class,
        DemoCommand.class,
        CommandLine.HelpCommand.class})
public final class TrainguardCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  LogOptions log = new LogOptions();

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  public static void main(String[] args) {
    Thread onSignal = Interruption.hook(System.err);
    Runtime.getRuntime().addShutdownHook(onSignal);
    int code = run(args);
    try {
      Runtime.getRuntime().removeShutdownHook(onSignal);
    } catch (IllegalStateException shuttingDown) {
      // a signal stopped the command: the hook has reported it
    }
    // Spark stops in a shutdown hook, and its threads print stack traces as it does: the
    // command has said all it has to say.
    System.err.flush();
    System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    if ("cluster".equals(System.getProperty("spark.submit.deployMode"))) {
      // YARN's ApplicationMaster reports any System.exit before main returns as a failure:
      // return on success, fail the application otherwise (the code is in the driver's log).
      if (code != 0) {
        throw new IllegalStateException("trainguard exited with code " + code);
      }
      return;
    }
    System.exit(code);
  }

  /** Runs the command line and returns its exit code (for tests and embedding). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new TrainguardCli());
    cli.setParameterExceptionHandler((e, badArgs) -> {
      CommandLine failed = e.getCommandLine();
      CommandLine.Model.CommandSpec command = failed.getCommandSpec();
      failed.getErr().println("trainguard: error: " + usageError(e) + " (see '"
          + CommandLines.program() + command.qualifiedName().substring(command.root().name()
              .length()) + " --help')");
      failed.getErr().flush();
      return ExitCode.USAGE.code();
    });
    boolean[] verbose = {false};
    cli.setExecutionStrategy(parsed -> {
      LogOptions options = LogOptions.of(parsed);
      verbose[0] = options.verbose;
      try {
        options.apply();
      } catch (RuntimeException e) { // reported as every command's failures are: one line
        throw new CommandLine.ExecutionException(parsed.commandSpec().commandLine(),
            e.getMessage(), e);
      }
      return new CommandLine.RunLast().execute(parsed);
    });
    cli.setExecutionExceptionHandler(new Failures(() -> verbose[0]));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    try {
      return cli.execute(args);
    } catch (Error e) {
      // picocli hands only exceptions to the handler; an error still gets one line
      Failures.Failure f = Failures.classify(e);
      if (Interruption.happened()) {
        return f.code().code();
      }
      cli.getErr().println("trainguard: error: " + f.message());
      cli.getErr().flush();
      return f.code().code();
    }
  }

  /**
   * The message of a usage error: an unknown command or option comes first (a misspelled
   * option also leaves a required one missing) and names the closest known one. Unknown options
   * are named without their values, and neither a stray value nor a malformed {@code --conf} is
   * quoted: either may be a path, a secret or a value that holds personal data.
   */
  static String usageError(CommandLine.ParameterException e) {
    CommandLine failed = e.getCommandLine();
    CommandLine.UnmatchedArgumentException unmatched =
        e instanceof CommandLine.UnmatchedArgumentException u ? u
            : !failed.getUnmatchedArguments().isEmpty()
                ? new CommandLine.UnmatchedArgumentException(failed, failed.getUnmatchedArguments())
            : unknownCommand(e)
                ? new CommandLine.UnmatchedArgumentException(failed, List.of(e.getValue()))
            : null;
    if (unmatched == null) {
      return e.getArgSpec() instanceof CommandLine.Model.OptionSpec o && o.typeInfo().isMap()
          ? "Invalid value for option '" + o.longestName() + "': not KEY=VALUE, e.g."
              + " fs.s3a.endpoint=http://127.0.0.1:9090"
          : e.getMessage();
    }
    List<String> suggestions = unmatched.getSuggestions();
    String first = unmatched.getUnmatched().get(0);
    List<String> options = unmatched.getUnmatched().stream().filter(a -> a.startsWith("-"))
        .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a).distinct().toList();
    String message;
    if (!first.startsWith("-") && !failed.getSubcommands().isEmpty()) {
      message = "Unknown command: '" + first + "'";
    } else if (options.isEmpty()) {
      message = "Unexpected argument (a value without an option name before it)";
    } else {
      message = (options.size() == 1 ? "Unknown option: '" : "Unknown options: '")
          + String.join("', '", options) + "'";
    }
    return message + (suggestions.isEmpty() ? "" : "; did you mean " + suggestions.get(0) + "?");
  }

  /** Whether {@code e} is how {@code help COMMAND} reports an unknown command. */
  private static boolean unknownCommand(CommandLine.ParameterException e) {
    CommandLine failed = e.getCommandLine();
    return e.getArgSpec() == null && e.getValue() != null && !e.getValue().startsWith("-")
        && !failed.getSubcommands().isEmpty()
        && !failed.getSubcommands().containsKey(e.getValue());
  }

  /** Prints the version from the jar. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"trainguard " + Version.get()};
    }
  }
}
