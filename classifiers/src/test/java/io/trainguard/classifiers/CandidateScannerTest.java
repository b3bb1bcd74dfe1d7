package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The scanner must find exactly what a whole-text scan of every pattern finds. */
class CandidateScannerTest {

  /** What generated texts are made of: every recognizer's shapes and near misses. */
  private static final String[] FRAGMENTS = {
      "4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "378282246310005",
      "3782 822463 10005", "5500-0000-0000-0004", "30569309025904", "6011000990139424",
      "536-22-8049", "536 22 8049", "536228049", "900-70-1234", "912-72-3456", "046 454 286",
      "046-454-286", "943 476 5919", "943-476-5919", "9434765919", "(415) 555-0132",
      "+44 20 7946 0958", "020 7946 0123", "07700 900123", "+1 212-555-0187", "212.555.0187",
      "ana.perez@example.com", "bo+tag@mail.example.org", "x@y", "a@b.co",
      "https://example.com/a?b=c.", "http://www.example.org/x)", "www.example.co.uk/path",
      "ftp://files.example.net", "10.1.2.3", "192.168.0.256", "1.2.3", "v2.4.1",
      "Chrome/120.0.6099.109", "2001:db8:85a3::8a2e:370:7334", "fe80::1", "::1", "a:b:c",
      "00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5e", "001a.2b3c.4d5e", "GB82 WEST 1234 5698 7654 32",
      "GB82WEST12345698765432", "DE89 3704 0044 0532 0130 00", "021000021", "0210-0002-1",
      "12345678901234", "1EG4-TE5-MK73", "1EG4TE5MK73", "AB1234563", "BB1234563",
      "AB 12 34 56 C", "SW1A 1AA", "EC1A 1BB", "M1 1AE", "ABCPE1234F", "12 345 678 901",
      "51 824 753 556", "2345 6789 0123", "234567890123", "12.345.678-Z", "12345678Z",
      "X1234567L", "RSSMRA85T10A562S", "44051401458", "S1234567D", "T7654321J",
      "1985-03-04", "03/04/1985", "04.03.1985", "4 March 1985", "March 4, 1985", "Mar 4, 1985",
      "04-Mar-1985", "4th Sep 2001", "dec 31 1999", "123 Main Street", "42 Elm Ave.",
      "AKIAIOSFODNN7EXAMPLE", "ASIAY34FZKBOKMUTVV7A", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijklmn",
      "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "xoxb-1234567890-abcdefghij",
      "https://hooks.slack.com/services/T0123456/B0123456/abcdefghijklmnop",
      "api_key=abcdef0123456789abcd", "Bearer abcdefghijklmnop1234", "client-secret: 'x'",
      "password: hunter2!", "passwd=s3cr3t", "pwd is longpass", "The password must be long.",
      "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
      "Dr. Smith", "Mr Jones", "Maria Garcia", "Aoife K. Mehta", "London", "New York",
      "San Francisco", "Paris", "Ms. O'Neil", "Bo-Ana García-Lorca", "1A2B3C4D", "X9Y8Z7",
      "0xDEADBEEF", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "550e8400-e29b-41d4-a716-446655440000", "**** **** **** 4242", "${DB_PASSWORD}",
      "<YOUR_API_KEY>", "java.util.concurrent.Future", "README.md", "$1,234.56",
  };
  private static final String[] WORDS = {
      "SSN", "ssn:", "card", "credit", "phone", "call", "tel", "IBAN", "iban", "account", "bank",
      "routing", "aba", "passport", "license", "driver", "npi", "medicare", "dea", "nhs",
      "patient", "national", "insurance", "postcode", "sin", "tfn", "abn", "aadhaar", "pan",
      "steuer", "nif", "dni", "codice", "fiscale", "pesel", "nric", "fin", "born", "dob",
      "address", "lives", "from", "ip", "mac", "wallet", "btc", "aws", "secret", "token", "key",
      "jwt", "name", "dear", "the", "and", "of", "Found", "in", "backup", "x", "A", "Über",
      "naïve", "日本語", "\uD83D\uDE00", "\uD83D\uDC69\u200D\uD83D\uDCBB", "İstanbul", "ſ",
      "K", "ß",
  };
  private static final String[] GLUE = {" ", " ", " ", ", ", ": ", "=", " = ", "\n", "\t",
      "\"", "'", "(", ")", ".", "-", "/", "", ";", " is ", "\r\n", "#"};

  private static final Analyzer DEFAULTS = Analyzer.defaults();

  @Test
  void everyPatternOfTheBuiltInPackFindsWhatAWholeScanFinds() {
    CandidateScanner scanner = new CandidateScanner(DEFAULTS.recognizers(), true);
    Random random = new Random(7);
    for (int k = 0; k < 3_000; k++) {
      assertSameMatches(scanner, DEFAULTS.recognizers(), randomText(random));
    }
  }

  @Test
  void analyzerFindsWhatTheFullScanFinds() {
    Analyzer full = DEFAULTS.fullScan();
    Random random = new Random(11);
    for (int k = 0; k < 3_000; k++) {
      String text = randomText(random);
      assertThat(DEFAULTS.analyze(text)).as(text).isEqualTo(full.analyze(text));
    }
  }

  @Test
  void textsLongerThanTheKeptScratchAlternatingWithShortOnes() {
    Analyzer full = DEFAULTS.fullScan();
    Random random = new Random(13);
    for (int k = 0; k < 60; k++) {
      StringBuilder text = new StringBuilder();
      int parts = k % 2 == 0 ? 1 : 60 + random.nextInt(60);
      for (int i = 0; i < parts; i++) {
        text.append(randomText(random)).append(' ');
      }
      String t = text.toString();
      assertThat(DEFAULTS.analyze(t)).as(t).isEqualTo(full.analyze(t));
    }
  }

  @Test
  void phoneRunsSkippedOnlyWhenNoMatchThereCouldBeReported() {
    Analyzer full = DEFAULTS.fullScan();
    List<String> texts = new ArrayList<>(List.of("011 44 20 7946 0958", "0114420794609",
        "+44 20 7946 0958", "+1 212 555 0187", "tel 2125550187", "2125550187", "08001111",
        "0800 1111", "call 0800 1111", "1 800 1111", "+290 2158", "011 290 2158",
        "number 943476591"));
    Random random = new Random(3);
    String[] before = {"", "x ", "call ", "phone number ", "the number is not ",
        "a b c d e f tel "};
    for (int k = 0; k < 3_000; k++) {
      StringBuilder text = new StringBuilder(before[random.nextInt(before.length)]);
      if (random.nextInt(4) == 0) {
        text.append(random.nextBoolean() ? "+" : "011");
      }
      int digits = 6 + random.nextInt(8);
      for (int i = 0; i < digits; i++) {
        text.append((char) ('0' + random.nextInt(10)));
        if (random.nextInt(4) == 0) {
          text.append(" -./()".charAt(random.nextInt(6)));
        }
      }
      texts.add(text.append(random.nextBoolean() ? "  " : ".").toString());
    }
    for (String text : texts) {
      assertThat(DEFAULTS.analyze(text)).as(text).isEqualTo(full.analyze(text));
    }
  }

  @Test
  void aThreadWhoseDfasKeepStartingOverScansWithoutThemFindsTheSameAndTriesThemAgainLater() {
    // Whether a match of "[ab]{14}a" starts at a position depends on the char 14 places on: a
    // DFA of its match starts needs a state per pattern of a's and b's read, far more than a
    // thread keeps, so random runs of a's and b's make it start over whatever the pack holds.
    List<Recognizer> recognizers = new ArrayList<>(DEFAULTS.recognizers());
    recognizers.add(new PatternRecognizer("Blowup", "BLOWUP", List.of(
        new PatternRecognizer.ScoredPattern("blowup", Pattern.compile("[ab]{14}a"), 0.9)),
        List.of(), null, null, PatternRecognizer.Trigger.ALWAYS, false));
    CandidateScanner scanner = new CandidateScanner(recognizers, true);
    CandidateScanner conditions = new CandidateScanner(recognizers, false);
    boolean[] all = new boolean[recognizers.size()];
    Arrays.fill(all, true);
    Random random = new Random(7);
    String[] words = {"Main", "Street", "St.", "Ave", "Road", "Apt", "Suite", "4B", "Calle", "de",
        "Unter", "den", "Linden", "Springfield,", "IL", "CA", "Parkway", "SW1A", "2AA", "No."};
    assertThat(scanner.scansWithDfa()).isTrue();
    int texts = 0;
    for (; texts < 3_000 && scanner.scansWithDfa(); texts++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        if (random.nextInt(3) == 0) {
          for (int k = 20 + random.nextInt(40); k > 0; k--) {
            text.append(random.nextBoolean() ? 'a' : 'b');
          }
        } else {
          text.append(random.nextInt(3) == 0 ? String.valueOf(random.nextInt(100_000))
              : words[random.nextInt(words.length)]);
        }
        text.append(random.nextInt(5) == 0 ? ", " : " ");
      }
      String t = text.toString();
      CodePoints codePoints = new CodePoints(t, true);
      TextProfile profile = new TextProfile(t);
      assertThat(scanner.scan(t, codePoints, all, profile))
          .isEqualTo(conditions.scan(t, codePoints, all, profile));
    }
    assertThat(scanner.scansWithDfa()).as("after %d texts", texts).isFalse();
    String t = "Ship to 1600 Amphitheatre Parkway, Mountain View, CA 94043 today";
    CodePoints codePoints = new CodePoints(t, true);
    TextProfile profile = new TextProfile(t);
    assertThat(scanner.scan(t, codePoints, all, profile)).isNotNull()
        .isEqualTo(conditions.scan(t, codePoints, all, profile));
    String calm = "Call 555 0100 about order 42 today. ".repeat(10_000);
    CodePoints calmPoints = new CodePoints(calm, true);
    TextProfile calmProfile = new TextProfile(calm);
    long scanned = 0;
    for (; scanned <= CandidateScanner.CHARS_BEFORE_DFA_RETRY; scanned += calm.length()) {
      assertThat(scanner.scansWithDfa()).as("after %d chars", scanned).isFalse();
      scanner.scan(calm, calmPoints, all, calmProfile);
    }
    assertThat(scanner.scansWithDfa()).as("tried again after %d chars", scanned).isTrue();
    for (int i = 0; i < 20; i++) {
      assertThat(scanner.scan(calm, calmPoints, all, calmProfile))
          .isEqualTo(conditions.scan(calm, calmPoints, all, calmProfile));
    }
    assertThat(scanner.scansWithDfa()).as("calm texts keep them").isTrue();
  }

  @Test
  void everyBuiltInPatternIsScanned() {
    CandidateScanner scanner = new CandidateScanner(DEFAULTS.recognizers(), true);
    List<String> whole = new ArrayList<>();
    for (int p = 0; p < scanner.patternCount(); p++) {
      if (!scanner.scanned(p)) {
        whole.add(String.valueOf(p));
      }
    }
    assertThat(whole).isEmpty();
    for (int r = 0; r < DEFAULTS.recognizers().size(); r++) {
      assertThat(scanner.scansAll(r)).as(DEFAULTS.recognizers().get(r).name())
          .isEqualTo(DEFAULTS.recognizers().get(r) instanceof PatternRecognizer);
    }
  }

  /** Constructs the derivation must read conservatively (Presidio packs use them all). */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "(?i)ab[cd]", "(?i:x)?y", "a|b|", "(?:ab)*c", "(?:ab){2,3}c", "a(?=b)b", "(?<=a)b",
      "(?<!a|bc)d", "(?<![0-9])[0-9]{3}(?![0-9])", "(\\w)\\1", "(?<g>x)\\k<g>y", "[^a-z]b",
      "[a-z&&[^c]]d", "\\bfoo\\b", "^x|y$", "\\d+", "\\s\\S", "\\p{L}+", "\\Qa.b\\E", "[]a]",
      "(?-i:a)b", "(?u)(?i)k", "(?U)\\w\\w", ".{2}z", "\\.\\-\\/", "x{0}y", "x*+y", "(?>a|ab)c",
      "(?s).", "\\t\\n", "[\\[\\]]", "(?i)straße", "\\u0041", "\\x41", "(?x) a b", "\\Gx",
      "[0-9]{1,3}(?:\\.[0-9]{1,3}){3}", "(?<![\\w.])[A-Z]{2}\\d", "(?i:pass|pwd)\\s*[:=]",
      "a?b?c", "x{2,4}y", "(?:ab|c)?d", "(?:a|bc){0,3}d", "[0-3]?[0-9](?:st|nd)? x",
      "a(?:b?){3}c", "(?:x\\d){2,}y", "(?i:ka|k)b{2,5}", "(a|b)\\1{2}c", "[ab]{3,}?z",
      "(?:a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u|v|w|x|y|z|aa|bb|cc|dd|ee|ff|gg|hh)\\.?x",
      "(?:[ab]?[0-9]){2,3}(?:-|/|\\.){1,2}z", ".{1,3}:", "(?:1|22|333|4444){4,6}z",
      "a+(?!b)", "[0-9]{3}(?![0-9]|-[0-9])x?", "\\w+\\b", "[a-z]*@x", "[a-z.]*\\.com",
      "x(?!y)y", "[0-9]{2}(?!$)", "[0-9]{2}\\b", "-\\b[a-z]?", "\\ba+\\b-", "a(?![0-9]$)",
      "x(?!(?=b)b)", "(?<!\\ba)b", "(?![0-9])[a-z]", "(?!a|b)(?!c)[a-d]", "[^@]*@",
      "[a-z]*?@", "[a-z]*+@", "(?:0[a-z]*)+@", "(?:0[a-z]*){2}@", "[a-z]*\\b@",
      "a(?!b)[a-z]*@", "[a-z]+(?:[0-9]*|x)@", "(?i)k*@", "[a-z]*[0-9]*@", "x(?:[a-z]*|@)@",
      "(?:a|[a-z]*)(?!x)", "[0-9]+(?:\\.[0-9]+)*(?![0-9])", "\\w{2,}@(?:[a-z]+\\.)+com\\b",
      "[a-d]*b", "[a-z.]*\\.c", "[0-9]+1(?![0-9])", "(a)(?i)\\1b", "([a-z]{2})\\1",
      "(?:(a)|b)\\1", "(a)?\\1b", "(a(?!b))\\1b", "((?i)a)\\1", "(x)(a)\\2\\1", "(a\\1)b",
      "(?<n>[0-9.])\\k<n>", "(a)\\10", "(?!(a))\\1x", "([ab])(?!\\1)", "[a[^b]]", "(?:(?U)k)",
      "[ks](?-i)", "\\B[^x]a", "(?<!(?!^)_)b", "(?:a(b))*y|\\1",
  })
  void derivedShapesNeverLoseAMatch(String regex) {
    for (int flags : new int[] {0, Pattern.CASE_INSENSITIVE,
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS,
        Pattern.DOTALL | Pattern.MULTILINE}) {
      Pattern pattern = Pattern.compile(regex, flags);
      List<Recognizer> one = List.of(new PatternRecognizer("R", "E", List.of(
          new PatternRecognizer.ScoredPattern("p", pattern, 0.5)), List.of(), null, null,
          PatternRecognizer.Trigger.ALWAYS, false));
      CandidateScanner scanner = new CandidateScanner(one, true);
      Random random = new Random(regex.hashCode());
      String alphabet = "abcdxyzABKS019 .-/:=[]\n\tßſ\u212AKİı@mo_\uD83D\uDE00";
      for (int k = 0; k < 3_000; k++) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
          int at = random.nextInt(alphabet.length());
          text.append(Character.isSurrogate(alphabet.charAt(at))
              ? "\uD83D\uDE00" : String.valueOf(alphabet.charAt(at)));
        }
        assertSameMatches(scanner, one, text.toString());
      }
    }
  }

  /**
   * Paths keep where variable repetitions and alternatives put their chars, what negative
   * lookaheads and word boundaries allow after them, and what must follow a run of repeated chars.
   */
  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(delimiter = '#', value = {
      "(?:[0-9]{1,3}\\.){3}[0-9]{1,3}#1.2.3.4#true",
      "(?:[0-9]{1,3}\\.){3}[0-9]{1,3}#123.45.6.7#true",
      "(?:[0-9]{1,3}\\.){3}[0-9]{1,3}#4111 1111#false",
      "(?:[0-9]{1,3}\\.){3}[0-9]{1,3}#1234567#false",
      "[0-9]{2,3} [0-9]{3}#12 345#true",
      "[0-9]{2,3} [0-9]{3}#123 456#true",
      "[0-9]{2,3} [0-9]{3}#1234 567#false",
      "(?:jan|february)\\.? x#jan. x#true",
      "(?:jan|february)\\.? x#february x#true",
      "(?:jan|february)\\.? x#janx#false",
      "[a-z0-9]{40}#0123456789012345678901234567890123456789#true",
      "[a-z0-9]{40}#012345678901234567890123456789012345678#false",
      "[a-z0-9]{40}#0123456789012345678901234567890123456789a#true",
      "(a)\\1b#aab#true",
      "(a)\\1b#ax#true",
      "([a-z]{2})[0-9]{6}\\1#ab123456ab#true",
      "([a-z]{2})[0-9]{6}\\1#ab123456a1#false",
      "([a-z]{2})[0-9]{6}(?i:\\1)#ab123456AB#true",
      "(?<![0-9-])[0-9]{3}([- .])[0-9]{2}\\1[0-9]{4}(?![0-9]|-[0-9])#237.21.8.89#false",
      "(?<![0-9-])[0-9]{3}([- .])[0-9]{2}\\1[0-9]{4}(?![0-9]|-[0-9])#516 13 5512#true",
      "(?<g>[a-z]{2})[0-9]{6}\\k<g>#ab123456ab#true",
      "(?<g>[a-z]{2})[0-9]{6}\\k<g>#ab123456a1#false",
      "([ab])[0-9]{7}(?!\\1)#a1234567b#true",
      "(?<![0-9])[0-9]{9}(?![0-9])#1234567890123456#false",
      "(?<![0-9])[0-9]{9}(?![0-9])#123456789#true",
      "(?<![0-9])[0-9]{9}(?![0-9])#123456789x#true",
      "[0-9]{3}(?![0-9]|-[0-9])x?#123-4#true",
      "[0-9]{3}(?![0-9]|-[0-9])x?#1234#false",
      "x(?!y)y#xy#false",
      "x(?!y)y?#xy#false",
      "x(?!y)y?#x#true",
      "[0-9]{2}\\b#123#false",
      "[0-9]{2}\\b#12#true",
      "[0-9]{2}\\b#12-#true",
      "-\\b#--#false",
      "-\\b#-a#true",
      "-\\b#-#false",
      "[a-z]*@x#abc@x#true",
      "[a-z]*@x#abc.x#false",
      "[a-z]*@x#@x#true",
      "[0-9]+@#12345@#true",
      "[0-9]+@#12345#false",
      "(?:0[a-z]*)+@#0ab0cd@#true",
      "(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
          + "[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![\\w-])#Customer ana@x.org#false",
      "(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
          + "[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![\\w-])#ana.jensen27@example.org#true",
  })
  void pathsSharpenThePrefix(String regex, String text, boolean admitted) {
    RegexShape shape = RegexShape.of(Pattern.compile(regex));
    assertThat(shape.isNone()).isFalse();
    assertThat(shape.onAPath(text, 0)).isEqualTo(admitted);
  }

  @Test
  void userPackPatternsWithPresidioFlagsAreScannedToo() {
    RecognizerPack pack = RecognizerPackTest.parse("""
        recognizers:
          - name: Zip
            supported_entity: ZIP
            patterns: [{name: zip, regex: "\\\\b\\\\d{5}(?:-\\\\d{4})?\\\\b", score: 0.6}]
          - name: Employee
            supported_entity: EMPLOYEE_ID
            patterns: [{name: emp, regex: "(?<![A-Z])EMP-?[0-9]{6}", score: 0.7}]
        """);
    Analyzer analyzer = new Analyzer(pack.recognizers(), 0.5);
    CandidateScanner scanner = new CandidateScanner(analyzer.recognizers(), true);
    assertThat(scanner.scanned(0)).isTrue();
    assertThat(scanner.scanned(1)).isTrue();
    for (String text : List.of("zip 12345-6789 and 98765", "emp-123456, xEMP123456 Emp123456",
        "İEMP123456 ſ 12345")) {
      assertSameMatches(scanner, analyzer.recognizers(), text);
      assertThat(analyzer.analyze(text)).isEqualTo(analyzer.fullScan().analyze(text));
    }
  }

  @Test
  void patternsLeftToAWholeScanRunWhenTheScannedOnesFindNothing() {
    RecognizerPack pack = RecognizerPackTest.parse("""
        recognizers:
          - name: Code
            supported_entity: CODE
            patterns:
              - {name: spaced, regex: "(?x) QR [0-9]{4}", score: 0.8}
              - {name: plain, regex: "ZZ[0-9]{4}", score: 0.8}
        """);
    Analyzer analyzer = new Analyzer(pack.recognizers(), 0.5);
    CandidateScanner scanner = new CandidateScanner(analyzer.recognizers(), true);
    assertThat(scanner.scanned(0)).isFalse();
    assertThat(scanner.scansAll(0)).isFalse();
    assertThat(analyzer.analyze("code QR1234 here")).hasSize(1)
        .isEqualTo(analyzer.fullScan().analyze("code QR1234 here"));
  }

  @Test
  void moreThanSixtyFourPatternsAreScannedInSeveralWords() {
    RecognizerPack extra = RecognizerPackTest.parse("""
        recognizers:
          - name: Ticket
            supported_entity: TICKET
            patterns:
              - {name: a, regex: "TK-[0-9]{5}", score: 0.8}
              - {name: b, regex: "(?<![0-9])[0-9]{3}-[0-9]{2}(?![0-9])", score: 0.6}
              - {name: c, regex: "\\bref [A-Z]{2}[0-9]{2}\\b", score: 0.7}
        """);
    List<Recognizer> recognizers = new ArrayList<>(DEFAULTS.recognizers());
    recognizers.addAll(extra.recognizers());
    Analyzer analyzer = new Analyzer(recognizers, 0.5);
    CandidateScanner scanner = new CandidateScanner(recognizers, true);
    assertThat(scanner.patternCount()).isGreaterThan(64);
    Analyzer full = analyzer.fullScan();
    Random random = new Random(17);
    for (int k = 0; k < 1_000; k++) {
      String text = randomText(random) + " TK-12345 ref AB12 536-22 " + randomText(random);
      assertSameMatches(scanner, recognizers, text);
      assertThat(analyzer.analyze(text)).as(text).isEqualTo(full.analyze(text));
    }
  }

  /** For every pattern: the scanner's findings equal a whole-text {@code find()} loop's. */
  static void assertSameMatches(CandidateScanner scanner, List<Recognizer> recognizers,
      String text) {
    CodePoints codePoints = new CodePoints(text);
    boolean[] all = new boolean[recognizers.size()];
    Arrays.fill(all, true);
    List<Finding>[] scanned = scanner.scan(text, codePoints, all, new TextProfile(text));
    for (int r = 0; r < recognizers.size(); r++) {
      if (!(recognizers.get(r) instanceof PatternRecognizer pr)) {
        continue;
      }
      for (int i = 0; i < pr.patterns().size(); i++) {
        int p = scanner.patternIndex(r, i);
        if (!scanner.scanned(p)) {
          continue;
        }
        List<Finding> expected = new ArrayList<>();
        pr.findAll(i, text, codePoints, expected);
        assertThat(scanned == null || scanned[p] == null ? List.of() : scanned[p])
            .as("%s/%s on %s", pr.name(), pr.patterns().get(i).name(), text)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void threadsSharingOneAnalyzerEachGetTheFindingsOfTheirOwnTexts() throws Exception {
    Random random = new Random(11);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      texts.add(randomText(random));
    }
    List<List<Finding>> expected = texts.stream().map(DEFAULTS.fullScan()::analyze).toList();
    Analyzer shared = Analyzer.defaults();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Integer>> mismatches = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t * 97;
        mismatches.add(pool.submit(() -> {
          int wrong = 0;
          for (int round = 0; round < 5; round++) {
            for (int i = 0; i < texts.size(); i++) {
              int k = (i + offset) % texts.size();
              wrong += shared.analyze(texts.get(k)).equals(expected.get(k)) ? 0 : 1;
            }
          }
          return wrong;
        }));
      }
      for (java.util.concurrent.Future<Integer> m : mismatches) {
        assertThat(m.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int parts = 1 + random.nextInt(8);
    for (int k = 0; k < parts; k++) {
      int kind = random.nextInt(10);
      if (kind < 4) {
        text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      } else if (kind < 7) {
        text.append(WORDS[random.nextInt(WORDS.length)]);
      } else if (kind < 9) {
        int digits = 1 + random.nextInt(18);
        for (int i = 0; i < digits; i++) {
          text.append((char) ('0' + random.nextInt(10)));
          if (random.nextInt(5) == 0) {
            text.append(" -./".charAt(random.nextInt(4)));
          }
        }
      } else {
        String alphabet = "ABCDEFGHJKLMNPRSTWXYZabcdefghijkmnopqrstuvwxyz0123456789";
        int length = 4 + random.nextInt(40);
        for (int i = 0; i < length; i++) {
          text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      text.append(GLUE[random.nextInt(GLUE.length)]);
    }
    return text.toString();
  }
}
