package io.trainguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeneralizeTest {

  @ParameterizedTest(name = "{0}({1}) -> {2}")
  @CsvSource(delimiter = '|', emptyValue = "", value = {
      "zip|94103|941**",
      "zip|94103-1234|941**",
      "zip|941031234|941**",
      "zip|03601|000**",
      "zip|89301-0000|000**",
      "zip|9410|<X>",
      "zip|94103-12|<X>",
      "zip|ABCDE|<X>",
      "year|1985-03-12|1985",
      "year|March 12, 1985|1985",
      "year|12.03.1985|1985",
      "year|1985-02-30|<X>",
      "month|1985-03-12|1985-03",
      "month|25/12/1985|1985-12",
      "month|1st Sept 1985|1985-09",
      "month|2025-08-02T09:15:00+02:00|2025-08",
      "month|2024-03-05T12:00:00Z|2024-03",
      "year|2024-03-05t12:00:00.123456z|2024",
      "month|2024-03-05T24:00:00Z|<X>",
      "month|2024-03-05T12:00:00Zulu|<X>",
      "ipv4|10.1.2.3|10.1.2.0/24",
      "ipv4|192.168.001.254|192.168.1.0/24",
      "ipv4|255.255.255.255|255.255.255.0/24",
      "ipv4|256.1.2.3|<X>",
      "ipv4|10.1.2.300|<X>",
      "ipv4|::1|<X>",
      "ipv4|2001:db8::1|<X>",
      "age|0|0-4",
      "age|7|5-9",
      "age|35|35-39",
      "age|39|35-39",
      "age|89|85-89",
      "age|90|90+",
      "age|150|90+",
      "age|151|<X>",
      "age|-3|<X>",
      "age|35 years|<X>",
      "age|''|<X>",
  })
  void table(String kind, String value, String expected) {
    assertThat(Operator.parse("generalize[" + kind + "]").apply("X", value)).isEqualTo(expected);
  }
}
