package io.trainguard.jobs.macie;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Macie managed data identifier ids onto Presidio entity names. */
class MacieEntitiesTest {

  @ParameterizedTest
  @CsvSource({
      "CREDIT_CARD_NUMBER, CREDIT_CARD",
      "CREDIT_CARD_NUMBER_(NO_KEYWORD), CREDIT_CARD",
      "USA_SOCIAL_SECURITY_NUMBER, US_SSN",
      "USA_PASSPORT_NUMBER, US_PASSPORT",
      "DRIVERS_LICENSE, US_DRIVER_LICENSE",
      "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER, US_ITIN",
      "BANK_ACCOUNT_NUMBER, US_BANK_NUMBER",
      "PHONE_NUMBER, PHONE_NUMBER",
      "UK_PHONE_NUMBER, PHONE_NUMBER",
      "NAME, PERSON",
      "ADDRESS, LOCATION",
      "DATE_OF_BIRTH, DATE_TIME",
      "AWS_CREDENTIALS, AWS_SECRET_KEY",
      "OPENSSH_PRIVATE_KEY, PRIVATE_KEY",
      "PGP_PRIVATE_KEY, PRIVATE_KEY",
      "PKCS, PRIVATE_KEY",
      "PUTTY_PRIVATE_KEY, PRIVATE_KEY",
      "JSON_WEB_TOKEN, JWT",
      "UK_NATIONAL_INSURANCE_NUMBER, UK_NINO",
      "UK_NHS_NUMBER, UK_NHS",
      "CANADA_SOCIAL_INSURANCE_NUMBER, CA_SIN",
      "AUSTRALIA_TAX_FILE_NUMBER, AU_TFN",
      "INDIA_AADHAAR_NUMBER, IN_AADHAAR",
      "INDIA_PERMANENT_ACCOUNT_NUMBER, IN_PAN",
      "GERMANY_TAX_IDENTIFICATION_NUMBER, DE_TAX_ID",
      "SPAIN_NIF_NUMBER, ES_NIF",
      "SPAIN_NIE_NUMBER, ES_NIE",
      "SPAIN_DNI_NUMBER, ES_NIF",
      "ITALY_PASSPORT_NUMBER, IT_PASSPORT",
      "ITALY_DRIVERS_LICENSE, IT_DRIVER_LICENSE",
      "NETHERLANDS_BANK_ACCOUNT_NUMBER, IBAN_CODE",
      "CZECH_REPUBLIC_BANK_ACCOUNT_NUMBER, IBAN_CODE",
      "DOMINICAN_REPUBLIC_BANK_ACCOUNT_NUMBER, IBAN_CODE",
      "EGYPT_BANK_ACCOUNT_NUMBER, IBAN_CODE",
      "LATITUDE_LONGITUDE, LOCATION",
      "ITALY_NATIONAL_IDENTIFICATION_NUMBER, IT_FISCAL_CODE",
      "USA_NATIONAL_PROVIDER_IDENTIFIER, US_NPI",
      "USA_MEDICARE_BENEFICIARY_IDENTIFIER, US_MBI",
      "US_DRUG_ENFORCEMENT_AGENCY_NUMBER, MEDICAL_LICENSE",
      // no Presidio counterpart: Macie's id is kept
      "USA_HEALTHCARE_PROCEDURE_CODE, USA_HEALTHCARE_PROCEDURE_CODE",
      "CREDIT_CARD_SECURITY_CODE, CREDIT_CARD_SECURITY_CODE",
      "FRANCE_BANK_ACCOUNT_NUMBER, FRANCE_BANK_ACCOUNT_NUMBER",
      "HTTP_COOKIE, HTTP_COOKIE",
      "VEHICLE_IDENTIFICATION_NUMBER, VEHICLE_IDENTIFICATION_NUMBER",
      "GCP_API_KEY, GCP_API_KEY",
      "MEDICAL_DEVICE_UDI, MEDICAL_DEVICE_UDI",
      "EUROPEAN_HEALTH_INSURANCE_CARD_NUMBER, EUROPEAN_HEALTH_INSURANCE_CARD_NUMBER",
      // names Macie does not emit are not mapped (Bedrock's NHS name, Presidio's e-mail, ...)
      "UK_NATIONAL_HEALTH_SERVICE_NUMBER, UK_NATIONAL_HEALTH_SERVICE_NUMBER",
      "EMAIL_ADDRESS, EMAIL_ADDRESS",
      "CZECHIA_BANK_ACCOUNT_NUMBER, CZECHIA_BANK_ACCOUNT_NUMBER",
      "POLAND_NATIONAL_IDENTIFICATION_NUMBER, POLAND_NATIONAL_IDENTIFICATION_NUMBER",
      "SOME_FUTURE_IDENTIFIER, SOME_FUTURE_IDENTIFIER"})
  void mapsManagedIdentifiers(String macie, String entity) {
    assertThat(MacieEntities.managed(macie)).isEqualTo(entity);
  }

  @Test
  void mapsOnlyDocumentedIdentifiersAndListsEveryOneNamedInTheIssue() {
    assertThat(MacieEntities.documented()).hasSize(166)
        .containsAll(MacieEntities.table().keySet())
        .contains("CREDIT_CARD_SECURITY_CODE", "CREDIT_CARD_EXPIRATION",
            "CREDIT_CARD_MAGNETIC_STRIPE", "LATITUDE_LONGITUDE", "HTTP_COOKIE",
            "VEHICLE_IDENTIFICATION_NUMBER", "GCP_API_KEY", "HTTP_BASIC_AUTH_HEADER",
            "USA_HEALTH_INSURANCE_CLAIM_NUMBER", "CANADA_HEALTH_NUMBER", "UK_NHS_NUMBER",
            "MEDICAL_DEVICE_UDI", "FINLAND_EUROPEAN_HEALTH_INSURANCE_NUMBER")
        .allMatch(id -> id.matches("[A-Z][A-Z_]*[A-Z]|CREDIT_CARD_NUMBER_\\(NO_KEYWORD\\)"))
        .doesNotContain("UK_NATIONAL_HEALTH_SERVICE_NUMBER", "EMAIL_ADDRESS",
            "CZECHIA_BANK_ACCOUNT_NUMBER", "POLAND_NATIONAL_IDENTIFICATION_NUMBER");
    assertThat(MacieEntities.table()).hasSize(88);
    assertThat(MacieEntities.entities()).contains("ES_NIE", "IBAN_CODE", "HTTP_COOKIE",
        "FRANCE_BANK_ACCOUNT_NUMBER").doesNotContain("NETHERLANDS_BANK_ACCOUNT_NUMBER", "NAME");
  }

  /** The ids Amazon's financial reference lists under IBAN, less the five that also read BBANs. */
  @Test
  void mapsExactlyTheIbanOnlyBankAccountIdsToIbanCode() {
    String iban = "ALBANIA ANDORRA BOSNIA_AND_HERZEGOVINA BRAZIL BULGARIA COSTA_RICA CROATIA"
        + " CYPRUS CZECH_REPUBLIC DENMARK DOMINICAN_REPUBLIC EGYPT ESTONIA FAROE_ISLANDS FINLAND"
        + " GEORGIA GREECE GREENLAND HUNGARY ICELAND IRELAND JORDAN KOSOVO LIECHTENSTEIN LITHUANIA"
        + " MALTA MAURITANIA MAURITIUS MONACO MONTENEGRO NETHERLANDS NORTH_MACEDONIA POLAND"
        + " PORTUGAL SAN_MARINO SENEGAL SERBIA SLOVAKIA SLOVENIA SWEDEN SWITZERLAND TIMOR_LESTE"
        + " TUNISIA TURKIYE UKRAINE UNITED_ARAB_EMIRATES VIRGIN_ISLANDS";
    assertThat(MacieEntities.table().entrySet().stream()
        .filter(e -> e.getValue().equals("IBAN_CODE")).map(java.util.Map.Entry::getKey))
        .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(iban.split(" "))
            .map(country -> country + "_BANK_ACCOUNT_NUMBER").toList());
    for (String both : new String[] {"FRANCE", "GERMANY", "ITALY", "SPAIN", "UK"}) {
      assertThat(MacieEntities.managed(both + "_BANK_ACCOUNT_NUMBER"))
          .isEqualTo(both + "_BANK_ACCOUNT_NUMBER");
    }
  }

  @ParameterizedTest
  @CsvSource({
      "AWS_CREDENTIALS, true", "GCP_API_KEY, true", "HTTP_BASIC_AUTH_HEADER, true",
      "STRIPE_CREDENTIALS, true", "JSON_WEB_TOKEN, true", "PKCS, true",
      "SOME_FUTURE_KEY, true", "SOME_FUTURE_TOKEN, true", "OTHER_CLOUD_CREDENTIALS, true",
      "SOME_CLIENT_SECRET, true", "AZURE_SECRET_VALUE, true", "SECRETARY_NAME, false",
      "CREDIT_CARD_NUMBER, false", "HTTP_COOKIE, false", "NAME, false", "SOME_FUTURE_NUMBER, false"})
  void credentialIdentifiers(String macie, boolean credential) {
    assertThat(MacieEntities.credential(macie)).isEqualTo(credential);
  }
}
