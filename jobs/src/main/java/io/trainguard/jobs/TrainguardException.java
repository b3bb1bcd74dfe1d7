package io.trainguard.jobs;

/**
 * A failure with its exit code. Messages name files, rows, columns, recognizers and key ids,
 * never a value read from the data.
 */
public class TrainguardException extends RuntimeException {

  private final ExitCode exitCode;

  public TrainguardException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public TrainguardException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  /** Usage or configuration error (exit 1). */
  public static TrainguardException usage(String message) {
    return new TrainguardException(ExitCode.USAGE, message);
  }

  /** Bad input data (exit 2). */
  public static TrainguardException input(String message) {
    return new TrainguardException(ExitCode.INPUT, message);
  }

  /** An external service (storage, KMS, Macie) failed (exit 4). */
  public static TrainguardException service(String message, Throwable cause) {
    return new TrainguardException(ExitCode.SERVICE, message, cause);
  }
}
