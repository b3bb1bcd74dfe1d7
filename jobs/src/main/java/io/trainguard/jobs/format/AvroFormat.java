package io.trainguard.jobs.format;

import java.util.List;

/** Avro container files ({@link AvroCodec}): one stream of blocks, header first, read whole. */
final class AvroFormat implements FormatCodec {

  @Override
  public String id() {
    return "avro";
  }

  @Override
  public List<String> extensions() {
    return List.of("avro");
  }

  @Override
  public String displayName() {
    return "Avro";
  }

  @Override
  public boolean nestedPaths() {
    return true;
  }

  @Override
  public Opening opening() {
    return Opening.STREAM;
  }

  @Override
  public RecordCodec codec(FileInput in) {
    return new AvroCodec(in.stream(), in.out().streams(), in.file(), in.stats(), in.names());
  }
}
