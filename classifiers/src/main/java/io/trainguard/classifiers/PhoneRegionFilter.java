package io.trainguard.classifiers;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.RegionMetadataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A necessary condition, from libphonenumber's own metadata, for {@code findNumbers} under one
 * default region to find a valid number. Without '+' or the region's international prefix, a
 * match keeps the region's calling code and its national number is a run of the window's digits
 * (the region's national prefix only strips leading digits, never rewrites them); such a number
 * is valid only if, for one region of that calling code, it has a length and pattern of the
 * general description and the pattern of one number type. Also gives those lengths.
 */
final class PhoneRegionFilter {

  /** Valid national numbers of one length in one region: general and type patterns. */
  private record Check(int length, Pattern general, Pattern types) {}

  private final Pattern internationalPrefix;
  private final List<Check> checks = new ArrayList<>();

  PhoneRegionFilter(String region) {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    RegionMetadataSource metadata = DefaultMetadataDependenciesProvider.getInstance()
        .getPhoneNumberMetadataSource();
    PhoneMetadata own = metadata.getMetadataForRegion(region);
    if (own.hasNationalPrefixTransformRule()) {
      throw new IllegalArgumentException("Region " + region + " rewrites national numbers");
    }
    internationalPrefix = Pattern.compile(own.getInternationalPrefix());
    for (String r : util.getRegionCodesForCountryCode(util.getCountryCodeForRegion(region))) {
      PhoneMetadata m = metadata.getMetadataForRegion(r);
      PhoneNumberDesc general = m.getGeneralDesc();
      if (general.getPossibleLengthCount() == 0) {
        throw new IllegalArgumentException("Region " + r + " lists no possible lengths");
      }
      Pattern generalPattern = Pattern.compile(general.getNationalNumberPattern());
      List<PhoneNumberDesc> types = List.of(m.getFixedLine(), m.getMobile(), m.getTollFree(),
          m.getPremiumRate(), m.getSharedCost(), m.getPersonalNumber(), m.getVoip(),
          m.getPager(), m.getUan(), m.getVoicemail());
      for (int length : general.getPossibleLengthList()) {
        List<String> alternatives = new ArrayList<>();
        for (PhoneNumberDesc type : types) {
          if (!type.getNationalNumberPattern().isEmpty() && (type.getPossibleLengthCount() == 0
              || type.getPossibleLengthList().contains(length))) {
            alternatives.add("(?:" + type.getNationalNumberPattern() + ")");
          }
        }
        if (!alternatives.isEmpty()) {
          checks.add(new Check(length, generalPattern,
              Pattern.compile(String.join("|", alternatives))));
        }
      }
    }
  }

  /**
   * The lengths of valid national numbers of {@code region}'s calling code: those of the general
   * description of each region that shares it.
   */
  static int[] validLengths(String region) {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    RegionMetadataSource metadata = DefaultMetadataDependenciesProvider.getInstance()
        .getPhoneNumberMetadataSource();
    TreeSet<Integer> lengths = new TreeSet<>();
    for (String r : util.getRegionCodesForCountryCode(util.getCountryCodeForRegion(region))) {
      PhoneNumberDesc general = metadata.getMetadataForRegion(r).getGeneralDesc();
      if (general.getPossibleLengthCount() == 0) {
        throw new IllegalArgumentException("Region " + r + " lists no possible lengths");
      }
      lengths.addAll(general.getPossibleLengthList());
    }
    return lengths.stream().mapToInt(Integer::intValue).toArray();
  }

  /** False when no match of {@code window} (phone characters only) can be a valid number. */
  boolean mayHoldValid(String window) {
    if (window.indexOf('+') >= 0) {
      return true;
    }
    StringBuilder digits = new StringBuilder(window.length());
    for (int i = 0; i < window.length(); i++) {
      char c = window.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    Matcher idd = internationalPrefix.matcher(digits);
    for (int i = 0; i < digits.length(); i++) {
      if (idd.region(i, digits.length()).lookingAt()) {
        return true;
      }
    }
    for (Check check : checks) {
      if (check.length() > digits.length()) {
        continue;
      }
      Matcher general = check.general().matcher(digits);
      Matcher types = null; // made only where the general pattern matches
      for (int i = 0; i + check.length() <= digits.length(); i++) {
        int end = i + check.length();
        if (general.region(i, end).matches()) {
          types = types == null ? check.types().matcher(digits) : types;
          if (types.region(i, end).matches()) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
