package io.trainguard.jobs.format;

import io.trainguard.jobs.format.RecordCodec.Kind;
import io.trainguard.jobs.format.RecordCodec.Typing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;

/**
 * Avro leaf values (a schema that is no record, array, map or union) as text, for column plans
 * and operators, and operator results back in the leaf's own type, as {@link ParquetValues} does
 * for Parquet: dates ISO, timestamps ISO instants (local timestamps without offset), decimals
 * plain. Logical types without a text form here (times, durations, a fixed UUID) are withheld.
 */
final class AvroValues {

  private static final Conversions.DecimalConversion DECIMAL = new Conversions.DecimalConversion();

  private AvroValues() {}

  /** How values of {@code leaf} are planned. */
  static Typing typing(Schema leaf) {
    return isText(leaf) ? Typing.TEXT : hasText(leaf) ? Typing.TYPED : Typing.NONE;
  }

  static Kind kind(Schema leaf) {
    return leaf.getType() == Schema.Type.NULL ? Kind.NULL : isText(leaf) ? Kind.TEXT : Kind.TYPED;
  }

  /** Strings, and bytes without a logical type (read as {@link ParquetValues#bytesText}). */
  private static boolean isText(Schema leaf) {
    return switch (leaf.getType()) {
      case STRING -> true;
      case BYTES, FIXED -> leaf.getLogicalType() == null;
      default -> false;
    };
  }

  private static boolean hasText(Schema leaf) {
    LogicalType t = leaf.getLogicalType();
    return switch (leaf.getType()) {
      case ENUM, BOOLEAN, FLOAT, DOUBLE -> true;
      case INT -> t == null || t instanceof LogicalTypes.Date;
      case LONG -> t == null || timeUnit(t) != null;
      case BYTES, FIXED -> t instanceof LogicalTypes.Decimal;
      default -> false;
    };
  }

  /** {@code value} as text; null when it has none. */
  static String text(Schema leaf, Object value) {
    if (isText(leaf) && leaf.getType() != Schema.Type.STRING) {
      return ParquetValues.bytesText(bytes(value));
    }
    return value == null || !(isText(leaf) || hasText(leaf)) ? null : typedText(leaf, value);
  }

  /** {@code value} as planning samples it: bytes only when they are UTF-8. */
  static String sample(Schema leaf, Object value) {
    if (isText(leaf) && leaf.getType() != Schema.Type.STRING) {
      return ParquetValues.utf8(bytes(value));
    }
    return text(leaf, value);
  }

  private static String typedText(Schema leaf, Object value) {
    LogicalType t = leaf.getLogicalType();
    if (t instanceof LogicalTypes.Date) {
      return LocalDate.ofEpochDay((Integer) value).toString();
    }
    if (t instanceof LogicalTypes.Decimal) {
      return (value instanceof GenericFixed f ? DECIMAL.fromFixed(f, leaf, t)
          : DECIMAL.fromBytes(bytes(value), leaf, t)).toPlainString();
    }
    ChronoUnit unit = timeUnit(t);
    if (unit != null) {
      Instant instant = Instant.EPOCH.plus((Long) value, unit);
      return isLocal(t) ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString()
          : instant.toString();
    }
    return value.toString();
  }

  /**
   * {@code text} as a value of {@code leaf}; null when it cannot be represented there (not a
   * number, not an enum symbol, a fixed of another length, a decimal that would be rounded).
   */
  static Object value(Schema leaf, String text) {
    LogicalType t = leaf.getLogicalType();
    try {
      return switch (leaf.getType()) {
        case STRING -> text;
        case BYTES -> t == null ? ByteBuffer.wrap(ParquetValues.bytes(text))
            : t instanceof LogicalTypes.Decimal ? DECIMAL.toBytes(decimal(text, t), leaf, t)
            : null;
        case FIXED -> {
          if (t instanceof LogicalTypes.Decimal) {
            yield DECIMAL.toFixed(decimal(text, t), leaf, t);
          }
          byte[] bytes = ParquetValues.bytes(text);
          yield t == null && bytes.length == leaf.getFixedSize()
              ? new GenericData.Fixed(leaf, bytes) : null;
        }
        case ENUM -> leaf.hasEnumSymbol(text) ? new GenericData.EnumSymbol(leaf, text) : null;
        case BOOLEAN -> text.equals("true") || text.equals("false")
            ? Boolean.valueOf(text) : null;
        case FLOAT -> Float.valueOf(text);
        case DOUBLE -> Double.valueOf(text);
        case INT -> t == null ? Integer.valueOf(text)
            : t instanceof LogicalTypes.Date
                ? Integer.valueOf(Math.toIntExact(ParquetValues.date(text).toEpochDay())) : null;
        case LONG -> t == null ? Long.valueOf(text) : timeUnit(t) == null ? null
            : Long.valueOf(timeUnit(t).between(Instant.EPOCH, ParquetValues.instant(text)));
        default -> null;
      };
    } catch (NumberFormatException | DateTimeException | ArithmeticException
        | AvroRuntimeException e) {
      return null;
    }
  }

  /** An exact decimal of the type's scale (a result that needs rounding does not fit). */
  private static BigDecimal decimal(String text, LogicalType t) {
    return new BigDecimal(text).setScale(((LogicalTypes.Decimal) t).getScale(),
        RoundingMode.UNNECESSARY);
  }

  private static ByteBuffer bytes(Object value) {
    return value instanceof GenericFixed f ? ByteBuffer.wrap(f.bytes())
        : ((ByteBuffer) value).duplicate();
  }

  /** The unit of a timestamp type, or null for any other type. */
  private static ChronoUnit timeUnit(LogicalType t) {
    if (t instanceof LogicalTypes.TimestampMillis
        || t instanceof LogicalTypes.LocalTimestampMillis) {
      return ChronoUnit.MILLIS;
    }
    if (t instanceof LogicalTypes.TimestampMicros
        || t instanceof LogicalTypes.LocalTimestampMicros) {
      return ChronoUnit.MICROS;
    }
    return t instanceof LogicalTypes.TimestampNanos || t instanceof LogicalTypes.LocalTimestampNanos
        ? ChronoUnit.NANOS : null;
  }

  private static boolean isLocal(LogicalType t) {
    return t instanceof LogicalTypes.LocalTimestampMillis
        || t instanceof LogicalTypes.LocalTimestampMicros
        || t instanceof LogicalTypes.LocalTimestampNanos;
  }
}
