package io.trainguard.jobs.macie;

import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;

/** Macie refused a call: the AWS identity lacks the named permission (exit 4). */
public final class MacieAccessDeniedException extends TrainguardException {

  private final String permission;

  MacieAccessDeniedException(String action, String permission, Throwable cause) {
    super(ExitCode.SERVICE, "Cannot " + action + ": access denied (the AWS identity needs "
        + permission + ")", cause);
    this.permission = permission;
  }

  /** The missing IAM permission, e.g. {@code macie2:ListFindings}. */
  public String permission() {
    return permission;
  }
}
