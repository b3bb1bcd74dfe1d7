package io.trainguard.jobs.format;

import java.util.List;

/** Documents read with Apache Tika ({@link DocumentExtractor}): their text protected as text. */
final class DocumentFormat implements FormatCodec {

  @Override
  public String id() {
    return "document";
  }

  @Override
  public List<String> extensions() {
    return List.of("pdf", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "odt", "rtf", "html", "htm",
        "eml");
  }

  @Override
  public Opening opening() {
    return Opening.DOCUMENT;
  }

  @Override
  public boolean hasFields() {
    return false;
  }
}
