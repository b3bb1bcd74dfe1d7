package io.trainguard.classifiers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person whose name is two common words ("Summer Rain") right before their SSN, birth date,
 * e-mail address or phone number: a given name and a surname, attached to that value by a comma,
 * a parenthesis, "at" or "on", a label such as "SSN" or "DOB" between them allowed ("Summer Rain,
 * SSN 536-22-8045", "Summer Rain (DOB 04/12/1988)", "Summer Rain at summer.rain@example.com").
 * No title, role, place's or group's word, and no third capitalised word before them ("Palm
 * Springs (DOB …)", "Order Total, SSN …", "Blue Cross, phone …" stay).
 */
final class NamesBesideValues {

  private static final String EXPLANATION = "a name right before a person's value";
  /** The values that name their bearer when a name is attached to them. */
  private static final Set<String> VALUES = Set.of("US_SSN", "EMAIL_ADDRESS", "PHONE_NUMBER");
  /** Labels before a date that make it a birth date. */
  private static final String BIRTH = "dob|d\\.o\\.b\\.?|born|date of birth|birth ?date";
  private static final Pattern BIRTH_LABEL = Pattern.compile("(?i:" + BIRTH + ")");
  private static final String WORD = "\\p{Lu}[\\p{Ll}\\p{M}]+";
  /**
   * Two capitalised words, then a comma or a parenthesis and a label, or "at" / "on", ending
   * where the value starts; group 3 is the label.
   */
  private static final Pattern BEFORE_VALUE = Pattern.compile("(?<![\\p{L}\\p{M}\\p{N}@._/-])("
      + WORD + ") (" + WORD + ")(?:\\s*[,(]\\s*(?i:(" + BIRTH + "|ssn|e-?mail|phone|tel|"
      + "mobile|cell)\\s*[:#]?\\s*)?|\\s+(?:at|on)\\s+)$");
  /** How far before a value its name may start. */
  private static final int REACH = 60;

  private NamesBesideValues() {
  }

  /** The people before the values among {@code findings} (code points) of {@code text}. */
  static List<Finding> people(String text, List<Finding> findings) {
    List<Finding> people = new ArrayList<>();
    CodePoints codePoints = null;
    for (Finding value : findings) {
      boolean date = value.entity().equals("DATE_TIME");
      if (!date && !VALUES.contains(value.entity())) {
        continue;
      }
      codePoints = codePoints == null ? new CodePoints(text) : codePoints;
      int at = codePoints.charIndex(value.start());
      Matcher m = BEFORE_VALUE.matcher(text).useTransparentBounds(true)
          .region(Math.max(0, at - REACH), at);
      if (!m.find() || date && (m.group(3) == null || !BIRTH_LABEL.matcher(m.group(3)).matches())
          || !isName(text, m.start(1), m.group(1), m.group(2), m.end(2))) {
        continue;
      }
      Finding person = new Finding("PERSON", codePoints.offset(m.start(1)),
          codePoints.offset(m.end(2)), NameModel.GREETED_NAME_PROBABILITY,
          NameRecognizer.PERSON, EXPLANATION);
      if (findings.stream().noneMatch(person::overlaps)) {
        people.add(person);
      }
    }
    return people;
  }

  /**
   * Whether a capitalised word that may be part of the same name comes right before {@code at}:
   * any but a common word starting a sentence ("Contact Summer Rain at …").
   */
  private static boolean afterOtherName(String text, int at) {
    if (!NameRules.isAfterCapitalisedWord(text, at)) {
      return false;
    }
    int start = at - 1;
    while (start > 0 && Character.isLetter(text.charAt(start - 1))) {
      start--;
    }
    return !(NameModel.COMMON.contains(text.substring(start, at - 1).toLowerCase(Locale.ROOT))
        && NameWords.startsSentence(text, start));
  }

  /** A given name and a surname, no place's, group's or title's words, alone. */
  private static boolean isName(String text, int start, String given, String surname, int end) {
    return NameWords.isGivenName(given) && NameWords.isSurname(surname)
        && !NameWords.isTitleOrPlaceWord(given) && !NameWords.isTitleOrPlaceWord(surname)
        && !NameWords.isPlace(text, start, end)
        && !NameWords.PLACES.contains(NameWords.key(given + " " + surname))
        && !NameWords.GROUPS.contains(NameWords.key(given))
        && !NameWords.GROUPS.contains(NameWords.key(surname))
        && !afterOtherName(text, start);
  }
}
