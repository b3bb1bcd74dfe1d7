package io.trainguard.classifiers;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Phone numbers found and checked by Google's libphonenumber, as Presidio's PhoneRecognizer does.
 * A number written like a phone number (separators, parentheses or +) scores 0.6 when valid for
 * its region and 0.5 when it is a 10-digit NANP number that is only possible (e.g. an unassigned
 * area code); a bare digit run, or three-three-four digits between spaces (an NHS number's
 * print), scores 0.4 or 0.3, which context words can lift over the threshold: those are more
 * often ids than phone numbers. So does a number whose digit groups are not a phone print (a
 * NANP number not grouped 3-3-4, a GB number without its 0 or +44). Dotted quads (IP addresses,
 * versions), numbers glued to a word or inside a longer digit sequence, and numbers that an id's
 * word (NHS, ABN, IBAN, ...) introduces without a phone word are never phone numbers.
 */
public final class PhoneRecognizer implements Recognizer {

  public static final String NAME = "PhoneRecognizer";
  /**
   * Regions whose national formats are recognised; international (+CC) numbers are found under
   * any region. Each extra region also turns more digit groups into "valid" numbers (German
   * national numbers accept almost any grouping), so the list stays short.
   */
  static final List<String> REGIONS = List.of("US", "GB");
  static final double FORMATTED_VALID_SCORE = 0.6;
  static final double FORMATTED_POSSIBLE_SCORE = 0.5;
  static final double BARE_VALID_SCORE = 0.4;
  static final double BARE_POSSIBLE_SCORE = 0.3;
  /** Not "number": "NHS number", "account number" would lift other ids over real matches. */
  private static final List<String> CONTEXT = List.of("phone", "telephone", "tel", "cell",
      "cellphone", "mobile", "call", "fax", "contact", "whatsapp");
  /**
   * Three, three and four digits between spaces is how NHS numbers are printed, and rarely how
   * phone numbers are: scored like a bare digit run, so it takes a context word.
   */
  private static final Pattern SPACED_3_3_4 = Pattern.compile("[0-9]{3} [0-9]{3} [0-9]{4}");
  /** Words that introduce another identifier: a number after one is not a phone number. */
  private static final List<String> OTHER_IDS = List.of("nhs", "ssn", "sin", "tfn", "abn",
      "npi", "iban", "routing", "aba", "passport", "pesel", "steuer", "idnr", "aadhaar", "nif",
      "dni", "nric", "itin", "medicare", "mbi", "acct");
  private static final Pattern DOTTED_QUAD = Pattern.compile("[0-9]{1,3}(?:\\.[0-9]{1,3}){3}");
  private static final int MIN_DIGITS = 7;
  private static final int NANP_DIGITS = 10;
  /** Longer digit runs (a phone number beside another number) are still scanned, in bulk. */
  private static final int MAX_DIGITS = 40;
  /** libphonenumber's longest digit block in a candidate: 17 national and 3 country digits. */
  private static final int MAX_RUN = 20;
  /** National number lengths the US pass keeps: those valid in a NANP region, and ten. */
  private static final int[] NANP_LENGTHS = IntStream.concat(
      IntStream.of(PhoneRegionFilter.validLengths("US")), IntStream.of(NANP_DIGITS))
      .distinct().sorted().toArray();
  /** Regions whose pass keeps valid numbers only: all but the US (it keeps possible ones too). */
  private static final Map<String, PhoneRegionFilter> VALID_ONLY = REGIONS.stream()
      .filter(r -> !r.equals("US"))
      .collect(Collectors.toMap(r -> r, PhoneRegionFilter::new));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String entity() {
    return "PHONE_NUMBER";
  }

  @Override
  public List<String> context() {
    return CONTEXT;
  }

  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.digits() >= MIN_DIGITS;
  }

  @Override
  public List<Finding> recognize(String text, CodePoints codePoints) {
    return recognize(text, codePoints, 0.0);
  }

  /**
   * Skips runs of bare digits (a digit, then digits only, then at most spaces) when a bare
   * number's best score is under {@code threshold} and no context word precedes the run: every
   * match libphonenumber finds there is bare (its raw string is part of the run and ends in a
   * digit; the extension syntaxes need letters, '#', ';' or '~'), and the context words before
   * any such match are those before the run.
   */
  @Override
  public List<Finding> recognize(String text, CodePoints codePoints, double threshold) {
    return recognize(text, codePoints, threshold, null);
  }

  /** Tells whether the findings of one run of phone characters are certain to be outranked. */
  interface Outranked {
    /**
     * Whether a finding covering code points {@code [start, end)} with a score above
     * {@code best} will be kept.
     */
    boolean covers(int start, int end, double best);
  }

  /**
   * As {@link #recognize(String, CodePoints, double)}, also skipping runs whose every match
   * {@code outranked} (when not null) says would lose overlap resolution.
   */
  List<Finding> recognize(String text, CodePoints codePoints, double threshold,
      Outranked outranked) {
    boolean bareCannotPass = BARE_VALID_SCORE < threshold;
    Map<Long, Finding> bySpan = new LinkedHashMap<>();
    // libphonenumber's matcher costs far more per character than a scan: hand it only the
    // runs of phone characters that hold enough digits.
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (!(isDigit(c) || c == '+' || c == '(')) {
        i++;
        continue;
      }
      int start = i;
      int digits = 0;
      boolean bare = isDigit(c);
      int lastDigit = i;
      boolean international = false;
      int lastThree = 0;
      while (i < n && isPhoneChar(text.charAt(i))) {
        char d = text.charAt(i);
        if (isDigit(d)) {
          digits++;
          bare &= lastDigit == i - 1 || i == start;
          lastDigit = i;
          lastThree = (lastThree * 10 + d - '0') % 1000;
          international |= digits >= 3 && lastThree == 11; // "011", the NANP's dialling prefix
        } else if (d != ' ') {
          bare = false;
          international |= d == '+';
        }
        i++;
      }
      if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
        continue;
      }
      boolean context = Analyzer.contextBefore(text, start, CONTEXT) != null;
      if (!context && (bare && bareCannotPass
          || Analyzer.contextBefore(text, start, OTHER_IDS) != null)) {
        continue;
      }
      // A match ends with a digit: its score is at most this, and it lies in [start, lastDigit].
      double best = bare ? BARE_VALID_SCORE : FORMATTED_VALID_SCORE;
      if (outranked != null && outranked.covers(codePoints.offset(start),
          codePoints.offset(lastDigit + 1), context ? Analyzer.boosted(best) : best)) {
        continue;
      }
      recognizeWindow(text, start, i, codePoints, bySpan,
          international || (digits >= NANP_DIGITS && mayHoldNanp(text, start, i)));
    }
    return new ArrayList<>(bySpan.values());
  }

  /**
   * Whether libphonenumber's US pass can find a number it keeps (a national number of one of
   * {@link #NANP_LENGTHS}) in {@code text[from, to)} written without '+' or 011. Its candidates
   * (and their inner matches) start and end at the ends of digit runs of at most
   * {@link #MAX_RUN} digits, and the national number is what remains of one after its country
   * code and national prefix, both "1", are stripped: so some consecutive runs must hold such a
   * number after nothing but ones.
   */
  private static boolean mayHoldNanp(String text, int from, int to) {
    StringBuilder digits = new StringBuilder(to - from);
    List<Integer> bounds = new ArrayList<>(); // where each run starts, then where the last ends
    int run = 0;
    for (int i = from; i < to; i++) {
      if (isDigit(text.charAt(i))) {
        if (run++ == 0) {
          bounds.add(digits.length());
        }
        if (run > MAX_RUN) {
          return true; // a candidate may start inside this run
        }
        digits.append(text.charAt(i));
      } else {
        run = 0;
      }
    }
    bounds.add(digits.length());
    for (int a = 0; a < bounds.size() - 1; a++) {
      int start = bounds.get(a);
      int ones = start;
      while (ones < digits.length() && digits.charAt(ones) == '1') {
        ones++;
      }
      for (int b = a + 1; b < bounds.size(); b++) {
        int end = bounds.get(b);
        for (int length : NANP_LENGTHS) {
          if (end - start >= length && end - length <= ones) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Whether text[start, end) continues a word or a longer number: an ASCII letter or digit next
   * to it, one behind a '-', '.' or '/' next to it, or a digit behind a space. (Scripts written
   * without spaces, such as Chinese, may put a number right after a word.)
   */
  static boolean glued(String text, int start, int end) {
    if (start > 0) {
      char p = text.charAt(start - 1);
      char q = start > 1 ? text.charAt(start - 2) : ' ';
      if (isAsciiAlnum(p) || (p == ' ' ? isDigit(q)
          : (p == '-' || p == '.' || p == '/') && isAsciiAlnum(q))) {
        return true;
      }
    }
    if (end < text.length()) {
      char n = text.charAt(end);
      char m = end + 1 < text.length() ? text.charAt(end + 1) : ' ';
      return isAsciiAlnum(n) || (n == ' ' || n == '-' || n == '.' || n == '/') && isDigit(m);
    }
    return false;
  }

  private static boolean isAsciiAlnum(char c) {
    return isDigit(c) || (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  }

  /**
   * Whether {@code raw}'s digit groups are how a number of {@code countryCode} is printed: NANP
   * numbers 3-3-4, 3-7 or ten digits after an optional 1; GB numbers from their trunk 0, '+' or
   * '('. Other countries' groupings vary too much to check.
   */
  static boolean printedAsPhone(String raw, int countryCode) {
    if (countryCode == 44) {
      char c = raw.charAt(0);
      return c == '0' || c == '+' || c == '(';
    }
    if (countryCode != 1) {
      return true;
    }
    List<Integer> groups = new ArrayList<>();
    int length = 0;
    for (int i = 0; i <= raw.length(); i++) {
      if (i < raw.length() && isDigit(raw.charAt(i))) {
        length++;
      } else if (length > 0) {
        groups.add(length);
        length = 0;
      }
    }
    if (groups.size() > 1 && groups.get(0) == 1) {
      groups.remove(0); // the country code, "1" or "+1"
    }
    return groups.equals(List.of(3, 3, 4)) || groups.equals(List.of(3, 7))
        || groups.equals(List.of(10));
  }

  private static boolean isPhoneChar(char c) {
    return isDigit(c) || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+'
        || c == '/';
  }

  /**
   * {@code nanpPossible}: false when the window cannot hold a number the US pass would keep (a
   * NANP number has ten digits, and a foreign one needs '+' or 011), so that pass is skipped.
   */
  private void recognizeWindow(String text, int from, int to, CodePoints codePoints,
      Map<Long, Finding> bySpan, boolean nanpPossible) {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    String window = text.substring(from, to);
    for (String region : REGIONS) {
      if (!nanpPossible && region.equals("US")) {
        continue;
      }
      if (!region.equals("US") && !VALID_ONLY.get(region).mayHoldValid(window)) {
        continue;
      }
      for (PhoneNumberMatch match : util.findNumbers(window, region,
          PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
        int start = codePoints.offset(from + match.start());
        int end = codePoints.offset(from + match.end());
        boolean valid = util.isValidNumber(match.number());
        if (!valid && !(region.equals("US")
            && Long.toString(match.number().getNationalNumber()).length() == 10)) {
          continue; // outside the NANP, "possible" admits almost any digit group
        }
        String raw = match.rawString();
        if (DOTTED_QUAD.matcher(raw).matches()) {
          continue; // an IP address or a version, even with an octet over 255
        }
        if (glued(text, from + match.start(), from + match.end())) {
          continue;
        }
        boolean formatted = !raw.chars().allMatch(Character::isDigit)
            && !SPACED_3_3_4.matcher(raw).matches()
            && printedAsPhone(raw, match.number().getCountryCode());
        double score = formatted
            ? (valid ? FORMATTED_VALID_SCORE : FORMATTED_POSSIBLE_SCORE)
            : (valid ? BARE_VALID_SCORE : BARE_POSSIBLE_SCORE);
        Finding f = new Finding(entity(), start, end, score, NAME, "libphonenumber "
            + (valid ? "valid" : "possible") + (formatted ? "" : " bare") + " (" + region + ")");
        bySpan.merge(((long) start << 32) | end, f,
            (a, b) -> a.score() >= b.score() ? a : b);
      }
    }
  }
}
