package io.trainguard.spark;

import io.trainguard.jobs.format.ParquetValues;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/** Leaf values of a Spark row as text for detection, and protected text back in the leaf's type. */
final class SparkValues {

  private SparkValues() {}

  /** Whether values of {@code type} are scanned for spans whatever the column plans say. */
  static boolean isText(DataType type) {
    return type instanceof StringType || type instanceof BinaryType;
  }

  /** Whether {@code type} is a leaf with a text form that a column plan may rewrite. */
  static boolean hasText(DataType type) {
    return isText(type) || type instanceof ByteType || type instanceof ShortType
        || type instanceof IntegerType || type instanceof LongType || type instanceof FloatType
        || type instanceof DoubleType || type instanceof DecimalType || type instanceof DateType
        || type instanceof TimestampType || type instanceof TimestampNTZType
        || type instanceof BooleanType;
  }

  /**
   * The text form of a non-null leaf value that is not bytes (dates ISO-8601, timestamps as UTC
   * instants), as Parquet's typed values read.
   */
  static String text(Object value) {
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    } else if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    } else if (value instanceof Timestamp t) {
      return t.toInstant().toString();
    }
    return value.toString();
  }

  /**
   * {@code text} as a value of {@code type} in the external class of {@code original}, as
   * {@link ParquetValues} writes it; null when it does not fit (not a number, out of range, more
   * digits than the decimal holds).
   */
  static Object parse(String text, DataType type, Object original) {
    try {
      if (type instanceof StringType) {
        return text;
      } else if (type instanceof BinaryType) {
        return ParquetValues.bytes(text);
      } else if (type instanceof ByteType) {
        return Byte.parseByte(text);
      } else if (type instanceof ShortType) {
        return Short.parseShort(text);
      } else if (type instanceof IntegerType) {
        return Integer.parseInt(text);
      } else if (type instanceof LongType) {
        return Long.parseLong(text);
      } else if (type instanceof FloatType) {
        return Float.parseFloat(text);
      } else if (type instanceof DoubleType) {
        return Double.parseDouble(text);
      } else if (type instanceof DecimalType d) {
        BigDecimal value = new BigDecimal(text).setScale(d.scale(), java.math.RoundingMode.UNNECESSARY);
        return value.precision() <= d.precision() ? value : null;
      } else if (type instanceof DateType) {
        LocalDate date = ParquetValues.date(text);
        return original instanceof java.sql.Date ? java.sql.Date.valueOf(date) : date;
      } else if (type instanceof TimestampType) {
        Instant instant = ParquetValues.instant(text);
        return original instanceof Timestamp ? Timestamp.from(instant) : instant;
      } else if (type instanceof TimestampNTZType) {
        return LocalDateTime.ofInstant(ParquetValues.instant(text), ZoneOffset.UTC);
      } else if (type instanceof BooleanType) {
        return switch (text) {
          case "true" -> Boolean.TRUE;
          case "false" -> Boolean.FALSE;
          default -> null;
        };
      }
    } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
      return null;
    }
    return null;
  }
}
