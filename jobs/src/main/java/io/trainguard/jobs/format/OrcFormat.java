package io.trainguard.jobs.format;

import java.util.List;

/** ORC ({@link OrcCodec}): a seekable file read footer first, by stripe, read whole. */
final class OrcFormat implements FormatCodec {

  @Override
  public String id() {
    return "orc";
  }

  @Override
  public List<String> extensions() {
    return List.of("orc");
  }

  @Override
  public boolean nestedPaths() {
    return true;
  }

  @Override
  public Opening opening() {
    return Opening.SEEKABLE;
  }

  @Override
  public RecordCodec codec(FileInput in) {
    return new OrcCodec(in.seekable().fs(), in.seekable().status().getPath(),
        in.seekable().conf(), in.out().streams(), in.file(), in.stats(), in.names());
  }
}
