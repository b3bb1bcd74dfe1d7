package io.trainguard.jobs.format;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Parquet leaf values as text, for column plans and operators, and operator results back in the
 * leaf's own type. Dates are ISO ({@code 1985-03-12}); a result of {@code generalize[year]} or
 * {@code [month]} ({@code 1985}, {@code 1985-03}) becomes the first day of that year or month.
 * A data frame's leaves, named as for Parquet, are read and written back by the same rules.
 */
public final class ParquetValues {

  /** The first of the private-use characters that stand for bytes that are not UTF-8. */
  private static final char RAW_BYTE = '\uE000';

  private ParquetValues() {}

  /** Whether a leaf holds text: BINARY annotated as a string, an enum or JSON. */
  static boolean isString(PrimitiveType type) {
    LogicalTypeAnnotation a = type.getLogicalTypeAnnotation();
    return type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
        && (a == LogicalTypeAnnotation.stringType() || a == LogicalTypeAnnotation.enumType()
            || a == LogicalTypeAnnotation.jsonType());
  }

  /**
   * Whether a leaf is bytes without annotation ({@code BINARY} or {@code FIXED_LEN_BYTE_ARRAY}):
   * text when they are valid UTF-8, and scanned as {@link #bytesText} when they are not.
   */
  static boolean isBytes(PrimitiveType type) {
    PrimitiveType.PrimitiveTypeName name = type.getPrimitiveTypeName();
    return (name == PrimitiveType.PrimitiveTypeName.BINARY
        || name == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY)
        && type.getLogicalTypeAnnotation() == null;
  }

  /**
   * Bytes as text that keeps every byte: UTF-8 where they are valid, each other byte {@code b}
   * as the private-use character {@code U+E000 + b}, which no recognizer reads as part of a
   * value and {@link #bytes} turns back into {@code b}. Null when valid UTF-8 there already
   * holds such a character (the text would not map back).
   */
  public static String bytesText(ByteBuffer bytes) {
    ByteBuffer in = bytes.duplicate();
    for (int i = in.position(); i + 2 < in.limit(); i++) {
      if (in.get(i) == (byte) 0xee && (in.get(i + 1) & 0xfc) == 0x80
          && (in.get(i + 2) & 0xc0) == 0x80) {
        return null; // U+E000..U+E0FF as valid UTF-8
      }
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer out = CharBuffer.allocate(in.remaining());
    CoderResult result;
    while ((result = decoder.decode(in, out, true)).isError()) {
      for (int i = 0; i < result.length(); i++) { // never an overflow: no more chars than bytes
        out.put((char) (RAW_BYTE + (in.get() & 0xff)));
      }
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /** The bytes of text from {@link #bytesText}. */
  public static byte[] bytes(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= RAW_BYTE && c <= RAW_BYTE + 0xff) {
        out.writeBytes(text.substring(run, i).getBytes(StandardCharsets.UTF_8));
        out.write(c - RAW_BYTE);
        run = i + 1;
      }
    }
    out.writeBytes(text.substring(run).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** The bytes as text, or null when they are not valid UTF-8. */
  public static String utf8(ByteBuffer bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Whether {@link #text} renders values of this non-string leaf type. */
  static boolean hasText(PrimitiveType type) {
    LogicalTypeAnnotation a = type.getLogicalTypeAnnotation();
    return switch (type.getPrimitiveTypeName()) {
      case BOOLEAN, FLOAT, DOUBLE -> a == null;
      case INT32, INT64 -> a == null || a instanceof IntLogicalTypeAnnotation
          || a instanceof DateLogicalTypeAnnotation || a instanceof DecimalLogicalTypeAnnotation
          || (a instanceof TimestampLogicalTypeAnnotation && type.getPrimitiveTypeName()
              == PrimitiveType.PrimitiveTypeName.INT64);
      default -> false;
    };
  }

  /** Value {@code index} of field {@code field} as text; only for types {@link #hasText}. */
  static String text(Group group, int field, int index, PrimitiveType type) {
    LogicalTypeAnnotation a = type.getLogicalTypeAnnotation();
    return switch (type.getPrimitiveTypeName()) {
      case BOOLEAN -> Boolean.toString(group.getBoolean(field, index));
      case FLOAT -> Float.toString(group.getFloat(field, index));
      case DOUBLE -> Double.toString(group.getDouble(field, index));
      case INT32 -> {
        int v = group.getInteger(field, index);
        if (a instanceof DateLogicalTypeAnnotation) {
          yield LocalDate.ofEpochDay(v).toString();
        }
        if (a instanceof DecimalLogicalTypeAnnotation d) {
          yield BigDecimal.valueOf(v, d.getScale()).toPlainString();
        }
        yield unsigned(a) ? Integer.toUnsignedString(v) : Integer.toString(v);
      }
      case INT64 -> {
        long v = group.getLong(field, index);
        if (a instanceof TimestampLogicalTypeAnnotation t) {
          Instant instant = Instant.EPOCH.plus(v, chronoUnit(t.getUnit()));
          yield t.isAdjustedToUTC() ? instant.toString()
              : LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
        }
        if (a instanceof DecimalLogicalTypeAnnotation d) {
          yield BigDecimal.valueOf(v, d.getScale()).toPlainString();
        }
        yield unsigned(a) ? Long.toUnsignedString(v) : Long.toString(v);
      }
      default -> throw new IllegalArgumentException("No text form for " + type);
    };
  }

  /**
   * {@code text} as a value of the leaf's type, as {@link #add} takes it (a {@link Binary},
   * {@link Boolean}, {@link Integer}, {@link Long}, {@link Float} or {@link Double}); null when it
   * cannot be represented there.
   */
  static Object value(PrimitiveType type, String text) {
    if (isString(type)) {
      return Binary.fromString(text);
    }
    if (isBytes(type)) {
      byte[] bytes = bytes(text);
      return type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
          || bytes.length == type.getTypeLength() ? Binary.fromConstantByteArray(bytes) : null;
    }
    LogicalTypeAnnotation a = type.getLogicalTypeAnnotation();
    try {
      return switch (type.getPrimitiveTypeName()) {
        case BOOLEAN -> text.equals("true") || text.equals("false")
            ? Boolean.valueOf(text) : null;
        case FLOAT -> Float.parseFloat(text);
        case DOUBLE -> Double.parseDouble(text);
        case INT32 -> {
          if (a instanceof DateLogicalTypeAnnotation) {
            yield Math.toIntExact(date(text).toEpochDay());
          } else if (a instanceof DecimalLogicalTypeAnnotation d) {
            yield unscaled(text, d).intValueExact();
          } else if (a instanceof IntLogicalTypeAnnotation i && i.getBitWidth() < 32) {
            long v = Long.parseLong(text);
            long min = i.isSigned() ? -(1L << (i.getBitWidth() - 1)) : 0;
            long max = i.isSigned() ? (1L << (i.getBitWidth() - 1)) - 1
                : (1L << i.getBitWidth()) - 1;
            yield v < min || v > max ? null : (int) v;
          }
          yield unsigned(a) ? Integer.parseUnsignedInt(text) : Integer.parseInt(text);
        }
        case INT64 -> {
          if (a instanceof TimestampLogicalTypeAnnotation t) {
            yield chronoUnit(t.getUnit()).between(Instant.EPOCH, instant(text));
          } else if (a instanceof DecimalLogicalTypeAnnotation d) {
            yield unscaled(text, d).longValueExact();
          }
          yield unsigned(a) ? Long.parseUnsignedLong(text) : Long.parseLong(text);
        }
        default -> null;
      };
    } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  /** Adds {@code value}, as {@link #value} gives it, to {@code field} of {@code out}. */
  static void add(Group out, int field, Object value) {
    if (value instanceof Binary b) {
      out.add(field, b);
    } else if (value instanceof Boolean b) {
      out.add(field, b);
    } else if (value instanceof Integer i) {
      out.add(field, i);
    } else if (value instanceof Long l) {
      out.add(field, l);
    } else if (value instanceof Float f) {
      out.add(field, f);
    } else {
      out.add(field, (Double) value);
    }
  }

  private static boolean unsigned(LogicalTypeAnnotation a) {
    return a instanceof IntLogicalTypeAnnotation i && !i.isSigned();
  }

  private static BigInteger unscaled(String text, DecimalLogicalTypeAnnotation d) {
    return new BigDecimal(text).setScale(d.getScale()).unscaledValue();
  }

  /** An ISO date, or a year-month or year (their first day). */
  public static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException notADate) {
      if (text.matches("[0-9]{4}-[0-9]{2}")) {
        return YearMonth.parse(text).atDay(1);
      }
      if (text.matches("[0-9]{4}")) {
        return LocalDate.of(Integer.parseInt(text), 1, 1);
      }
      throw notADate;
    }
  }

  /** An ISO instant or local date-time (read as UTC), or a date as {@link #date} (midnight). */
  public static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notADateTime) {
        return date(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
    }
  }

  private static ChronoUnit chronoUnit(TimeUnit unit) {
    return switch (unit) {
      case MILLIS -> ChronoUnit.MILLIS;
      case MICROS -> ChronoUnit.MICROS;
      case NANOS -> ChronoUnit.NANOS;
    };
  }
}
