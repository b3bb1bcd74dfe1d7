package io.trainguard.jobs.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A command stopped by a signal (Ctrl-C, SIGTERM): one line on stderr, then silence, so that
 * neither the failure Spark's own shutdown causes in the command nor the stack traces of
 * libraries shutting down reach stderr.
 */
final class Interruption {

  static final String MESSAGE = "trainguard: error: Interrupted; what the command was writing"
      + " is unfinished (a protect output has no _SUCCESS)";

  private static final AtomicBoolean HAPPENED = new AtomicBoolean();

  private Interruption() {}

  /** A shutdown hook that prints {@link #MESSAGE} to {@code err} and silences System.err. */
  static Thread hook(PrintStream err) {
    return new Thread(() -> {
      if (HAPPENED.compareAndSet(false, true)) {
        err.println(MESSAGE);
        err.flush();
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
      }
    }, "trainguard-interrupted");
  }

  /** Whether a signal stopped the command: its failure has been reported already. */
  static boolean happened() {
    return HAPPENED.get();
  }
}
