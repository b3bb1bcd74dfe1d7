package io.trainguard.jobs.format;

import java.io.IOException;

/** A record cannot be parsed. The message locates it (row, line, column) without quoting it. */
public final class MalformedRecordException extends IOException {
  public MalformedRecordException(String message) {
    super(message);
  }
}
