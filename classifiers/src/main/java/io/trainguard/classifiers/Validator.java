package io.trainguard.classifiers;

/**
 * Checksum and structure checks a pack attaches to a recognizer ({@code validator: luhn},
 * {@code invalidator: us_ssn}); see {@link PatternRecognizer} for how each is applied.
 */
public enum Validator {
  /** Luhn mod-10 over the digits (payment cards). */
  LUHN {
    @Override
    public boolean isValid(String match) {
      String digits = digitsOf(match);
      if (digits.length() < 12) {
        return false;
      }
      int sum = 0;
      boolean doubleIt = false;
      for (int i = digits.length() - 1; i >= 0; i--) {
        int d = digits.charAt(i) - '0';
        if (doubleIt) {
          d *= 2;
          if (d > 9) {
            d -= 9;
          }
        }
        sum += d;
        doubleIt = !doubleIt;
      }
      return sum % 10 == 0;
    }
  },
  /** US Social Security number: no 000/666/9xx area, 00 group, 0000 serial, or known samples. */
  US_SSN {
    @Override
    public boolean isValid(String match) {
      String digits = digitsOf(match);
      if (digits.length() != 9 || !consistentSeparators(match)) {
        return false;
      }
      String area = digits.substring(0, 3);
      String group = digits.substring(3, 5);
      String serial = digits.substring(5);
      if (area.equals("000") || area.equals("666") || area.charAt(0) == '9') {
        return false;
      }
      if (group.equals("00") || serial.equals("0000")) {
        return false;
      }
      if (digits.chars().distinct().count() == 1) {
        return false;
      }
      // Numbers published in advertising and documentation, never issued to a person.
      return !digits.equals("078051120") && !digits.equals("219099999")
          && !digits.equals("123456789");
    }
  },
  /** IPv4 dotted quad: four octets 0-255 without leading zeros. */
  IPV4 {
    @Override
    public boolean isValid(String match) {
      String[] parts = match.split("\\.", -1);
      if (parts.length != 4) {
        return false;
      }
      for (String part : parts) {
        if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
            || (part.length() > 1 && part.charAt(0) == '0') || Integer.parseInt(part) > 255) {
          return false;
        }
      }
      return true;
    }
  };

  /** Whether {@code match}, the matched text, passes this check. */
  public abstract boolean isValid(String match);

  /** Parses a pack's validator name ({@code luhn}, {@code us_ssn}, ...). */
  public static Validator parse(String name) {
    for (Validator v : values()) {
      if (v.name().equalsIgnoreCase(name.trim())) {
        return v;
      }
    }
    throw new IllegalArgumentException("Invalid validator: " + name);
  }

  /** The names a pack may use, for error messages. */
  public static String allowedNames() {
    return java.util.Arrays.stream(values()).map(v -> v.name().toLowerCase(java.util.Locale.ROOT))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  static String digitsOf(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** A separated number uses one separator throughout (123-45-6789, not 123-45 6789). */
  private static boolean consistentSeparators(String s) {
    return s.chars().filter(c -> c < '0' || c > '9').distinct().count() <= 1;
  }
}
