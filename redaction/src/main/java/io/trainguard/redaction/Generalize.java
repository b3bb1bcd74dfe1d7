package io.trainguard.redaction;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code generalize[KIND]}: replaces a value by a coarser one of the same kind.
 *
 * <ul>
 *   <li>{@code zip}: a US ZIP ({@code 94103}, {@code 94103-1234}, {@code 941031234}) becomes its
 *       first three digits and {@code **}: {@code 941**}; the 17 three-digit areas HIPAA Safe
 *       Harbor counts as under 20,000 people become {@code 000**}.
 *   <li>{@code year}: a date (formats of {@code date_shift}) becomes its year, {@code 1985}.
 *   <li>{@code month}: a date becomes its ISO month, {@code 1985-03}. A timestamp becomes its
 *       date's year or month, time and zone included: {@code 1985-03-12T09:15:00Z} is
 *       {@code 1985-03}.
 *   <li>{@code ipv4}: an IPv4 address becomes its /24 network, {@code 10.1.2.0/24}.
 *   <li>{@code age}: a whole number of years from 0 to 150 becomes its five-year band,
 *       {@code 35-39}; 90 and above become {@code 90+}, as HIPAA Safe Harbor requires.
 * </ul>
 *
 * A value that is not of the kind becomes {@code <ENTITY>}.
 */
public record Generalize(Kind kind) implements Operator {

  /** What is generalized. */
  public enum Kind {
    ZIP, YEAR, MONTH, IPV4, AGE;

    public String spec() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Pattern ZIP = Pattern.compile("([0-9]{3})[0-9]{2}(?:-?[0-9]{4})?");
  private static final Pattern IPV4 =
      Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
  private static final Pattern AGE = Pattern.compile("[0-9]{1,3}");
  /** HHS de-identification guidance, Safe Harbor: ZIP3 areas under 20,000 people (2000 census). */
  private static final Set<String> SPARSE_ZIP3 = Set.of("036", "059", "063", "102", "203", "556",
      "692", "790", "821", "823", "830", "831", "878", "879", "884", "890", "893");

  public Generalize {
    Objects.requireNonNull(kind, "kind");
  }

  @Override
  public String name() {
    return "generalize";
  }

  @Override
  public String spec() {
    return name() + "[" + kind.spec() + "]";
  }

  @Override
  public String apply(String entity, String value, RecordContext record) {
    String general = switch (kind) {
      case ZIP -> zip(value);
      case YEAR, MONTH -> date(value);
      case IPV4 -> ipv4(value);
      case AGE -> age(value);
    };
    return general == null ? Replace.ENTITY_NAME.apply(entity, value, record) : general;
  }

  private static String zip(String value) {
    Matcher m = ZIP.matcher(value);
    if (!m.matches()) {
      return null;
    }
    return (SPARSE_ZIP3.contains(m.group(1)) ? "000" : m.group(1)) + "**";
  }

  private String date(String value) {
    Dates.Parsed parsed = Dates.parse(value);
    if (parsed == null) {
      return null;
    }
    String year = Integer.toString(parsed.date().getYear());
    int month = parsed.date().getMonthValue();
    return kind == Kind.YEAR ? year : year + (month < 10 ? "-0" : "-") + month;
  }

  private static String ipv4(String value) {
    Matcher m = IPV4.matcher(value);
    if (!m.matches()) {
      return null;
    }
    StringBuilder network = new StringBuilder();
    for (int i = 1; i <= 3; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        return null;
      }
      network.append(octet).append('.');
    }
    return Integer.parseInt(m.group(4)) > 255 ? null : network.append("0/24").toString();
  }

  private static String age(String value) {
    if (!AGE.matcher(value).matches() || Integer.parseInt(value) > 150) {
      return null;
    }
    int age = Integer.parseInt(value);
    return age >= 90 ? "90+" : (age / 5 * 5) + "-" + (age / 5 * 5 + 4);
  }
}
