package io.trainguard.jobs.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * ASCII-delimited text split at its records as blocks ({@code .adb}), a format the tests add to
 * show that a codec splitting at blocks joins its own parts: every part a slice writes is a file
 * of the format, its header first, so {@link #joinBlocks} keeps the first part's header and
 * drops the others'. Records as {@link AsciiDelimitedCodec}'s; a slice is read into memory.
 */
public final class BlockedAsciiDelimitedCodec implements FormatCodec {

  @Override
  public String id() {
    return "adb";
  }

  @Override
  public List<String> extensions() {
    return List.of("adb");
  }

  @Override
  public Opening opening() {
    return Opening.SEEKABLE;
  }

  @Override
  public Splitting splitting() {
    return Splitting.BLOCKS;
  }

  @Override
  public RecordCodec codec(FileInput in) throws IOException {
    SeekableFile file = in.seekable();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (FSDataInputStream from = file.fs().open(file.status().getPath())) {
      if (!in.slice().split()) {
        from.transferTo(bytes);
      } else {
        bytes.write(nextRecord(from));
        from.seek(in.slice().start());
        bytes.write(from.readNBytes((int) in.slice().length()));
      }
    }
    return new AsciiDelimitedCodec.Records(new ByteArrayInputStream(bytes.toByteArray()),
        in.out().streams(), in.slice().recordsBefore());
  }

  /** A range of {@code splitBytes} owns the records that start in it, as line splits do. */
  @Override
  public List<LineSlice> blockSlices(SeekableFile file, long splitBytes) throws IOException {
    List<long[]> owned = new ArrayList<>(); // range, first byte, records before
    long length = file.status().getLen();
    try (FSDataInputStream in = file.fs().open(file.status().getPath())) {
      long start = nextRecord(in).length;
      long records = 0;
      for (int read = nextRecord(in).length; read > 0; read = nextRecord(in).length) {
        long range = start / splitBytes;
        if (owned.isEmpty() || owned.get(owned.size() - 1)[0] != range) {
          owned.add(new long[] {range, start, records});
        }
        start += read;
        records++;
      }
    }
    List<LineSlice> slices = new ArrayList<>();
    for (int i = 0; owned.size() > 1 && i < owned.size(); i++) {
      long end = i + 1 < owned.size() ? owned.get(i + 1)[1] : length;
      slices.add(new LineSlice(i, owned.size(), owned.get(i)[1], end, 0, owned.get(i)[2]));
    }
    return slices;
  }

  /** The first part whole, then each further part without its header. */
  @Override
  public void joinBlocks(List<Path> parts, OutputStream out, String name) throws IOException {
    for (int i = 0; i < parts.size(); i++) {
      try (InputStream part = Files.newInputStream(parts.get(i))) {
        if (i > 0) {
          nextRecord(part);
        }
        part.transferTo(out);
      }
    }
  }

  /** The bytes of the next record of {@code in}, its end byte included. */
  private static byte[] nextRecord(InputStream in) throws IOException {
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      record.write(c);
      if (c == AsciiDelimitedCodec.RECORD_END) {
        break;
      }
    }
    return record.toByteArray();
  }
}
