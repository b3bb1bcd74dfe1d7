package io.trainguard.samples.corpus;

import java.util.List;

/**
 * The entity types of the corpus, in Presidio's names, with their value generators and
 * sentences. Templates name no person, place, date or time, so every span is labelled.
 */
final class EntityCatalog {

  private EntityCatalog() {}

  static final List<EntityType> TYPES = List.of(
      new EntityType("CREDIT_CARD", FinanceValues::creditCard, List.of(
          "Please charge my credit card {} for the renewal.",
          "Card number: {}",
          "Payment failed for card {}, please retry.",
          "My visa is {}.")),
      new EntityType("US_SSN", IdentityValues::usSsn, List.of(
          "SSN: {}",
          "Her social security number is {}.",
          "Please verify the SSN {} on the W-2 form.",
          "ssn={}")),
      new EntityType("US_ITIN", IdentityValues::usItin, List.of(
          "ITIN: {}",
          "The taxpayer's ITIN is {}.",
          "Individual Taxpayer Identification Number {} was issued.")),
      new EntityType("US_PASSPORT", IdentityValues::usPassport, List.of(
          "Passport number: {}",
          "The applicant's passport {} must be renewed.",
          "passport no. {}")),
      new EntityType("US_DRIVER_LICENSE", IdentityValues::usDriverLicense, List.of(
          "Driver's license number {}",
          "DL# {}",
          "driver license: {}",
          "The applicant's driving licence is {}.")),
      new EntityType("US_BANK_NUMBER", FinanceValues::usBankNumber, List.of(
          "Bank account number: {}",
          "acct # {}",
          "Please deposit the refund to checking account {}.")),
      new EntityType("ABA_ROUTING_NUMBER", FinanceValues::abaRouting, List.of(
          "Routing number: {}",
          "ABA {}",
          "The ABA routing number is {}.",
          "RTN {} (wire)")),
      new EntityType("US_NPI", IdentityValues::usNpi, List.of(
          "NPI: {}",
          "Provider NPI {} is on file.",
          "National Provider Identifier {}")),
      new EntityType("US_MBI", IdentityValues::usMbi, List.of(
          "MBI: {}",
          "Medicare number {}",
          "Medicare Beneficiary Identifier: {}")),
      new EntityType("MEDICAL_LICENSE", IdentityValues::deaNumber, List.of(
          "DEA number {}",
          "DEA# {}",
          "Prescriber DEA registration: {}",
          "medical license {}")),
      new EntityType("EMAIL_ADDRESS", ContactValues::email, List.of(
          "Email: {}",
          "Contact me at {}.",
          "Please send the invoice to {}",
          "The e-mail to {} bounced.")),
      new EntityType("PHONE_NUMBER", ContactValues::phone, List.of(
          "Phone: {}",
          "Call me on {}.",
          "Mobile {}",
          "tel. {}",
          "You can reach the office at {} any weekday.")),
      new EntityType("IP_ADDRESS", ContactValues::ipAddress, List.of(
          "Login from IP address {}.",
          "client ip={}",
          "The server {} refused the connection.",
          "Blocked host {} after repeated failures.")),
      new EntityType("MAC_ADDRESS", ContactValues::macAddress, List.of(
          "MAC address {}",
          "Device MAC: {}",
          "The adapter reports hardware address {}.")),
      new EntityType("URL", ContactValues::url, List.of(
          "Visit {} to update your preferences.",
          "Link: {}",
          "Please open {} and sign in.",
          "website: {}")),
      new EntityType("IBAN_CODE", FinanceValues::iban, List.of(
          "IBAN: {}",
          "Please wire the refund to IBAN {}.",
          "Bank details: IBAN {}",
          "Her IBAN is {}.")),
      new EntityType("CRYPTO", FinanceValues::bitcoinAddress, List.of(
          "Send the BTC to {}.",
          "Bitcoin address: {}",
          "Refunds go to wallet {}")),
      new EntityType("DATE_TIME", PeopleValues::date, List.of(
          "Date of birth: {}",
          "DOB {}",
          "She was born on {}.",
          "Appointment scheduled for {}.",
          "The patient was admitted on {}.")),
      new EntityType("UK_NHS", IdentityValues::ukNhs, List.of(
          "NHS number: {}",
          "NHS no. {}",
          "Patient NHS number {} is registered with the practice.")),
      new EntityType("UK_NINO", IdentityValues::ukNino, List.of(
          "National Insurance number: {}",
          "NINO {}",
          "Her NI number is {}.")),
      new EntityType("UK_POSTCODE", ContactValues::ukPostcode, List.of(
          "Postcode: {}",
          "Please deliver to postcode {}.",
          "post code {}")),
      new EntityType("CA_SIN", IdentityValues::caSin, List.of(
          "SIN: {}",
          "Social Insurance Number {}",
          "Her SIN is {}.")),
      new EntityType("AU_TFN", IdentityValues::auTfn, List.of(
          "TFN: {}",
          "Tax File Number {}",
          "My tax file number is {}.")),
      new EntityType("AU_ABN", IdentityValues::auAbn, List.of(
          "ABN: {}",
          "Australian Business Number {}",
          "The supplier's ABN is {}.")),
      new EntityType("IN_AADHAAR", IdentityValues::inAadhaar, List.of(
          "Aadhaar: {}",
          "Aadhaar number {}",
          "UIDAI number {} was linked.")),
      new EntityType("IN_PAN", IdentityValues::inPan, List.of(
          "PAN: {}",
          "PAN card number {}",
          "Permanent Account Number {}")),
      new EntityType("DE_TAX_ID", IdentityValues::deTaxId, List.of(
          "Steuer-ID: {}",
          "Steueridentifikationsnummer {}",
          "German tax ID {}",
          "IdNr {}")),
      new EntityType("ES_NIF", IdentityValues::esNif, List.of(
          "NIF: {}",
          "DNI {}",
          "Documento Nacional de Identidad: {}")),
      new EntityType("IT_FISCAL_CODE", IdentityValues::itFiscalCode, List.of(
          "Codice fiscale: {}",
          "Her codice fiscale is {}.",
          "CF {}")),
      new EntityType("PL_PESEL", IdentityValues::plPesel, List.of(
          "PESEL: {}",
          "numer PESEL {}",
          "PESEL number {} was confirmed.")),
      new EntityType("SG_NRIC_FIN", IdentityValues::sgNric, List.of(
          "NRIC: {}",
          "NRIC/FIN {}",
          "Her FIN number is {}.")),
      new EntityType("AWS_ACCESS_KEY", SecretValues::awsAccessKey, List.of(
          "aws_access_key_id = {}",
          "AWS access key: {}",
          "AWS_ACCESS_KEY_ID={}")),
      new EntityType("AWS_SECRET_KEY", SecretValues::awsSecretKey, List.of(
          "aws_secret_access_key = {}",
          "AWS_SECRET_ACCESS_KEY={}",
          "AWS secret key: {}")),
      new EntityType("PRIVATE_KEY", SecretValues::privateKey, List.of(
          "Here is the deploy key:\n{}\n",
          "private key:\n{}",
          "id_rsa contents:\n{}\n"), List.of(
          "Found this in the old backup:\n{}\n",
          "{}\n(pasted without comment)")),
      new EntityType("JWT", SecretValues::jwt, List.of(
          "Authorization: Bearer {}",
          "id_token={}",
          "JWT: {}",
          "The access token {} expired.")),
      new EntityType("GITHUB_TOKEN", SecretValues::githubToken, List.of(
          "GITHUB_TOKEN={}",
          "GitHub token: {}",
          "export GH_TOKEN={}")),
      new EntityType("SLACK_TOKEN", SecretValues::slackToken, List.of(
          "SLACK_BOT_TOKEN={}",
          "Slack token: {}",
          "The slack bot token {} was revoked.")),
      new EntityType("GENERIC_API_KEY", SecretValues::genericApiKey, List.of(
          "api_key={}",
          "X-API-Key: {}",
          "API key: {}",
          "apikey: \"{}\"")),
      new EntityType("PASSWORD", SecretValues::password, List.of(
          "password: {}",
          "pwd={}",
          "My password is {}",
          "PASSWORD='{}'",
          "Log in with the password {} and change it.")),
      new EntityType("PERSON", PeopleValues::person, List.of(
          "Patient name: {}",
          "Contact person: {}.",
          "{} signed the consent form.",
          "Dear {},",
          "The ticket was opened by {}.")),
      new EntityType("LOCATION", PeopleValues::location, List.of(
          "Shipping destination: {}",
          "He lives in {}.",
          "Our branch in {} handles the case.",
          "Place of residence: {}")));
}
