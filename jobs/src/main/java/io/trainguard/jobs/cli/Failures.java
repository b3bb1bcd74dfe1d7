package io.trainguard.jobs.cli;

import io.trainguard.classifiers.PackException;
import io.trainguard.encryption.KeyException;
import io.trainguard.encryption.KmsServiceException;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * Turns an exception into one line on stderr and an exit code. Only messages written by
 * trainguard (which never quote data) are printed; a foreign exception is shown by type and
 * origin, since its message could quote a value.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {

  private final BooleanSupplier verbose;

  /** {@code verbose}: whether to add one line per cause (type and origin). */
  Failures(BooleanSupplier verbose) {
    this.verbose = verbose;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cli,
      CommandLine.ParseResult parseResult) {
    Failure f = classify(e);
    if (Interruption.happened()) {
      return f.code().code(); // reported by the hook; this failure is only its consequence
    }
    cli.getErr().println("trainguard: error: " + f.message());
    if (verbose.getAsBoolean()) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        cli.getErr().println("trainguard: cause: " + t.getClass().getName() + origin(t));
      }
    }
    cli.getErr().flush();
    return f.code().code();
  }

  record Failure(ExitCode code, String message) {}

  static Failure classify(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TrainguardException te) {
        return new Failure(te.exitCode(), te.getMessage());
      }
      if (t instanceof KmsServiceException) {
        return new Failure(ExitCode.SERVICE, t.getMessage());
      }
      if (t instanceof KeyException || t instanceof PackException) {
        return new Failure(ExitCode.USAGE, t.getMessage());
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return new Failure(ExitCode.SERVICE, "I/O failed: " + t.getClass().getSimpleName()
            + origin(t));
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return new Failure(ExitCode.SERVICE, "unexpected " + root.getClass().getName() + origin(root)
        + " (please report this)");
  }

  private static String origin(Throwable t) {
    StackTraceElement[] trace = t.getStackTrace();
    return trace.length == 0 ? "" : " at " + trace[0].getClassName() + "." + trace[0].getMethodName();
  }
}
