package io.trainguard.jobs.format;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.metadata.Metadata;

/**
 * The people a document's metadata names (its author, creator, last modifier, ..., the display
 * names of a mail's sender and recipients), kept when they read as a person's name: a company, a
 * placeholder account or a tool ({@code Acme Corp}, {@code Administrator}, {@code Microsoft
 * Office User}, {@code Apache POI}) or an address is none.
 */
final class MetadataAuthors {

  /** A value written {@code NAME <address>}, as a mail's sender is. */
  private static final Pattern NAME_AND_ADDRESS = Pattern.compile("(.*?)\\s*<[^<>]*>");
  /** Words of at least two letters, joined by a space, a dot, an apostrophe or a hyphen. */
  private static final Pattern NAME = Pattern.compile(
      "\\p{L}[\\p{L}\\p{M}]*\\.?(?:(?:[ '’-]|\\. ?)\\p{L}[\\p{L}\\p{M}]*\\.?){0,4}");
  /** Words no person's name holds: companies, placeholder accounts, software. */
  private static final Set<String> NOT_NAMES = Set.of(
      "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "gmbh",
      "ag", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "ab", "co", "company", "group",
      "holding", "holdings", "team", "department", "dept", "division", "university", "school",
      "office", "services", "solutions", "systems", "technologies", "software", "bank",
      "admin", "administrator", "administrators", "user", "users", "owner", "guest", "unknown",
      "author", "default", "root", "system", "test", "none", "anonymous", "customer", "client",
      "staff", "support", "sales", "hr", "it", "microsoft", "windows", "word", "excel",
      "powerpoint", "outlook", "libreoffice", "openoffice", "writer", "calc", "impress",
      "acrobat", "adobe", "distiller", "pdfmaker", "pdf", "apache", "poi", "tika", "pdfbox",
      "google", "docs", "pages", "keynote", "quartz", "ghostscript", "latex", "pdftex",
      "scanner", "printer", "canon", "xerox", "ricoh", "brother", "epson", "hp");

  private MetadataAuthors() {}

  /** Adds to {@code authors} each value of {@code metadata} that names a person. */
  static void addTo(Set<String> authors, Metadata metadata) {
    for (String key : metadata.names()) {
      if (!"PERSON".equals(DocumentMetadata.forcedEntity(key)) && !isMailName(key)) {
        continue;
      }
      for (String value : metadata.getValues(key)) {
        String name = name(value);
        if (name != null) {
          authors.add(name);
        }
      }
    }
  }

  /** {@code Message:From-Name}, {@code Message:To-Name}, ...: display names Tika takes apart. */
  private static boolean isMailName(String key) {
    return key.startsWith("Message:") && key.endsWith("-Name");
  }

  /** {@code value} without the address it may carry, when it reads as a name; else null. */
  static String name(String value) {
    Matcher withAddress = NAME_AND_ADDRESS.matcher(value.strip());
    String name = (withAddress.matches() ? withAddress.group(1) : value).strip();
    if (name.length() > 1 && (name.charAt(0) == '"' || name.charAt(0) == '\'')
        && name.charAt(name.length() - 1) == name.charAt(0)) {
      name = name.substring(1, name.length() - 1).strip();
    }
    if (name.length() < 3 || name.length() > 100 || !NAME.matcher(name).matches()) {
      return null;
    }
    for (String word : name.toLowerCase(Locale.ROOT).split("[ .'’-]+")) {
      if (NOT_NAMES.contains(word)) {
        return null;
      }
    }
    return name;
  }
}
