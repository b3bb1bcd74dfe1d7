package io.trainguard.classifiers;

/**
 * Unicode characters written in place of an ASCII one in personal data, which the recognizers
 * read as that ASCII character: a tab (digit groups pasted from a spreadsheet), no-break, thin,
 * figure and other fixed-width spaces as a space;
 * hyphens, the non-breaking hyphen, figure and en dashes and the minus sign as {@code -};
 * the one dot leader and small full stop as {@code .}, the small commercial at as {@code @};
 * the full-width forms of letters, digits and the symbols inside addresses and numbers
 * ({@code ＠ ． － ＋ ＿ ％}) as their ASCII originals, but not the full-width punctuation of
 * CJK prose ({@code ：，（）}), which marks where a value ends; decimal digits of other scripts,
 * super- and subscript digits and circled digits as {@code 0-9}. Each replaces one UTF-16 char by one, so an offset into the replaced
 * text, in chars or code points, is the same offset into the original, whose span is redacted.
 */
final class LookAlikes {

  private LookAlikes() {}

  /** {@code text} with its look-alikes replaced; the same instance when it has none. */
  static String replaced(String text) {
    char[] chars = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '\u00a0' && c != '\t') {
        continue;
      }
      char ascii = ascii(c);
      if (ascii != c) {
        if (chars == null) {
          chars = text.toCharArray();
        }
        chars[i] = ascii;
      }
    }
    return chars == null ? text : new String(chars);
  }

  /** The ASCII char {@code c} stands for, or {@code c}. */
  static char ascii(char c) {
    if (c >= '\uff21' && c <= '\uff3a' || c >= '\uff41' && c <= '\uff5a') {
      return (char) (c - ('\uff01' - '!'));
    }
    switch (c) {
      case '\uff20', '\uff0e', '\uff0d', '\uff0b', '\uff3f', '\uff05':
        return (char) (c - ('\uff01' - '!'));
      case '\t', '\u00a0', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008',
          '\u2009', '\u200a', '\u202f', '\u205f', '\u3000':
        return ' ';
      case '\u2010', '\u2011', '\u2012', '\u2013', '\u2212', '\ufe63':
        return '-';
      case '\u2024', '\ufe52':
        return '.';
      case '\ufe6b':
        return '@';
      case '\u2070', '\u24ea':
        return '0';
      case '\u00b9':
        return '1';
      case '\u00b2':
        return '2';
      case '\u00b3':
        return '3';
      default:
        if (c >= '\u2074' && c <= '\u2079' || c >= '\u2080' && c <= '\u2089') {
          return (char) ('0' + (c - '\u2070') % 16); // super- and subscript digits
        }
        if (c >= '\u2460' && c <= '\u2468') {
          return (char) ('1' + (c - '\u2460')); // circled digits
        }
        return Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER
            ? (char) ('0' + Character.digit(c, 10)) : c;
    }
  }
}
