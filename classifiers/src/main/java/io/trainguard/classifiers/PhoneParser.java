package io.trainguard.classifiers;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * libphonenumber's {@code parse(candidate, region)}, isPossibleNumber and isValidNumber for
 * candidates of ASCII digits and {@code " -.()/+"}: its rules on the candidate's digits with its
 * own metadata (lengths, prefixes, general and type patterns, leading digits) instead of its text
 * regexes and per-call metadata look-ups, which cost far more than the number.
 */
final class PhoneParser {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final MetadataSource SOURCE = (MetadataSource) DefaultMetadataDependenciesProvider
      .getInstance().getPhoneNumberMetadataSource();
  /** libphonenumber's bounds: input length, national number length and country code digits. */
  private static final int MAX_INPUT = 250;
  private static final int MIN_NATIONAL = 2;
  private static final int MAX_NATIONAL = 17;
  private static final int MAX_COUNTRY_CODE_DIGITS = 3;
  private static final Set<Integer> CALLING_CODES = UTIL.getSupportedCallingCodes();
  private static final Split INVALID_COUNTRY_CODE = new Split(-1, "");
  /** By country code (at most three digits): filled on first use, read on every parse. */
  private static final AtomicReferenceArray<Metadata> BY_COUNTRY_CODE =
      new AtomicReferenceArray<>(1000);
  private static final AtomicReferenceArray<CallingCode> CALLING_CODE =
      new AtomicReferenceArray<>(1000);

  /**
   * The parts of one region's metadata that parsing and validation read, patterns compiled
   * once: {@code types} maps each length of the general description to the alternatives of the
   * number types (fixed line, mobile, toll free, ...) that allow it.
   */
  private record Metadata(int countryCode, NumberPattern general, Prefix nationalPrefix,
      String transformRule, Prefix internationalPrefix, Prefix leadingDigits,
      List<Integer> lengths, List<Integer> localLengths, Map<Integer, NumberPattern> types) {

    static Metadata of(PhoneMetadata m) {
      PhoneNumberDesc general = m.getGeneralDesc();
      List<PhoneNumberDesc> descs = List.of(m.getPremiumRate(), m.getTollFree(),
          m.getSharedCost(), m.getVoip(), m.getPersonalNumber(), m.getPager(), m.getUan(),
          m.getVoicemail(), m.getFixedLine(), m.getMobile());
      Map<Integer, NumberPattern> types = new HashMap<>();
      for (int length : general.getPossibleLengthList()) {
        List<String> alternatives = new ArrayList<>();
        for (PhoneNumberDesc type : descs) {
          if (!type.getNationalNumberPattern().isEmpty() && (type.getPossibleLengthCount() == 0
              || type.getPossibleLengthList().contains(length))) {
            alternatives.add("(?:" + type.getNationalNumberPattern() + ")");
          }
        }
        if (!alternatives.isEmpty()) {
          types.put(length, new NumberPattern(String.join("|", alternatives)));
        }
      }
      String generalPattern = general.getNationalNumberPattern();
      return new Metadata(m.getCountryCode(),
          generalPattern.isEmpty() ? null : new NumberPattern(generalPattern),
          Prefix.of(m.getNationalPrefixForParsing()), m.getNationalPrefixTransformRule(),
          Prefix.of(m.getInternationalPrefix()), Prefix.of(m.getLeadingDigits()),
          general.getPossibleLengthList(), general.getPossibleLengthLocalOnlyList(), types);
    }

    /** libphonenumber's matchNationalNumber against the general description. */
    boolean general(String national) {
      return general != null && general.matches(national);
    }

    /**
     * Whether libphonenumber's getNumberTypeHelper finds a type for the national significant
     * number {@code nsn}: it fits the general description and one type's length and pattern.
     */
    boolean hasType(String nsn) {
      NumberPattern type = types.get(nsn.length());
      return type != null && general(nsn) && type.matches(nsn);
    }

    /** libphonenumber's testNumberLength for a national number of {@code length} digits. */
    Length length(int length) {
      if (lengths.get(0) == -1) {
        return Length.INVALID;
      }
      if (localLengths.contains(length)) {
        return Length.LOCAL_ONLY;
      }
      if (lengths.get(0) > length) {
        return Length.TOO_SHORT;
      }
      if (lengths.get(lengths.size() - 1) < length) {
        return Length.TOO_LONG;
      }
      return lengths.contains(length) ? Length.POSSIBLE : Length.INVALID;
    }

    /** libphonenumber's maybeStripNationalPrefixAndCarrierCode, without the carrier code. */
    String stripNationalPrefix(String national) {
      if (national.isEmpty() || nationalPrefix == null) {
        return national;
      }
      String stripped;
      if (transformRule.isEmpty()) {
        int end = nationalPrefix.end(national);
        if (end < 0) {
          return national;
        }
        stripped = national.substring(end);
      } else {
        Matcher prefix = nationalPrefix.pattern().matcher(national);
        if (!prefix.lookingAt()) {
          return national;
        }
        stripped = prefix.group(prefix.groupCount()) == null
            ? national.substring(prefix.end()) : prefix.replaceFirst(transformRule);
      }
      return general(national) && !general(stripped) ? national : stripped;
    }
  }

  /**
   * A metadata pattern matched at the start of a digit string, as {@code Matcher.lookingAt}
   * does: compared as text when it is a list of literal alternatives (as "011", "0|180020" or
   * "268"), as most are, since a matcher costs more than the comparison.
   */
  private record Prefix(Pattern pattern, List<String> literals) {

    private static final Pattern LITERALS = Pattern.compile("[0-9]+(?:\\|[0-9]+)*");

    static Prefix of(String regex) {
      return regex.isEmpty() ? null : new Prefix(Pattern.compile(regex),
          LITERALS.matcher(regex).matches() ? List.of(regex.split("\\|")) : null);
    }

    /** Where the match at the start of {@code digits} ends, or -1. */
    int end(String digits) {
      if (literals == null) {
        Matcher m = pattern.matcher(digits);
        return m.lookingAt() ? m.end() : -1;
      }
      for (String literal : literals) {
        if (digits.startsWith(literal)) {
          return literal.length();
        }
      }
      return -1;
    }
  }

  /**
   * A pattern of national numbers, matched whole. Most digit strings that fail it fail within
   * their first three digits: which three-digit starts some match has is worked out at first
   * use (an attempt that fails without reaching the end of its input, as Matcher.hitEnd tells,
   * fails for every longer input too), and other strings are not handed to a matcher.
   */
  private static final class NumberPattern {

    private static final int START = 3;
    private final Pattern pattern;
    private volatile boolean[] starts;

    NumberPattern(String regex) {
      this.pattern = Pattern.compile(regex);
    }

    boolean matches(String digits) {
      return (digits.length() < START || starts()[Integer.parseInt(digits, 0, START, 10)])
          && pattern.matcher(digits).matches();
    }

    private boolean[] starts() {
      boolean[] starts = this.starts;
      if (starts == null) {
        starts = new boolean[1000];
        mark(starts, "");
        this.starts = starts;
      }
      return starts;
    }

    private void mark(boolean[] starts, String start) {
      Matcher m = pattern.matcher(start);
      if (!m.matches() && !m.hitEnd()) {
        return;
      }
      if (start.length() == START) {
        starts[Integer.parseInt(start)] = true;
        return;
      }
      for (char digit = '0'; digit <= '9'; digit++) {
        mark(starts, start + digit);
      }
    }
  }

  private enum Length { POSSIBLE, LOCAL_ONLY, TOO_SHORT, TOO_LONG, INVALID }

  private final Metadata own;
  private final String ownCode;
  /** Whether this region is its calling code's main region (US for 1, GB for 44). */
  private final boolean ownIsMain;
  /** The fewest digits of a possible number of the region's calling code. */
  private final int shortest;

  PhoneParser(String region) {
    this.own = Metadata.of(SOURCE.getMetadataForRegion(region));
    this.ownCode = Integer.toString(own.countryCode());
    this.ownIsMain = UTIL.getRegionCodeForCountryCode(own.countryCode()).equals(region);
    Metadata main = mainMetadata(own.countryCode());
    this.shortest = Stream.concat(main.lengths().stream(), main.localLengths().stream())
        .filter(length -> length > 0).min(Integer::compare).orElse(Integer.MAX_VALUE);
  }

  /**
   * {@link #parse}, where libphonenumber's isPossibleNumber holds, else null. Without '+' or the
   * international prefix a number keeps the region's calling code and at most the candidate's
   * digits, so a candidate shorter than the region's shortest possible number is not parsed.
   */
  PhoneNumber parsePossible(CharSequence text, int start, int end) {
    if (tooShort(text, start, end)) {
      return null;
    }
    PhoneNumber number = parse(text, start, end);
    return number != null && isPossible(number) ? number : null;
  }

  /** Whether the candidate has no '+', too few digits, and does not dial abroad. */
  private boolean tooShort(CharSequence text, int start, int end) {
    int count = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '+' || isDigit(c) && ++count == shortest) {
        return false;
      }
    }
    return own.internationalPrefix().end(digits(text, start, end)) < 0;
  }

  /** The ASCII digits of {@code text[from, to)}, in order. */
  static String digits(CharSequence text, int from, int to) {
    StringBuilder digits = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      if (isDigit(text.charAt(i))) {
        digits.append(text.charAt(i));
      }
    }
    return digits.toString();
  }

  /**
   * What {@code PhoneNumberUtil.parse(text[start, end), region)} returns, or null where it
   * throws. The candidate holds only ASCII digits and {@code " -.()/+"}.
   */
  PhoneNumber parse(CharSequence text, int start, int end) {
    if (end - start > MAX_INPUT) {
      return null;
    }
    int from = start;
    while (from < end && !isDigit(text.charAt(from)) && text.charAt(from) != '+') {
      from++;
    }
    int to = end;
    while (to > from && !isDigit(text.charAt(to - 1))) {
      to--;
    }
    int digitsFrom = from;
    while (digitsFrom < to && text.charAt(digitsFrom) == '+') {
      digitsFrom++;
    }
    char[] buffer = new char[to - digitsFrom];
    int count = 0;
    for (int i = digitsFrom; i < to; i++) {
      char c = text.charAt(i);
      if (c == '+') {
        return null; // a '+' after a digit: not a viable number
      }
      if (isDigit(c)) {
        buffer[count++] = c;
      }
    }
    boolean viable = count >= 3 || to - from == 2 && count == 2;
    if (!viable) {
      return null;
    }
    String digits = new String(buffer, 0, count);
    boolean plus = digitsFrom > from;
    Split split = splitCountryCode(digits, plus);
    if (split == INVALID_COUNTRY_CODE && plus) {
      split = splitCountryCode(digits, false); // libphonenumber retries without '+'
      split = split != null && split.countryCode() == 0 ? INVALID_COUNTRY_CODE : split;
    }
    if (split == null || split == INVALID_COUNTRY_CODE) {
      return null;
    }
    int countryCode = split.countryCode() == 0 ? own.countryCode() : split.countryCode();
    String national = split.national();
    Metadata metadata = split.countryCode() == 0 || countryCode == own.countryCode() && ownIsMain
        ? own : mainMetadata(countryCode);
    if (national.length() < MIN_NATIONAL) {
      return null;
    }
    String stripped = metadata.stripNationalPrefix(national);
    Length length = metadata.length(stripped.length());
    if (length == Length.POSSIBLE || length == Length.TOO_LONG) {
      national = stripped;
    }
    if (national.length() < MIN_NATIONAL || national.length() > MAX_NATIONAL) {
      return null;
    }
    PhoneNumber number = new PhoneNumber().setCountryCode(countryCode)
        .setNationalNumber(Long.parseLong(national));
    if (national.charAt(0) == '0') {
      number.setItalianLeadingZero(true);
      int zeros = 1;
      while (zeros < national.length() - 1 && national.charAt(zeros) == '0') {
        zeros++;
      }
      if (zeros != 1) {
        number.setNumberOfLeadingZeros(zeros);
      }
    }
    return number;
  }

  /** A country code (0 when none is written) and the national number after it. */
  private record Split(int countryCode, String national) {}

  /**
   * libphonenumber's maybeExtractCountryCode on the candidate's digits, or where it throws,
   * {@link #INVALID_COUNTRY_CODE} or null.
   */
  private Split splitCountryCode(String digits, boolean plus) {
    String full = digits;
    boolean international = plus;
    if (!international) {
      int idd = own.internationalPrefix().end(full);
      if (idd >= 0 && (idd == full.length() || full.charAt(idd) != '0')) {
        full = full.substring(idd);
        international = true;
      }
    }
    if (international) {
      if (full.length() <= MIN_NATIONAL) {
        return null;
      }
      for (int i = 1; full.charAt(0) != '0' && i <= MAX_COUNTRY_CODE_DIGITS
          && i <= full.length(); i++) {
        if (CALLING_CODES.contains(Integer.parseInt(full.substring(0, i)))) {
          return new Split(Integer.parseInt(full.substring(0, i)), full.substring(i));
        }
      }
      return INVALID_COUNTRY_CODE;
    }
    if (full.startsWith(ownCode)) {
      String potential = own.stripNationalPrefix(full.substring(ownCode.length()));
      if (!own.general(full) && own.general(potential)
          || own.length(full.length()) == Length.TOO_LONG) {
        return new Split(own.countryCode(), potential);
      }
    }
    return new Split(0, full);
  }

  /**
   * Whether a candidate with the digits {@code digits} and no '+' may be dialled abroad: its
   * digits start with the region's international prefix, so that occurs in them.
   */
  boolean mayDialAbroad(String digits) {
    Prefix idd = own.internationalPrefix();
    if (idd.literals() == null) {
      return idd.pattern().matcher(digits).find();
    }
    for (String literal : idd.literals()) {
      if (digits.contains(literal)) {
        return true;
      }
    }
    return false;
  }

  /** libphonenumber's isPossibleNumber. */
  static boolean isPossible(PhoneNumber number) {
    int digits = 1;
    for (long national = number.getNationalNumber(); national >= 10; national /= 10) {
      digits++;
    }
    if (number.isItalianLeadingZero()) {
      digits += number.getNumberOfLeadingZeros();
    }
    Length length = mainMetadata(number.getCountryCode()).length(digits);
    return length == Length.POSSIBLE || length == Length.LOCAL_ONLY;
  }

  /**
   * libphonenumber's isValidNumber: the number has a type in the first region of its calling
   * code whose leading digits it starts with or, for regions without leading digits, in which it
   * has a type.
   */
  static boolean isValid(PhoneNumber number) {
    String nsn = nsn(number);
    CallingCode code = callingCode(number.getCountryCode());
    if (code.regions().size() == 1) {
      return code.regions().get(0).hasType(nsn);
    }
    int claimed = code.claimant(nsn);
    for (int r = 0; r < code.regions().size(); r++) {
      Metadata region = code.regions().get(r);
      Prefix leading = region.leadingDigits();
      if (leading == null) {
        if (region.hasType(nsn)) {
          return true;
        }
      } else if (leading.literals() != null ? r == claimed : leading.end(nsn) >= 0) {
        return region.hasType(nsn);
      }
    }
    return false;
  }

  /**
   * The regions of one calling code in libphonenumber's order, and which region first lists
   * each literal leading-digits alternative (the NANP's area codes: "268", "658|876", ...).
   */
  private record CallingCode(List<Metadata> regions, Map<String, Integer> literals,
      int longest) {

    static CallingCode of(List<Metadata> regions) {
      Map<String, Integer> literals = new HashMap<>();
      for (int r = 0; r < regions.size(); r++) {
        Prefix leading = regions.get(r).leadingDigits();
        for (String literal : leading == null || leading.literals() == null ? List.<String>of()
            : leading.literals()) {
          literals.putIfAbsent(literal, r);
        }
      }
      int longest = literals.keySet().stream().mapToInt(String::length).max().orElse(0);
      return new CallingCode(regions, literals, longest);
    }

    /** The first region whose literal leading digits start {@code nsn}, or MAX_VALUE. */
    int claimant(String nsn) {
      int first = Integer.MAX_VALUE;
      for (int length = 1; length <= Math.min(longest, nsn.length()); length++) {
        Integer r = literals.get(nsn.substring(0, length));
        first = r != null ? Math.min(first, r) : first;
      }
      return first;
    }
  }

  /** libphonenumber's getNationalSignificantNumber. */
  private static String nsn(PhoneNumber number) {
    String national = Long.toString(number.getNationalNumber());
    return number.isItalianLeadingZero() && number.getNumberOfLeadingZeros() > 0
        ? "0".repeat(number.getNumberOfLeadingZeros()) + national : national;
  }

  private static CallingCode callingCode(int countryCode) {
    return cached(CALLING_CODE, countryCode, code -> CallingCode.of(
        UTIL.getRegionCodesForCountryCode(code).stream()
            .map(r -> PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(r)
                ? Metadata.of(SOURCE.getMetadataForNonGeographicalRegion(code))
                : Metadata.of(SOURCE.getMetadataForRegion(r)))
            .toList()));
  }

  /** The metadata of the main region of {@code countryCode}, or of its non-geographic entity. */
  private static Metadata mainMetadata(int countryCode) {
    return cached(BY_COUNTRY_CODE, countryCode, code -> {
      String main = UTIL.getRegionCodeForCountryCode(code);
      return Metadata.of(PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(main)
          ? SOURCE.getMetadataForNonGeographicalRegion(code)
          : SOURCE.getMetadataForRegion(main));
    });
  }

  /** {@code cache}'s entry for {@code code}, built on first use. */
  private static <T> T cached(AtomicReferenceArray<T> cache, int code, IntFunction<T> build) {
    T value = cache.get(code);
    if (value == null) { // a race only builds the same value twice
      value = build.apply(code);
      cache.set(code, value);
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
