package io.trainguard.classifiers;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Phone numbers found and checked by Google's libphonenumber, as Presidio's PhoneRecognizer does
 * (its matcher and parser redone on characters, see {@link #findNumbers} and {@link PhoneParser}).
 * A number written like a phone number (separators, parentheses or +) scores 0.6 when valid for
 * its region and 0.5 when it is a 10-digit NANP number that is only possible (e.g. an unassigned
 * area code); NANP numbers of other lengths (Canada's 310 numbers) are not kept. A bare digit
 * run, or three-three-four digits between spaces (an NHS number's print), scores 0.4 or 0.3,
 * which context words can lift over the threshold: those are more often ids than phone numbers.
 * So does a number whose digit groups are not a phone print (a NANP number not grouped 3-3-4, a
 * GB number without its 0 or +44). After a phone word, a number that neither region reads whole
 * is read in the national format of every other region (seven to fifteen digits, no order,
 * ticket or id word between): valid there it scores 0.4, only possible 0.3, both lifted by that
 * word. Without a phone word, a number printed as national numbers are (a trunk 0 or an area
 * code in brackets, then digit groups: "0660 475 13 89", "(11) 98765-4321") that another region
 * reads whole as valid scores 0.5. A finding includes the extension that follows its number
 * ("x204", "ext. 12"). Dotted quads (IP addresses, versions), dates, numbers glued to a word
 * or inside a longer digit sequence, and numbers that an id's word (NHS, ABN, IBAN, ...)
 * introduces without a phone word are never phone numbers.
 */
public final class PhoneRecognizer implements Recognizer {

  public static final String NAME = "PhoneRecognizer";
  private static final String PHONE_NUMBER = "PHONE_NUMBER";
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
  /**
   * Not "number": "NHS number", "account number" would lift other ids over real matches; not
   * "text", "message" or "msg": a column's name is read as context for its values, and these
   * name most free-text columns.
   */
  private static final ContextWords CONTEXT = ContextWords.of(List.of("phone", "telephone",
      "tel", "cell", "cellphone", "mobile", "call", "fax", "contact", "whatsapp", "sms",
      "answering", "voicemail", "landline", "dial", "celular", "movil", "móvil", "téléphone",
      "tlf", "tfno", "тел", "电话", "手机", "電話", "携帯", "전화", "휴대폰", "핸드폰"));
  /**
   * A messaging or reaching verb or noun with a preposition before a number, up to three words
   * between ("messages to", "text me on", "a message on my registered", "reached at"), or a
   * person's number ("my number is", "her new number:"): phone context in a sentence, where
   * "text", "message", "reach" or "number" alone, as a column's name or an id's, is none.
   */
  private static final Pattern MESSAGING_BEFORE = Pattern.compile("(?i)(?<![A-Za-z])"
      + "(?:(?:texts?|texted|texting|messages?|messaged|msgs?|sms|whatsapp|reach|reached|ring)"
      + "(?: (?:me|us|him|her|them))?"
      + " (?:on|to|at|via)"
      + "|(?:my|your|his|her|our|their)"
      + "(?: (?:new|old|home|work|personal|private|direct|contact|cell|mobile))? numbers?)"
      + "(?: [A-Za-z]+){0,3}[ :]*$");
  private static final int MESSAGING_WINDOW = 64;
  /** What each word that {@link #MESSAGING_BEFORE} starts with begins with, in lower case. */
  private static final List<String> MESSAGING_STEMS = List.of("text", "messag", "msg", "sms",
      "whatsapp", "reach", "ring", "my", "your", "his", "her", "our", "their");
  /**
   * Three, three and four digits between spaces is how NHS numbers are printed, and rarely how
   * phone numbers are: scored like a bare digit run, so it takes a context word.
   */
  private static final Pattern SPACED_3_3_4 = Pattern.compile("[0-9]{3} [0-9]{3} [0-9]{4}");
  private static final int SPACED_3_3_4_LENGTH = 12;
  /** Words that introduce another identifier: a number after one is not a phone number. */
  private static final List<String> OTHER_IDS = List.of("nhs", "ssn", "sin", "tfn", "abn",
      "npi", "iban", "routing", "aba", "passport", "pesel", "steuer", "idnr", "aadhaar", "nif",
      "dni", "nric", "itin", "medicare", "mbi", "acct");
  private static final ContextWords CONTEXT_OR_OTHER_IDS =
      ContextWords.of(Stream.concat(CONTEXT.stream(), OTHER_IDS.stream()).toList());
  /**
   * Words after which a number is some other reference even with a phone word before them: no
   * other region's national format is tried there.
   */
  private static final ContextWords NOT_PHONE = ContextWords.of(Stream.concat(OTHER_IDS.stream(),
      Stream.of("order", "invoice", "ref", "ticket", "serial", "tracking", "booking",
          "confirmation", "transaction", "policy", "claim", "version", "release", "build", "page",
          "isbn", "sku", "amount", "total", "price", "zip", "postcode")).toList());
  /**
   * Day, month and year (or year, month and day) with dots, dashes or slashes, alone or before
   * a time.
   */
  private static final Pattern DATE = Pattern.compile("(?:(?:0?[1-9]|[12][0-9]|3[01])([./-])"
      + "(?:0?[1-9]|1[0-2])\\1(?:[0-9]{2}|(?:19|20)[0-9]{2})"
      + "|(?:19|20)[0-9]{2}([./-])(?:0?[1-9]|1[0-2])\\2(?:0?[1-9]|[12][0-9]|3[01]))(?: .*)?");
  /** An extension after a number, as libphonenumber reads them: x204, ext. 12, #7. */
  private static final Pattern EXTENSION = Pattern.compile(
      "[ \\t,]*(?:(?i:e?xt(?:ension|n)?)\\.?|[xX#])[:.]?[ \\t]*[0-9]{1,7}(?![0-9A-Za-z])");
  /** The chars an extension may start with: most numbers are followed by none. */
  private static final String EXTENSION_START = " \t,eExX#";
  /**
   * Words after which a national print without a phone word is some other number: those of
   * {@link #NOT_PHONE} and words of accounts and records.
   */
  private static final ContextWords NOT_NATIONAL_PRINT = ContextWords.of(Stream.concat(
      NOT_PHONE.stream(), Stream.of("account", "customer", "member", "card", "case", "reference",
          "id", "no")).toList());
  /** Day, month and year parted by spaces: no phone number's national print. */
  private static final Pattern SPACED_DATE = Pattern.compile(
      "(?:0?[1-9]|[12][0-9]|3[01]) (?:0?[1-9]|1[0-2]) (?:19|20)[0-9]{2}");
  private static final List<Integer> ID_PRINT_3_2_4 = List.of(3, 2, 4);
  private static final List<Integer> ID_PRINT_3_3_3 = List.of(3, 3, 3);
  /** A national print without a phone word holds at least this many digits. */
  private static final int NATIONAL_PRINT_MIN_DIGITS = 8;
  private static final Pattern DOTTED_QUAD = Pattern.compile("[0-9]{1,3}(?:\\.[0-9]{1,3}){3}");
  private static final int MIN_DIGITS = 7;
  private static final int NANP_DIGITS = 10;
  private static final int E164_DIGITS = 15;
  /** Longer digit runs (a phone number beside another number) are still scanned, in bulk. */
  private static final int MAX_DIGITS = 40;
  /**
   * libphonenumber's candidate pattern: blocks of at most 20 digits (17 national and 3 country
   * digits), at most 21 of them, at most four separators between two.
   */
  private static final int MAX_BLOCK = 20;
  private static final int MAX_BLOCKS = 21;
  private static final int MAX_PUNCTUATION = 4;
  /** libphonenumber's matcher rules, on ASCII: slashed dates, unbalanced brackets, page refs. */
  private static final Pattern SLASH_SEPARATED_DATES = Pattern.compile(
      "(?:(?:[0-3]?\\d/[01]?\\d)|(?:[01]?\\d/[0-3]?\\d))/(?:[12]\\d)?\\d{2}");
  private static final Pattern MATCHING_BRACKETS = Pattern.compile(
      "\\(?(?:[^()]+\\))?[^()]+(?:\\([^()]+\\)){0,3}[^()]*");
  private static final Pattern PUB_PAGES = Pattern.compile("\\d{1,5}-+\\d{1,5}\\s{0,4}\\(\\d{1,4}");
  /** Per region: the explanations of possible bare, possible, valid bare and valid numbers. */
  private static final Map<String, String[]> EXPLANATIONS = REGIONS.stream()
      .collect(Collectors.toMap(Function.identity(), r -> new String[] {
          "libphonenumber possible bare (" + r + ")", "libphonenumber possible (" + r + ")",
          "libphonenumber valid bare (" + r + ")", "libphonenumber valid (" + r + ")"}));
  private static final Map<String, PhoneParser> PARSERS = REGIONS.stream()
      .collect(Collectors.toMap(Function.identity(), PhoneParser::new));

  /**
   * The main region of every calling code but those of {@link #REGIONS}, in calling-code order;
   * built on first use, which only a phone word before an unread number brings.
   */
  private static final class OtherRegions {
    static final Map<String, PhoneParser> PARSERS = otherRegions();

    private static Map<String, PhoneParser> otherRegions() {
      PhoneNumberUtil util = PhoneNumberUtil.getInstance();
      Set<Integer> own = REGIONS.stream().map(util::getCountryCodeForRegion)
          .collect(Collectors.toSet());
      Map<String, PhoneParser> parsers = new LinkedHashMap<>();
      for (int code : new TreeSet<>(util.getSupportedCallingCodes())) {
        String region = util.getRegionCodeForCountryCode(code);
        if (!own.contains(code) && util.getSupportedRegions().contains(region)) {
          parsers.put(region, new PhoneParser(region));
        }
      }
      return parsers;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String entity() {
    return PHONE_NUMBER;
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
   * Skips runs of bare digits (a digit, then digits only, then at most separators) when a bare
   * number's best score is under {@code threshold} and no context word precedes the run: every
   * match libphonenumber finds there is bare (its raw string is part of the run and ends in a
   * digit; the extension syntaxes need letters, '#', ';' or '~'), and the context words before
   * any such match are those before the run.
   */
  @Override
  public List<Finding> recognize(String text, CodePoints codePoints, double threshold) {
    boolean bareCannotPass = BARE_VALID_SCORE < threshold;
    Map<Long, Finding> bySpan = new LinkedHashMap<>();
    // Only runs of phone characters that hold enough digits can hold a number.
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
      boolean plus = false;
      int lastDigit = i;
      while (i < n && isPhoneChar(text.charAt(i))) {
        char d = text.charAt(i);
        if (isDigit(d)) {
          digits++;
          bare &= lastDigit == i - 1 || i == start;
          lastDigit = i;
        } else {
          plus |= d == '+';
        }
        i++;
      }
      if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
        continue;
      }
      // One look at the words before for both lists; the first word that fits may be an id's
      // with a phone word after it.
      String word = Analyzer.contextBefore(text, start,
          bare && bareCannotPass ? CONTEXT : CONTEXT_OR_OTHER_IDS);
      boolean messaging = word == null && messagingBefore(text, start);
      boolean context = messaging || word != null && (CONTEXT.contains(word)
          || Analyzer.contextBefore(text, start, CONTEXT) != null);
      if (!context && (bare && bareCannotPass || word != null)) {
        continue;
      }
      // Without '+' or 011 the US pass reads NANP numbers only, and keeps those of ten digits.
      boolean nanpOnly = !plus && digits < NANP_DIGITS
          && !PARSERS.get("US").mayDialAbroad(PhoneParser.digits(text, start, i));
      Map<Long, Finding> run = new LinkedHashMap<>();
      for (String region : REGIONS) {
        if (!(nanpOnly && region.equals("US"))) {
          recognizeWindow(text, start, i, codePoints, run, region);
        }
      }
      if (context && !covers(run, codePoints.offset(start), codePoints.offset(lastDigit + 1))
          && Analyzer.contextBefore(text, start, NOT_PHONE) == null) {
        recognizeOtherRegions(text, start, i, lastDigit + 1, codePoints, run);
      } else if (!context && digits >= NATIONAL_PRINT_MIN_DIGITS
          && run.values().stream().allMatch(f -> f.score() < FORMATTED_POSSIBLE_SCORE)
          && isNationalPrint(text, start, lastDigit + 1)
          && Analyzer.contextBefore(text, start, NOT_NATIONAL_PRINT) == null) {
        recognizeNationalPrint(text, start, lastDigit + 1, codePoints, run);
      }
      if (messaging) {
        // The analyzer's context enhancement reads single words: the phrase lifts here.
        run.replaceAll((span, f) -> f.rescored(Analyzer.boosted(f.score()), "context 'message'"));
      }
      bySpan.putAll(run);
    }
    return new ArrayList<>(bySpan.values());
  }

  private static boolean messagingBefore(String text, int at) {
    int from = Math.max(0, at - MESSAGING_WINDOW);
    return hasMessagingStem(text, from, at)
        && MESSAGING_BEFORE.matcher(text).region(from, at).useTransparentBounds(true).find();
  }

  /**
   * Whether a stem of {@link #MESSAGING_STEMS} starts a word in text[from, to): without one the
   * regex cannot match, and this look costs far less than its search at every position.
   */
  private static boolean hasMessagingStem(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (i > 0 && isAsciiLetter(text.charAt(i - 1))) {
        continue;
      }
      for (String stem : MESSAGING_STEMS) {
        if (i + stem.length() <= to && AsciiChars.startsWithIgnoreCase(text, i, stem)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isAsciiLetter(char c) {
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Whether text[start, end) continues a word or a longer number: an ASCII letter or digit next
   * to it, one behind a '-', '.' or '/' next to it, or, when the number is bare digits or has
   * spaces in it, a digit behind a space, except before a number opening with '+' or '('. A
   * number printed with other separators ends at a space: digits behind it are another value
   * (call 212-555-0187 212-555-0188). (Scripts written without spaces, such as Chinese, may put
   * a number right after a word.)
   */
  static boolean glued(String text, int start, int end) {
    boolean spaceJoins = text.lastIndexOf(' ', end - 1) >= start
        || isDigits(text.substring(start, end));
    if (start > 0) {
      char p = text.charAt(start - 1);
      char q = start > 1 ? text.charAt(start - 2) : ' ';
      char first = text.charAt(start);
      if (isAsciiAlnum(p) || (p == ' '
          ? isDigit(q) && spaceJoins && first != '+' && first != '('
          : (p == '-' || p == '.' || p == '/') && isAsciiAlnum(q))) {
        return true;
      }
    }
    if (end < text.length()) {
      char n = text.charAt(end);
      char m = end + 1 < text.length() ? text.charAt(end + 1) : ' ';
      return isAsciiAlnum(n) || (n == ' ' ? spaceJoins : n == '-' || n == '.' || n == '/')
          && isDigit(m);
    }
    return false;
  }

  private static boolean isAsciiAlnum(char c) {
    return isDigit(c) || (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  }

  /**
   * Whether {@code raw}'s digit groups are how a number of {@code countryCode} is printed: NANP
   * numbers 3-3-4, 3-7 or ten digits after an optional 1, +1, 001 or 011; GB numbers from their
   * trunk 0, '+' or '('. Other countries' groupings vary too much to check.
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
    } else if (groups.size() > 1 && groups.get(0) == 3
        && (raw.startsWith("001") || raw.startsWith("011"))) {
      groups.remove(0); // the international prefix and country code: 001-212-555-0187
    }
    return groups.equals(List.of(3, 3, 4)) || groups.equals(List.of(3, 7))
        || groups.equals(List.of(10));
  }

  private static boolean isPhoneChar(char c) {
    return isDigit(c) || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+'
        || c == '/';
  }

  /**
   * Scores into {@code bySpan} the numbers found in {@code text[from, to)} under {@code region}
   * that are valid, or (US only) possible NANP numbers.
   */
  private void recognizeWindow(String text, int from, int to, CodePoints codePoints,
      Map<Long, Finding> bySpan, String region) {
    for (Match match : findNumbers(text, from, to, region)) {
      score(text, match, codePoints, bySpan, region);
    }
  }

  /**
   * What libphonenumber's {@code findNumbers(text[from, to), region, POSSIBLE)} reports, for a
   * window of ASCII digits and {@code " -.()/+"} (where its extension syntaxes cannot occur):
   * its candidate pattern, date rule, bracket rules and inner matches, done on characters.
   */
  static List<Match> findNumbers(String text, int from, int to, String region) {
    return findNumbers(text, from, to,
        PARSERS.containsKey(region) ? PARSERS.get(region) : OtherRegions.PARSERS.get(region));
  }

  private static List<Match> findNumbers(String text, int from, int to, PhoneParser parser) {
    List<Match> matches = new ArrayList<>();
    int search = from;
    int start;
    while ((start = candidateStart(text, search, to)) >= 0) {
      int end = candidateEnd(text, start, to);
      search = end;
      if (hasTwo(text, start, end, '/')
          && SLASH_SEPARATED_DATES.matcher(text).region(start, end).find()) {
        continue;
      }
      Match match = verified(text, start, end, parser);
      match = match != null ? match : innerMatch(text, start, end, parser);
      if (match != null) {
        search = match.end();
        matches.add(match);
      }
    }
    return matches;
  }

  /** A number libphonenumber's matcher reports: its raw text is {@code text[start, end)}. */
  record Match(int start, int end, PhoneNumber number) {}

  private void score(String text, Match match, CodePoints codePoints, Map<Long, Finding> bySpan,
      String region) {
    boolean nanp = match.number().getCountryCode() == 1;
    long national = match.number().getNationalNumber();
    boolean tenDigits = national >= 1_000_000_000L && national < 10_000_000_000L;
    if (nanp && !tenDigits) {
      return; // seven digits are valid in Canada (310 numbers) but mostly something else
    }
    int findingEnd = findingEnd(text, match);
    if (findingEnd < 0) {
      return;
    }
    String raw = text.substring(match.start(), match.end());
    boolean formatted = !isDigits(raw)
        && !(raw.length() == SPACED_3_3_4_LENGTH && SPACED_3_3_4.matcher(raw).matches())
        && printedAsPhone(raw, match.number().getCountryCode());
    int start = codePoints.offset(match.start());
    int end = codePoints.offset(findingEnd);
    long span = ((long) start << 32) | end;
    Finding known = bySpan.get(span);
    if (known != null && known.score() >= (formatted ? FORMATTED_VALID_SCORE : BARE_VALID_SCORE)) {
      return; // the other region's pass found as much here: no need to validate again
    }
    boolean valid = PhoneParser.isValid(match.number());
    if (!valid && !(nanp && tenDigits)) {
      return; // outside the NANP, "possible" admits almost any digit group
    }
    double score = formatted
        ? (valid ? FORMATTED_VALID_SCORE : FORMATTED_POSSIBLE_SCORE)
        : (valid ? BARE_VALID_SCORE : BARE_POSSIBLE_SCORE);
    Finding f = new Finding(entity(), start, end, score, NAME,
        EXPLANATIONS.get(region)[(valid ? 2 : 0) + (formatted ? 1 : 0)]);
    bySpan.merge(span, f, (a, b) -> a.score() >= b.score() ? a : b);
  }

  /** Whether a finding in {@code found} covers code points {@code [start, end)}. */
  private static boolean covers(Map<Long, Finding> found, int start, int end) {
    for (Finding f : found.values()) {
      if (f.start() <= start && f.end() >= end) {
        return true;
      }
    }
    return false;
  }

  /**
   * Scores into {@code run}, which holds what US and GB read in the run of phone characters
   * {@code text[from, to)}, what the other region reading most of it finds: the region whose
   * valid numbers, else whose possible numbers, cover most characters, the first in calling-code
   * order on a tie. Its numbers replace US and GB numbers that are only part of the run when one
   * of them is valid from the run's first character to its last digit ({@code digitsEnd}), and
   * are added when US and GB found nothing. libphonenumber deems some region's number possible
   * for almost any digit group, so this is done only after a phone word.
   */
  private static void recognizeOtherRegions(String text, int from, int to, int digitsEnd,
      CodePoints codePoints, Map<Long, Finding> run) {
    String bestRegion = null;
    List<Match> best = List.of();
    long bestCover = 0;
    boolean whole = false;
    for (Map.Entry<String, PhoneParser> region : OtherRegions.PARSERS.entrySet()) {
      List<Match> matches = findNumbers(text, from, to, region.getValue());
      long valid = 0;
      long possible = 0;
      for (Match match : matches) {
        if (findingEnd(text, match) >= 0 && hasPhoneLength(text, match)) {
          boolean isValid = PhoneParser.isValid(match.number());
          valid += isValid ? match.end() - match.start() : 0;
          possible += match.end() - match.start();
          whole |= isValid && match.start() == from && match.end() == digitsEnd;
        }
      }
      long cover = valid * (to - from + 1) + possible;
      if (cover > bestCover) {
        bestRegion = region.getKey();
        best = matches;
        bestCover = cover;
      }
      if (whole) {
        break;
      }
    }
    if (!(whole || run.isEmpty())) {
      return;
    }
    run.clear();
    for (Match match : best) {
      int end = findingEnd(text, match);
      if (end >= 0 && hasPhoneLength(text, match)) {
        boolean valid = PhoneParser.isValid(match.number());
        int start = codePoints.offset(match.start());
        Finding f = new Finding(PHONE_NUMBER, start, codePoints.offset(end),
            valid ? BARE_VALID_SCORE : BARE_POSSIBLE_SCORE, NAME,
            "libphonenumber " + (valid ? "valid (" : "possible (") + bestRegion + ")");
        run.putIfAbsent(((long) f.start() << 32) | f.end(), f);
      }
    }
  }

  /**
   * Whether {@code text[from, to)} is printed as national numbers are: a trunk 0 (not the 00 of
   * an international call) or an area code in brackets first, then digit groups parted by
   * single spaces, dashes or dots; not as a date ("01 02 2020") or as the ids printed 3-2-4
   * (SSN) and 3-3-3 (SIN, TFN).
   */
  static boolean isNationalPrint(String text, int from, int to) {
    char first = text.charAt(from);
    boolean lead = first == '(' || first == '0' && isDigit(text.charAt(from + 1))
        && text.charAt(from + 1) != '0';
    if (!lead || SPACED_DATE.matcher(text).region(from, to).matches()) {
      return false;
    }
    List<Integer> groups = new ArrayList<>();
    int length = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        length++;
      } else if (c == '+' || c == '/' || c == '(' && i > from
          || i > from && !isDigit(text.charAt(i - 1)) && text.charAt(i - 1) != ')') {
        return false; // another lead, a slash, or two separators in a row
      } else if (length > 0) {
        groups.add(length);
        length = 0;
      }
    }
    groups.add(length);
    return (groups.size() > 1 || first == '(') && !groups.equals(ID_PRINT_3_2_4)
        && !groups.equals(ID_PRINT_3_3_3);
  }

  /**
   * Scores into {@code run}, in place of what US and GB read there under the threshold, the
   * number that the first other region (in calling-code order) reads as valid from the national
   * print's first character to its last digit: 0.5, as a formatted US number that is only
   * possible.
   */
  private static void recognizeNationalPrint(String text, int from, int digitsEnd,
      CodePoints codePoints, Map<Long, Finding> run) {
    for (Map.Entry<String, PhoneParser> region : OtherRegions.PARSERS.entrySet()) {
      for (Match match : findNumbers(text, from, digitsEnd, region.getValue())) {
        int end = findingEnd(text, match);
        if (match.start() == from && match.end() == digitsEnd && end >= 0
            && PhoneParser.isValid(match.number())) {
          Finding f = new Finding(PHONE_NUMBER, codePoints.offset(from), codePoints.offset(end),
              FORMATTED_POSSIBLE_SCORE, NAME,
              "libphonenumber valid national print (" + region.getKey() + ")");
          run.clear();
          run.put(((long) f.start() << 32) | f.end(), f);
          return;
        }
      }
    }
  }

  /** Whether {@code match} holds from {@link #MIN_DIGITS} to E.164's fifteen digits. */
  private static boolean hasPhoneLength(String text, Match match) {
    int digits = 0;
    for (int i = match.start(); i < match.end(); i++) {
      digits += isDigit(text.charAt(i)) ? 1 : 0;
    }
    return digits >= MIN_DIGITS && digits <= E164_DIGITS;
  }

  /**
   * Where a finding of {@code match} ends: after the extension that follows it, if any; -1 when
   * the number is glued to a word or another number, or is a dotted quad (an IP address or a
   * version, even with an octet over 255) or a date.
   */
  private static int findingEnd(String text, Match match) {
    int end = match.end();
    if (end < text.length() && EXTENSION_START.indexOf(text.charAt(end)) >= 0) {
      Matcher extension = EXTENSION.matcher(text).region(end, text.length());
      end = extension.lookingAt() ? extension.end() : end;
    }
    if (glued(text, match.start(), end)) {
      return -1;
    }
    String raw = text.substring(match.start(), match.end());
    boolean quadOrDate = raw.indexOf('.') >= 0 && DOTTED_QUAD.matcher(raw).matches()
        || DATE.matcher(raw).matches();
    return quadOrDate ? -1 : end;
  }

  /**
   * Where the matcher's candidate pattern next matches in {@code text[from, to)}, or -1: at a
   * digit, or at up to two leads ('(' or '+'), each followed by at most four separators, before
   * a digit.
   */
  private static int candidateStart(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (isDigit(c) || (c == '(' || c == '+') && leadsFit(text, i, to)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean leadsFit(String text, int lead, int to) {
    int digit = lead + 1;
    int plus = -1;
    int parens = 0; // '(' after the first lead: each may be the second lead
    while (digit < to && !isDigit(text.charAt(digit))) {
      if (text.charAt(digit) == '+') {
        if (plus >= 0) {
          return false;
        }
        plus = digit;
      }
      digit++;
    }
    if (digit == to) {
      return false;
    }
    if (plus >= 0) {
      return plus - lead - 1 <= MAX_PUNCTUATION && digit - plus - 1 <= MAX_PUNCTUATION;
    }
    if (digit - lead - 1 <= MAX_PUNCTUATION) {
      return true;
    }
    for (int i = lead + 1; i < digit; i++) {
      if (text.charAt(i) == '(' && i - lead - 1 <= MAX_PUNCTUATION
          && digit - i - 1 <= MAX_PUNCTUATION) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where the candidate starting at {@code start} ends: after the last of at most
   * {@link #MAX_BLOCKS} blocks of at most {@link #MAX_BLOCK} digits, each block after the first
   * behind at most four separators.
   */
  private static int candidateEnd(String text, int start, int to) {
    int i = start;
    while (!isDigit(text.charAt(i))) {
      i++;
    }
    for (int blocks = 1; ; blocks++) {
      int block = i;
      while (i < to && i - block < MAX_BLOCK && isDigit(text.charAt(i))) {
        i++;
      }
      int next = i;
      while (next < to && next - i < MAX_PUNCTUATION && isSeparator(text.charAt(next))) {
        next++;
      }
      if (blocks == MAX_BLOCKS || next == to || !isDigit(text.charAt(next))) {
        return i;
      }
      i = next;
    }
  }

  private static boolean isSeparator(char c) {
    return c != '+' && !isDigit(c);
  }

  /** libphonenumber's parseAndVerify at leniency POSSIBLE. */
  private static Match verified(String text, int start, int end, PhoneParser parser) {
    if (hasBracket(text, start, end)
        && (!MATCHING_BRACKETS.matcher(text).region(start, end).matches()
        || PUB_PAGES.matcher(text).region(start, end).find())) {
      return null;
    }
    PhoneNumber number = parser.parsePossible(text, start, end);
    return number != null ? new Match(start, end, number) : null;
  }

  /**
   * libphonenumber's extractInnerMatch: the candidate split at slashes, brackets, a hyphen
   * beside a space, full stops and spaces, in that order; for each, the part before the first
   * split, then each part after one.
   */
  private static Match innerMatch(String text, int start, int end, PhoneParser parser) {
    int slash = indexOf(text, '/', start, end);
    if (slash >= 0) {
      Match m = trimmedMatch(text, start, slash, parser);
      int after = slash;
      while (text.charAt(after) == '/') {
        after++;
      }
      m = m != null ? m : trimmedMatch(text, after, end, parser);
      if (m != null) {
        return m;
      }
    }
    int paren = indexOf(text, '(', start, end);
    if (paren >= 0) {
      Match m = trimmedMatch(text, start, paren, parser);
      while (m == null && paren < end) {
        int next = indexOf(text, '(', paren + 1, end);
        next = next < 0 ? end : next;
        m = trimmedMatch(text, paren, next, parser);
        paren = next;
      }
      if (m != null) {
        return m;
      }
    }
    for (int i = start; i + 1 < end; i++) {
      char c = text.charAt(i);
      char d = text.charAt(i + 1);
      if (c == ' ' && d == '-' || c == '-' && d == ' ') {
        int after = i + 2;
        while (text.charAt(after) == ' ') {
          after++;
        }
        Match m = trimmedMatch(text, start, i, parser);
        m = m != null ? m : trimmedMatch(text, after, end, parser);
        if (m != null) {
          return m;
        }
        break;
      }
    }
    Match m = splitMatch(text, start, end, '.', parser);
    return m != null ? m : splitMatch(text, start, end, ' ', parser);
  }

  /** The inner matches at runs of {@code separator}, then spaces, before each part. */
  private static Match splitMatch(String text, int start, int end, char separator,
      PhoneParser parser) {
    int split = indexOf(text, separator, start, end);
    if (split < 0) {
      return null;
    }
    Match m = trimmedMatch(text, start, split, parser);
    while (m == null && split < end) {
      int part = split;
      while (part < end && (text.charAt(part) == separator || text.charAt(part) == ' ')) {
        part++;
      }
      split = indexOf(text, separator, part, end);
      split = split < 0 ? end : split;
      m = trimmedMatch(text, part, split, parser);
    }
    return m;
  }

  /** {@link #verified} on {@code text[start, end)} without its trailing non-digits. */
  private static Match trimmedMatch(String text, int start, int end, PhoneParser parser) {
    while (end > start && !isDigit(text.charAt(end - 1))) {
      end--;
    }
    return end > start ? verified(text, start, end, parser) : null;
  }

  private static int indexOf(String text, char c, int from, int to) {
    int i = text.indexOf(c, from);
    return i < to ? i : -1;
  }

  private static boolean hasBracket(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (text.charAt(i) == '(' || text.charAt(i) == ')') {
        return true;
      }
    }
    return false;
  }

  private static boolean hasTwo(String text, int start, int end, char c) {
    int first = indexOf(text, c, start, end);
    return first >= 0 && indexOf(text, c, first + 1, end) >= 0;
  }
}
