package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * People's names written in Cyrillic, Greek, Han, kana, Hangul, Hebrew and Arabic script
 * ({@link ScriptNames}), and the words of those scripts that are no name.
 */
class ScriptNamesTest {

  private static final Analyzer DEFAULTS = Analyzer.defaults();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Привет, это Дмитрий Иванович Соколов, мой номер +7 916 123-45-67. | 12 | 36
      Контакт: Иван Петров                                               | 9  | 20
      Клиент Ольга Смирнова пожаловалась                                 | 7  | 21
      Ο Γιώργος Παπαδόπουλος είπε                                        | 2  | 22
      我的同事李娜说好                                                     | 4  | 6
      联系人：王伟，电话 13812345678                                        | 4  | 6
      김민준 고객님                                                        | 0  | 3
      اسمي محمد علي                                                      | 5  | 13
      שלום, שמי יוסי כהן ואני גר ברחוב הרצל 15, תל אביב.                  | 10 | 18
      Соколов Дмитрий Иванович позвонил вчера                            | 0  | 24
      Вчера звонила Ольга, просила перезвонить                           | 14 | 19
      Тарас Шевченко                                                     | 0  | 14
      Η Μαρία Οικονόμου τηλεφώνησε                                       | 2  | 17
      王先生明天来                                                        | 0  | 1
      王小明说他明天来                                                     | 0  | 3
      欧阳娜娜女士已经到了                                                  | 0  | 4
      姓名：張偉                                                          | 3  | 5
      田中さんは会議中です                                                  | 0  | 2
      山田太郎様へ                                                         | 0  | 4
      スミスさんから電話がありました                                         | 0  | 3
      박서연님께서 문의하셨습니다                                             | 0  | 3
      이름: 최지우                                                         | 4  | 7
      제 이름은 정하늘입니다                                                 | 6  | 9
      السيد أحمد حسن                                                     | 6  | 14
      שם: דנה לוי                                                        | 4  | 11
      """)
  void findsTheName(String text, int start, int end) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .filteredOn(f -> f.entity().equals("PERSON"))
        .extracting(Finding::start, Finding::end)
        .containsExactly(tuple(start, end));
  }

  /** A transcription in brackets after a name the model found is the same person's. */
  @Test
  void findsATranscriptionInBracketsAfterAName() {
    String text = "Customer Seo-yeon Park (박서연) asked for a refund";
    assertThat(DEFAULTS.analyze(text))
        .filteredOn(f -> f.entity().equals("PERSON"))
        .extracting(Finding::start, Finding::end)
        .containsExactlyInAnyOrder(tuple(9, 22), tuple(24, 27));
  }

  /** The phone numbers beside a name are found as before. */
  @Test
  void findsThePhoneBesideTheName() {
    assertThat(DEFAULTS.analyze("联系人：王伟，电话 13812345678"))
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactlyInAnyOrder(tuple("PERSON", 4, 6), tuple("PHONE_NUMBER", 10, 21));
  }

  /** A Hebrew street, its number and its town, after the street word. */
  @Test
  void findsAHebrewStreetAddress() {
    assertThat(DEFAULTS.analyze("שלום, שמי יוסי כהן ואני גר ברחוב הרצל 15, תל אביב."))
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactlyInAnyOrder(tuple("PERSON", 10, 18), tuple("LOCATION", 28, 49));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Сегодня в Москве идёт снег.",
      "Москва — столица России.",
      "Вчера мы были в Ростове и Казани.",
      "Машина стоит у дома.",
      "Новый Уренгой находится на севере.",
      "Нижний Новгород — большой город.",
      "Сегодня Россия и Франция подписали договор.",
      "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
      "Σήμερα ο καιρός είναι καλός στη Θεσσαλονίκη.",
      "王国的历史很长。",
      "他张开眼睛。",
      "我很高兴见到你。",
      "周末我们去公园。",
      "黄金价格上涨了。",
      "他高兴地说好。",
      "我很高兴说实话。",
      "这个方法很好。",
      "お客様へのお知らせ",
      "皆様、こんにちは",
      "様々な問題があります",
      "お母さんと話した",
      "이번 주말에 장소를 정했어요",
      "정말 감사합니다",
      "선생님께 물어보세요",
      "손님이 오셨어요",
      "고객님 감사합니다",
      "사장님께서 말씀하셨어요",
      "יש שם הרבה אנשים",
      "في المدينة القديمة"})
  void findsNoNameInOrdinaryWords(String text) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .filteredOn(f -> f.entity().equals("PERSON"))
        .isEmpty();
  }
}
