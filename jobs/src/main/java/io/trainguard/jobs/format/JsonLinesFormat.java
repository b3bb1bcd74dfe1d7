package io.trainguard.jobs.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * JSON Lines ({@link JsonLinesCodec}): lines, split at line starts unless a {@code .json} file
 * holds one JSON document.
 */
final class JsonLinesFormat implements FormatCodec {

  @Override
  public String id() {
    return "jsonl";
  }

  @Override
  public List<String> extensions() {
    return List.of("jsonl", "ndjson", "json");
  }

  @Override
  public boolean nestedPaths() {
    return true;
  }

  @Override
  public Opening opening() {
    return Opening.LINES;
  }

  @Override
  public Splitting splitting() {
    return Splitting.LINES;
  }

  @Override
  public RecordCodec codec(FileInput in) {
    return new JsonLinesCodec(in.lines(), in.out().text(), in.names(),
        JsonLinesCodec.mayHoldDocument(in.file()), in.slice());
  }

  @Override
  public LineRule lineRule(String file, boolean firstRange) {
    return new BlankRule(firstRange && JsonLinesCodec.mayHoldDocument(file));
  }

  /**
   * A line is a record unless blank. A line blank but for non-ASCII characters may be blank (not
   * told apart without decoding), and a {@code .json} file's first record may open a document:
   * either reads the file whole.
   */
  private static final class BlankRule implements LineRule {
    /** Bytes of a {@code .json} file's first record buffered to see whether it opens a document. */
    private static final int MAX_FIRST_RECORD_BYTES = 1 << 20;

    /** Whether the first record's text must be checked for an opened JSON document. */
    private final boolean checkDocument;
    private ByteArrayOutputStream firstRecord;
    private boolean documentChecked;
    private boolean asciiBlank;
    private boolean nonAscii;
    private boolean whole;

    BlankRule(boolean checkDocument) {
      this.checkDocument = checkDocument;
    }

    @Override
    public void startLine() {
      asciiBlank = true;
      nonAscii = false;
      if (checkDocument && !documentChecked) {
        firstRecord = new ByteArrayOutputStream();
      }
    }

    @Override
    public void feed(byte[] bytes, int from, int to) {
      for (int k = from; k < to && asciiBlank; k++) {
        int c = bytes[k] & 0xff;
        if (c >= 0x80) {
          nonAscii = true;
        } else if (!(c == ' ' || c >= 0x09 && c <= 0x0d || c >= 0x1c && c <= 0x1f)) {
          asciiBlank = false;
        }
      }
      if (firstRecord != null) {
        int room = MAX_FIRST_RECORD_BYTES - firstRecord.size();
        firstRecord.write(bytes, from, Math.min(room, to - from));
        whole |= to - from > room; // too long to tell: read the file as one
      }
    }

    @Override
    public boolean endLine(long lineStart, boolean empty) throws IOException {
      boolean blank = asciiBlank && !nonAscii;
      whole |= asciiBlank && nonAscii; // blank unless a character is not Unicode space
      if (!blank && firstRecord != null) {
        whole |= JsonLinesCodec.opensDocument(firstRecord.toString(StandardCharsets.UTF_8));
        documentChecked = true;
      }
      firstRecord = null;
      return !blank;
    }

    @Override
    public boolean whole() {
      return whole || checkDocument && !documentChecked;
    }
  }
}
