package io.trainguard.classifiers;

import static io.trainguard.classifiers.NameRules.MAX_WORDS;
import static io.trainguard.classifiers.NameRules.held;
import static io.trainguard.classifiers.NameWords.CAPITALISED;
import static io.trainguard.classifiers.NameWords.FIRST_NAMES;
import static io.trainguard.classifiers.NameWords.NAME_WORD;
import static io.trainguard.classifiers.NameWords.PARTICLES;
import static io.trainguard.classifiers.NameWords.PLACE_WORDS;
import static io.trainguard.classifiers.NameWords.STREET_WORDS;
import static io.trainguard.classifiers.NameWords.WORD;
import static io.trainguard.classifiers.NameWords.isGivenName;
import static io.trainguard.classifiers.NameWords.isNameWord;
import static io.trainguard.classifiers.NameWords.isPlaceName;
import static io.trainguard.classifiers.NameWords.isSurname;
import static io.trainguard.classifiers.NameWords.isTitleOrPlaceWord;
import static io.trainguard.classifiers.NameWords.isUnlistedGivenName;
import static io.trainguard.classifiers.NameWords.joinsWord;
import static io.trainguard.classifiers.NameWords.key;
import static io.trainguard.classifiers.NameWords.startsSentence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How far a person's span reaches: given names, particles, suffixes and nicknames around it. */
final class NameSpans {

  /** A nickname in quotes: one to three words that start with a capital ("Junior", "DaHv"). */
  private static final String NICKNAME =
      " [\"“‘'] ?\\p{Lu}[\\p{L}\\p{M}.'’-]*(?: \\p{Lu}[\\p{L}\\p{M}.'’-]*){0,2} ?[\"”’'] ";

  /** A nickname and a name word after a person: "Harold" + " \"Junior\" Theriault". */
  private static final Pattern NICKNAME_AFTER =
      Pattern.compile(NICKNAME + "(" + CAPITALISED + ")(?![\\p{L}\\p{M}\\p{N}@])");

  /** A name word and a nickname before a person: "Dahvin \"DaHv\" " + "Daniels". */
  private static final Pattern NICKNAME_BEFORE = Pattern.compile(
      "(?<![\\p{L}\\p{M}\\p{N}@])(" + CAPITALISED + ")" + NICKNAME + "$");

  /** What a place's name takes to say someone is from there ("Minnesota" + "n"). */
  private static final List<String> DEMONYM_ENDINGS = List.of("n", "an", "ian", "er");

  /** The numbers after a name ("Glenn A. Profitt II"), the longer first. */
  private static final List<String> NUMERALS = List.of(" III", " II", " IV");

  /**
   * {@code names} with each person's span taken back over the given names and particles right
   * before it ("João da Silva" where the model found "Silva"), never over a title, a common word
   * that starts a sentence or a word another of {@code names} holds; and on over particles and
   * the name words after them ("María de los Ángeles García" where it found "María"), and over a
   * nickname in quotes and the name word on its other side ("Harold \"Junior\" Theriault"). The
   * words of a name are parted by one space, tab or line break.
   */
  static List<NameModel.Name> widened(String text, List<NameModel.Name> names) {
    List<NameModel.Name> out = new ArrayList<>(names.size());
    for (NameModel.Name n : names) {
      boolean person = n.entity().equals("PERSON");
      int start = person ? nicknameStart(text,
          afterDescription(text, givenStart(text, n.start(), names), n.end()), names)
          : n.start();
      int end = person ? nicknameEnd(text,
          suffixEnd(text, particleEnd(text, n.start(), n.end(), names)), names) : n.end();
      out.add(start == n.start() && end == n.end() ? n
          : new NameModel.Name(n.entity(), start, end, n.probability()));
    }
    return out;
  }

  /**
   * The end of a person's name that ends at {@code end}, taken on over the surname after an
   * initial ("Frederick H." + " Collier"), over "Jr." or "Sr." ("Andrew J. Evans" + " Jr.",
   * "Clay Tice Jr" + ".") or over "II", "III" or "IV".
   */
  private static int suffixEnd(String text, int end) {
    int n = text.length();
    if (end >= 2 && text.charAt(end - 1) == '.' && Character.isUpperCase(text.charAt(end - 2))
        && (end == 2 || !Character.isLetter(text.charAt(end - 3))) && end + 1 < n
        && text.charAt(end) == ' ') {
      Matcher word = WORD.matcher(text).useTransparentBounds(true).region(end + 1, n);
      if (word.lookingAt() && !isTitleOrPlaceWord(word.group())) {
        end = word.end();
      }
    }
    if (end + 3 <= n && text.charAt(end) == ' '
        && (text.startsWith("Jr", end + 1) || text.startsWith("Sr", end + 1))
        && (end + 3 == n || !Character.isLetterOrDigit(text.charAt(end + 3)))) {
      end += 3;
    }
    boolean suffix = end >= 3 && (text.startsWith(" Jr", end - 3) || text.startsWith(" Sr", end - 3));
    if (suffix) {
      return end < n && text.charAt(end) == '.' ? end + 1 : end;
    }
    for (String numeral : NUMERALS) {
      int after = end + numeral.length();
      if (text.startsWith(numeral, end)
          && (after == n || !Character.isLetterOrDigit(text.charAt(after)))) {
        return after;
      }
    }
    return end;
  }

  /**
   * The start of a name that the span {@code [start, end)} holds after a first word that
   * describes the person: someone from a place ("Minnesotan Scott LeDoux", "Queenslander
   * Mitchell Rawlins": a place with "n", "an", "ian" or "er") or of a trade written with a dash
   * ("Finger-picker Muriel Anderson"); {@code start} if there is none.
   */
  private static int afterDescription(String text, int start, int end) {
    int space = text.indexOf(' ', start);
    if (space < 0 || space + 1 >= end || !Character.isUpperCase(text.charAt(space + 1))) {
      return start;
    }
    String first = text.substring(start, space);
    if (!NAME_WORD.matcher(first).matches() && !first.contains("-") || isGivenName(first)) {
      return start;
    }
    String key = key(first);
    if (first.contains("-")) {
      for (String part : key.split("-")) {
        if (part.isEmpty() || !NameModel.COMMON.contains(part)) {
          return start;
        }
      }
      return space + 1;
    }
    for (String ending : DEMONYM_ENDINGS) {
      if (key.endsWith(ending) && isPlaceName(key.substring(0, key.length() - ending.length()))) {
        return space + 1;
      }
    }
    return start;
  }

  /** The end of a nickname in quotes and the name word after a person ending at {@code end}. */
  private static int nicknameEnd(String text, int end, List<NameModel.Name> names) {
    if (end + 1 >= text.length() || text.charAt(end) != ' '
        || "\"“‘'".indexOf(text.charAt(end + 1)) < 0) {
      return end;
    }
    Matcher m = NICKNAME_AFTER.matcher(text).useTransparentBounds(true)
        .region(end, Math.min(text.length(), end + 120));
    return m.lookingAt() && isNameWord(m.group(1)) && !PLACE_WORDS.contains(key(m.group(1)))
        && !held(names, m.start(1), m.end(1)) ? m.end(1) : end;
  }

  /** The start of a name word and a nickname in quotes before a person starting at {@code start}. */
  private static int nicknameStart(String text, int start, List<NameModel.Name> names) {
    if (start < 2 || text.charAt(start - 1) != ' '
        || "\"”’'".indexOf(text.charAt(start - 2)) < 0) {
      return start;
    }
    Matcher m = NICKNAME_BEFORE.matcher(text).useTransparentBounds(true)
        .region(Math.max(0, start - 120), start);
    return m.find() && isNameWord(m.group(1)) && !isTitleOrPlaceWord(m.group(1))
        && !held(names, m.start(1), m.end(1)) ? m.start(1) : start;
  }

  private static int givenStart(String text, int start, List<NameModel.Name> names) {
    int taken = start;
    int at = start;
    if (at >= 3 && (text.startsWith("al-", at - 3) || text.startsWith("el-", at - 3))
        && (at == 3 || !Character.isLetter(text.charAt(at - 4)))) {
      at -= 3;
      taken = at;
    }
    for (int words = 0; words < MAX_WORDS; words++) {
      int end = spaceBefore(text, at);
      int begin = end;
      while (begin > 0 && (Character.isLetter(text.charAt(begin - 1))
          || Character.getType(text.charAt(begin - 1)) == Character.NON_SPACING_MARK
          || text.charAt(begin - 1) == '-')) {
        begin--;
      }
      if (begin == end || begin > 0 && joinsWord(text.charAt(begin - 1))
          || held(names, begin, end)) {
        break;
      }
      String word = text.substring(begin, end);
      if (PARTICLES.contains(word) || word.startsWith("al-") || word.startsWith("el-")) {
        at = begin;
      } else if (isGivenWord(text, begin, word)) {
        at = begin;
        taken = begin;
      } else {
        break;
      }
    }
    return taken;
  }

  /**
   * The end of the particles and the name words after them that follow a person ending at
   * {@code end} ("María" + " de los Ángeles García", "David ben" + " Gurion"); {@code end} if
   * none follow. A word of a place the model found ends it, unless a particle comes before that
   * word ("Henrique Lopes" + " de Mendonça").
   */
  static int particleEnd(String text, int start, int end, List<NameModel.Name> names) {
    int last = end;
    while (last > start && Character.isLetter(text.charAt(last - 1))) {
      last--;
    }
    boolean afterParticle = PARTICLES.contains(text.substring(last, end));
    int taken = end;
    int at = end;
    for (int words = 0; words < MAX_WORDS; words++) {
      int from = spaceAfter(text, at);
      int to = Math.max(from, 0);
      while (from > 0 && to < text.length() && (Character.isLetter(text.charAt(to))
          || Character.getType(text.charAt(to)) == Character.NON_SPACING_MARK
          || "-'’".indexOf(text.charAt(to)) >= 0)) {
        to++;
      }
      if (from < 0 || to < text.length() && joinsWord(text.charAt(to))) {
        break;
      }
      boolean possessive = text.startsWith("'s", to - 2) || text.startsWith("’s", to - 2);
      to -= possessive ? 2 : 0;
      while (to > from && "-'’".indexOf(text.charAt(to - 1)) >= 0) {
        to--;
      }
      String word = text.substring(from, to);
      if (to == from || held(names, from, to) && !afterParticle) {
        break;
      }
      boolean prefixed = word.startsWith("al-") || word.startsWith("el-");
      if (PARTICLES.contains(word) && !possessive) {
        afterParticle = true;
        at = to;
      } else if ((afterParticle || prefixed) && isNameAfterParticle(word)) {
        at = to;
        taken = to;
        if (possessive) {
          break;
        }
      } else {
        break;
      }
    }
    return taken;
  }

  /** A capitalised word that may follow a name's particle: no title, common word or street word. */
  private static boolean isNameAfterParticle(String word) {
    String w = word.startsWith("al-") || word.startsWith("el-") ? word.substring(3) : word;
    String key = key(w);
    return NAME_WORD.matcher(w).matches() && !GazetteerRecognizer.HONORIFICS.contains(key)
        && !STREET_WORDS.contains(key) && !PLACE_WORDS.contains(key)
        && (!NameModel.COMMON.contains(w.toLowerCase(Locale.ROOT)) || FIRST_NAMES.contains(key)
            || isSurname(w));
  }

  /** The start of the one space, tab or line break ending at {@code at}; -1 if there is none. */
  private static int spaceBefore(String text, int at) {
    return at >= 2 && text.startsWith("\r\n", at - 2) ? at - 2
        : at >= 1 && isNameSpace(text.charAt(at - 1)) ? at - 1 : -1;
  }

  /** The end of the one space, tab or line break starting at {@code at}; -1 if there is none. */
  private static int spaceAfter(String text, int at) {
    return text.startsWith("\r\n", at) ? at + 2
        : at < text.length() && isNameSpace(text.charAt(at)) ? at + 1 : -1;
  }

  private static boolean isNameSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /**
   * A capitalised word that is a given name here: no title, no word of a place's or street's
   * name, no common word starting a sentence.
   */
  private static boolean isGivenWord(String text, int at, String word) {
    return NAME_WORD.matcher(word).matches() && !isTitleOrPlaceWord(word)
        && (isUnlistedGivenName(word) || isGivenName(word)
            && !(startsSentence(text, at) && NameModel.COMMON.contains(word.toLowerCase(Locale.ROOT))));
  }

  private NameSpans() {
  }
}
