package io.trainguard.redaction;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * {@code fpe} and {@code fpe[luhn]}: NIST SP 800-38G FF1 format-preserving encryption (Bouncy
 * Castle, AES-256, radix 10) of the ASCII digits of a value, under the dataset's fpe key with the
 * entity name's UTF-8 as tweak, so the same digits encrypt differently as CREDIT_CARD and as
 * PHONE_NUMBER. Everything that is not a digit (spaces, dashes, brackets, {@code +}) stays in
 * place, so length and separators are kept: {@code 536-22-8049} becomes another
 * {@code ddd-dd-dddd}. With {@code luhn}, all digits but the last are encrypted and the last is
 * recomputed, so a Luhn-valid card stays Luhn-valid. A {@code PHONE_NUMBER} written with
 * {@code +} keeps its country calling code (libphonenumber's list), and under calling code 1
 * (NANP) its three-digit area code too when six digits remain, so {@code +1 (415) 555-2671} stays
 * a {@code +1 (415)} number; the kept digits join the tweak, so the same local number encrypts
 * differently under another country or area code.
 *
 * <p>FF1 needs a domain of at least 10^6 (SP 800-38G Rev. 1), that is {@value #MIN_DIGITS}
 * encrypted digits. A value with fewer (one more with {@code luhn}), a value that is not
 * Luhn-valid under {@code luhn}, or one holding non-ASCII digits is not encrypted but replaced by
 * {@code <ENTITY>}: never passed through, and never an output that decrypts wrongly.
 *
 * <p>FF1 is not authenticated: {@link #reverse} under another secret or entity returns other
 * digits, not an error. Use {@code tokenize} where tampering must be detected.
 */
public record Fpe(boolean luhn) implements Reversible {

  static final int MIN_DIGITS = 6;
  private static final String PHONE = "PHONE_NUMBER";
  private static final Set<Integer> CALLING_CODES =
      PhoneNumberUtil.getInstance().getSupportedCallingCodes();

  @Override
  public String name() {
    return "fpe";
  }

  @Override
  public String spec() {
    return luhn ? "fpe[luhn]" : "fpe";
  }

  @Override
  public String apply(String entity, String value, RecordContext record) {
    byte[] key = record.keys(name()).fpeKey();
    if (!encryptable(entity, value)) {
      return Replace.ENTITY_NAME.apply(entity, value, record);
    }
    return transform(true, entity, value, key);
  }

  @Override
  public String reverse(String entity, String output, OperatorKeys keys) {
    if (!encryptable(entity, output)) {
      throw new IllegalArgumentException("Cannot decrypt " + spec() + " value of entity " + entity
          + ": too few digits" + (luhn ? " or not Luhn-valid" : ""));
    }
    return transform(false, entity, output, keys.fpeKey());
  }

  private boolean encryptable(String entity, String value) {
    if (value.codePoints().anyMatch(cp -> Character.isDigit(cp) && !isAsciiDigit(cp))) {
      return false;
    }
    String digits = asciiDigits(value);
    return digits.length() - kept(entity, value, digits).length() >= MIN_DIGITS + (luhn ? 1 : 0)
        && (!luhn || luhnSum(value.toCharArray()) % 10 == 0);
  }

  /**
   * The leading digits left as they are: a phone number's country calling code after {@code +}
   * (calling codes are prefix-free: at most one of 1 to 3 digits is one) and, under NANP's 1, its
   * area code when {@value #MIN_DIGITS} digits remain to encrypt. Only kept digits decide it, so
   * it is the same on an output as on its input.
   */
  private static String kept(String entity, String value, String digits) {
    if (!PHONE.equals(entity) || !value.stripLeading().startsWith("+")) {
      return "";
    }
    for (int length = 1; length <= 3 && length <= digits.length(); length++) {
      int code = Integer.parseInt(digits.substring(0, length));
      if (CALLING_CODES.contains(code)) {
        boolean area = code == 1 && digits.length() - 4 >= MIN_DIGITS;
        return digits.substring(0, area ? 4 : length);
      }
    }
    return "";
  }

  String transform(boolean encrypt, String entity, String value, byte[] key) {
    char[] chars = value.toCharArray();
    String digits = asciiDigits(value);
    String kept = kept(entity, value, digits);
    int encrypted = digits.length() - kept.length() - (luhn ? 1 : 0);
    byte[] symbols = new byte[encrypted];
    for (int n = 0; n < encrypted; n++) {
      symbols[n] = (byte) (digits.charAt(kept.length() + n) - '0');
    }
    FPEFF1Engine ff1 = new FPEFF1Engine();
    ff1.init(encrypt, new FPEParameters(new KeyParameter(key), 10,
        (kept.isEmpty() ? entity : entity + ":" + kept).getBytes(StandardCharsets.UTF_8)));
    byte[] out = new byte[encrypted];
    ff1.processBlock(symbols, 0, encrypted, out, 0);
    int digit = 0;
    for (int i = 0; i < chars.length && digit < kept.length() + encrypted; i++) {
      if (isAsciiDigit(chars[i])) {
        if (digit >= kept.length()) {
          chars[i] = (char) ('0' + out[digit - kept.length()]);
        }
        digit++;
      }
    }
    if (luhn) {
      setLuhnCheckDigit(chars);
    }
    return new String(chars);
  }

  private static String asciiDigits(String value) {
    StringBuilder digits = new StringBuilder(value.length());
    value.chars().filter(Fpe::isAsciiDigit).forEach(c -> digits.append((char) c));
    return digits.toString();
  }

  private static boolean isAsciiDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** Luhn sum of the digits of {@code chars}, the last digit being the check digit. */
  private static int luhnSum(char[] chars) {
    int sum = 0;
    boolean doubled = false;
    for (int i = chars.length - 1; i >= 0; i--) {
      if (isAsciiDigit(chars[i])) {
        int d = chars[i] - '0';
        sum += doubled ? (d > 4 ? 2 * d - 9 : 2 * d) : d;
        doubled = !doubled;
      }
    }
    return sum;
  }

  private static void setLuhnCheckDigit(char[] chars) {
    int last = chars.length - 1;
    while (!isAsciiDigit(chars[last])) {
      last--;
    }
    chars[last] = '0';
    chars[last] = (char) ('0' + (10 - luhnSum(chars) % 10) % 10);
  }
}
