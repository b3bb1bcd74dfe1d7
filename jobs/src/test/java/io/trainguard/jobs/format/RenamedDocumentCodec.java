package io.trainguard.jobs.format;

import java.util.List;

/**
 * Documents under the id {@code page} and the extension {@code xht}: a format the tests add
 * whose files are opened as documents, as the built-in one's are, without being the built-in one.
 */
public final class RenamedDocumentCodec implements FormatCodec {

  private final FormatCodec document = new DocumentFormat();

  @Override
  public String id() {
    return "page";
  }

  @Override
  public List<String> extensions() {
    return List.of("xht");
  }

  @Override
  public Opening opening() {
    return document.opening();
  }

  @Override
  public boolean hasFields() {
    return document.hasFields();
  }
}
