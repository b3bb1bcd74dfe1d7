package io.trainguard.jobs.macie;

import java.util.Map;
import java.util.Set;

/**
 * Macie managed data identifier ids mapped onto Presidio entity names (DESIGN.md). Ids without a
 * Presidio counterpart (e.g. {@code CREDIT_CARD_SECURITY_CODE}, {@code USA_HEALTHCARE_PROCEDURE_CODE})
 * and custom data identifiers keep their own names.
 */
public final class MacieEntities {

  private static final Map<String, String> MANAGED = Map.ofEntries(
      // financial
      Map.entry("CREDIT_CARD_NUMBER", "CREDIT_CARD"),
      Map.entry("CREDIT_CARD_NUMBER_(NO_KEYWORD)", "CREDIT_CARD"),
      Map.entry("BANK_ACCOUNT_NUMBER", "US_BANK_NUMBER"),
      // United States (the US driver's licence id has no country prefix in Macie)
      Map.entry("USA_SOCIAL_SECURITY_NUMBER", "US_SSN"),
      Map.entry("USA_PASSPORT_NUMBER", "US_PASSPORT"),
      Map.entry("DRIVERS_LICENSE", "US_DRIVER_LICENSE"),
      Map.entry("USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "US_ITIN"),
      Map.entry("USA_NATIONAL_PROVIDER_IDENTIFIER", "US_NPI"),
      Map.entry("USA_MEDICARE_BENEFICIARY_IDENTIFIER", "US_MBI"),
      Map.entry("US_DRUG_ENFORCEMENT_AGENCY_NUMBER", "MEDICAL_LICENSE"),
      // people, contact, places, dates
      Map.entry("NAME", "PERSON"),
      Map.entry("ADDRESS", "LOCATION"),
      Map.entry("DATE_OF_BIRTH", "DATE_TIME"),
      Map.entry("EMAIL_ADDRESS", "EMAIL_ADDRESS"),
      Map.entry("PHONE_NUMBER", "PHONE_NUMBER"),
      Map.entry("BRAZIL_PHONE_NUMBER", "PHONE_NUMBER"),
      Map.entry("FRANCE_PHONE_NUMBER", "PHONE_NUMBER"),
      Map.entry("GERMANY_PHONE_NUMBER", "PHONE_NUMBER"),
      Map.entry("ITALY_PHONE_NUMBER", "PHONE_NUMBER"),
      Map.entry("SPAIN_PHONE_NUMBER", "PHONE_NUMBER"),
      Map.entry("UK_PHONE_NUMBER", "PHONE_NUMBER"),
      // credentials (AWS_CREDENTIALS is Macie's AWS secret access key identifier)
      Map.entry("AWS_CREDENTIALS", "AWS_SECRET_KEY"),
      Map.entry("OPENSSH_PRIVATE_KEY", "PRIVATE_KEY"),
      Map.entry("PGP_PRIVATE_KEY", "PRIVATE_KEY"),
      Map.entry("PKCS", "PRIVATE_KEY"),
      Map.entry("PUTTY_PRIVATE_KEY", "PRIVATE_KEY"),
      Map.entry("JSON_WEB_TOKEN", "JWT"),
      // United Kingdom, Canada, Australia
      Map.entry("UK_NATIONAL_INSURANCE_NUMBER", "UK_NINO"),
      Map.entry("UK_NHS_NUMBER", "UK_NHS"),
      Map.entry("CANADA_SOCIAL_INSURANCE_NUMBER", "CA_SIN"),
      Map.entry("AUSTRALIA_TAX_FILE_NUMBER", "AU_TFN"),
      // India, Europe
      Map.entry("INDIA_AADHAAR_NUMBER", "IN_AADHAAR"),
      Map.entry("INDIA_PERMANENT_ACCOUNT_NUMBER", "IN_PAN"),
      Map.entry("GERMANY_TAX_IDENTIFICATION_NUMBER", "DE_TAX_ID"),
      Map.entry("SPAIN_NIF_NUMBER", "ES_NIF"),
      Map.entry("SPAIN_NIE_NUMBER", "ES_NIF"),
      Map.entry("SPAIN_DNI_NUMBER", "ES_NIF"),
      Map.entry("ITALY_NATIONAL_IDENTIFICATION_NUMBER", "IT_FISCAL_CODE"),
      Map.entry("POLAND_NATIONAL_IDENTIFICATION_NUMBER", "PL_PESEL"));

  /** Managed data identifier ids without a Presidio counterpart: findings keep these names. */
  private static final Set<String> UNMAPPED = Set.of("CREDIT_CARD_SECURITY_CODE",
      "CREDIT_CARD_EXPIRATION", "CREDIT_CARD_MAGNETIC_STRIPE", "USA_HEALTHCARE_PROCEDURE_CODE",
      "USA_HEALTH_INSURANCE_CLAIM_NUMBER", "USA_NATIONAL_DRUG_CODE", "HTTP_COOKIE",
      "HTTP_BASIC_AUTH_HEADER", "LATITUDE_LONGITUDE", "VEHICLE_IDENTIFICATION_NUMBER");

  private MacieEntities() {}

  /** The entity names of managed data identifiers' findings: mapped ones and unmapped ids. */
  public static Set<String> entities() {
    Set<String> all = new java.util.HashSet<>(MANAGED.values());
    all.addAll(UNMAPPED);
    return Set.copyOf(all);
  }

  /** The Presidio entity for a managed data identifier id; unknown ids map to themselves. */
  public static String managed(String macieType) {
    return MANAGED.getOrDefault(macieType, macieType);
  }

  /** Every mapped managed data identifier id and its entity. */
  public static Map<String, String> table() {
    return MANAGED;
  }
}
