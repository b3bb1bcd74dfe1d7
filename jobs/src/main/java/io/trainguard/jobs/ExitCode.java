package io.trainguard.jobs;

/** The process exit codes of DESIGN.md; pipelines script against them. */
public enum ExitCode {
  OK(0),
  USAGE(1),
  INPUT(2),
  GATE_FAILED(3),
  SERVICE(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
