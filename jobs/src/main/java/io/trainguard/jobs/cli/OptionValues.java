package io.trainguard.jobs.cli;

import io.trainguard.classifiers.RecognizerPack;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.parquet.ParquetEncryption;
import io.trainguard.jobs.protect.BadRecordLimit;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters that check an option's value against the values it allows, so that a bad
 * value is a usage error (exit 1) of one line naming the option and what it allows.
 */
final class OptionValues {

  private OptionValues() {}

  /** {@code --threshold}: a score from 0 to 1. */
  static final class Score implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      try {
        double score = Double.parseDouble(value.strip());
        if (score >= 0 && score <= 1) {
          return score;
        }
      } catch (NumberFormatException e) {
        // reported below, with the allowed range
      }
      throw invalid(value, "0 to 1");
    }
  }

  /** {@code scan --sample}: a share of the files, more than 0 and up to 1. */
  static final class Fraction implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      try {
        double share = Double.parseDouble(value.strip());
        if (share > 0 && share <= 1) {
          return share;
        }
      } catch (NumberFormatException e) {
        // reported below, with the allowed range
      }
      throw invalid(value, "more than 0, up to 1");
    }
  }

  /** {@code --ner}: on or off, in any case. */
  static final class NerMode implements ITypeConverter<NerOption.Mode> {
    @Override
    public NerOption.Mode convert(String value) {
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "on" -> NerOption.Mode.on;
        case "off" -> NerOption.Mode.off;
        default -> throw invalid(value, "on, off");
      };
    }
  }

  /** {@code --file-mode}: an octal file mode the owner reads and writes, without execute bits. */
  static final class Mode implements ITypeConverter<io.trainguard.jobs.output.FileMode> {
    @Override
    public io.trainguard.jobs.output.FileMode convert(String value) {
      try {
        return io.trainguard.jobs.output.FileMode.parse(value);
      } catch (IllegalArgumentException e) {
        throw invalid(value, e.getMessage());
      }
    }
  }

  /** A whole number from {@code min} to {@code max}. */
  abstract static class LongIn implements ITypeConverter<Long> {
    private final long min;
    private final long max;

    LongIn(long min, long max) {
      this.min = min;
      this.max = max;
    }

    @Override
    public Long convert(String value) {
      try {
        long n = Long.parseLong(value.strip());
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below, with the allowed range
      }
      throw invalid(value, min + " to " + max);
    }
  }

  /** {@code --max-document-mb}: a size in MB that fits a byte count. */
  static final class DocumentMegabytes extends LongIn {
    DocumentMegabytes() {
      super(1, Long.MAX_VALUE >> 20);
    }
  }

  /** {@code --split-size}: a positive byte count, with an optional k, m, g or t (powers of 1024). */
  static final class Size implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        long bytes = org.apache.hadoop.util.StringUtils.TraditionalBinaryPrefix
            .string2long(value.strip());
        if (bytes > 0) {
          return bytes;
        }
      } catch (IllegalArgumentException e) {
        // reported below, with what is allowed
      }
      throw invalid(value, "a positive size in bytes, e.g. 134217728 or 128m");
    }
  }

  /** {@code --max-document-chars}. */
  static final class DocumentChars extends LongIn {
    DocumentChars() {
      super(1, Long.MAX_VALUE);
    }
  }

  /** {@code --document-timeout}: seconds, up to a day. */
  static final class DocumentTimeout extends LongIn {
    DocumentTimeout() {
      super(1, 86_400);
    }
  }

  /** {@code --max-embedding-depth}: levels, 0 for no embedded documents. */
  static final class EmbeddingDepth extends LongIn {
    EmbeddingDepth() {
      super(0, 64);
    }
  }

  /** {@code demo --rows}. */
  static final class DemoRows extends LongIn {
    DemoRows() {
      super(1, 10_000_000);
    }
  }

  /** {@code --format}. */
  static final class FormatId implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.parse(value.strip());
      } catch (IllegalArgumentException e) {
        throw invalid(value, ids(Format.values(), Format::id));
      }
    }
  }

  /** {@code --max-bad-records}. */
  static final class BadRecords implements ITypeConverter<BadRecordLimit> {
    @Override
    public BadRecordLimit convert(String value) {
      try {
        return BadRecordLimit.parse(value.strip());
      } catch (IllegalArgumentException e) {
        throw invalid(value, "a count N or a share P% of the records, e.g. 10 or 0.5%");
      }
    }
  }

  /** {@code --parquet-encryption}. */
  static final class ParquetMode implements ITypeConverter<ParquetEncryption.Mode> {
    @Override
    public ParquetEncryption.Mode convert(String value) {
      try {
        return ParquetEncryption.Mode.parse(value.strip());
      } catch (IllegalArgumentException e) {
        throw invalid(value, ids(ParquetEncryption.Mode.values(), ParquetEncryption.Mode::id));
      }
    }
  }

  /** {@code --pack-mode}. */
  static final class PackMode implements ITypeConverter<RecognizerPack.Mode> {
    @Override
    public RecognizerPack.Mode convert(String value) {
      try {
        return RecognizerPack.Mode.parse(value.strip());
      } catch (IllegalArgumentException e) {
        throw invalid(value, ids(RecognizerPack.Mode.values(), RecognizerPack.Mode::id));
      }
    }
  }

  private static <T> String ids(T[] values, Function<T, String> id) {
    return Arrays.stream(values).map(id).collect(Collectors.joining(", "));
  }

  /** picocli prefixes the message with the option's name. */
  private static TypeConversionException invalid(String value, String allowed) {
    String shown = value.length() > 40 || value.codePoints().anyMatch(Character::isISOControl)
        ? "this value" : "'" + value + "'";
    return new TypeConversionException(shown + " (allowed: " + allowed + ")");
  }
}
