package io.trainguard.jobs.format;

import java.io.OutputStream;
import java.io.Writer;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;

/**
 * Where one file's records go, in the form its codec writes them: text, byte streams or Parquet
 * writers. Each output opens when first asked for.
 */
public interface Sinks {

  RecordSinks text();

  StreamSinks streams();

  ParquetSinks parquet();

  /** Outputs that keep nothing: a file's head read again for its plans alone. */
  Sinks DISCARDED = new Sinks() {
    @Override
    public RecordSinks text() {
      return new RecordSinks() {
        @Override
        public Writer data() {
          return Writer.nullWriter();
        }

        @Override
        public Writer quarantine() {
          return Writer.nullWriter();
        }
      };
    }

    @Override
    public StreamSinks streams() {
      return new StreamSinks() {
        @Override
        public OutputStream data() {
          return OutputStream.nullOutputStream();
        }

        @Override
        public OutputStream quarantine() {
          return OutputStream.nullOutputStream();
        }
      };
    }

    @Override
    public ParquetSinks parquet() {
      return new ParquetSinks() {
        @Override
        public ParquetWriter<Group> data(MessageType schema, CompressionCodecName codec,
            Set<String> personalColumns) {
          throw new IllegalStateException("A file read for its plans writes nothing");
        }

        @Override
        public ParquetWriter<Group> quarantine(MessageType schema, CompressionCodecName codec) {
          throw new IllegalStateException("A file read for its plans writes nothing");
        }
      };
    }
  };

  /** {@code text} as the only form. */
  static Sinks text(RecordSinks text) {
    return new Sinks() {
      @Override
      public RecordSinks text() {
        return text;
      }

      @Override
      public StreamSinks streams() {
        throw new IllegalStateException("A line-based file is written as text");
      }

      @Override
      public ParquetSinks parquet() {
        throw new IllegalStateException("A line-based file is written as text");
      }
    };
  }
}
