package io.trainguard.classifiers;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * People's names written in Cyrillic, Greek, Han, kana, Hangul, Hebrew or Arabic script, which the
 * name model (trained on English) never reads: by the evidence each script gives of a name.
 * Cyrillic and Greek capitalise names as English does: a run of capitalised words is a name when a
 * word is a patronymic or has a surname's ending ({@code -енко}, {@code -πουλος}), or when one
 * is a name the lexicon holds (read through a letter-for-letter transliteration) and another is
 * one too or has a surname's ending ({@code -ов}, {@code -ова}, {@code -ский}); after a person's
 * cue one such word is enough, and after a name's field label any capitalised words. Han and
 * kana: a common family name and one or two given characters after a person's cue ({@code 同事},
 * {@code 联系人：}) or before one ({@code 说}, {@code 先生}, {@code さん}). Hangul: a word of two
 * to four syllables that starts with a common family name, before {@code 님} or {@code 씨} or
 * after a name's label. Hebrew and Arabic: one to three words after "my name is" or a name's
 * label. In any script but Latin: a name in brackets right after or before a name found.
 */
final class ScriptNames {

  private static final double SCORE = NameModel.GREETED_NAME_PROBABILITY;
  private static final String PERSON = "PERSON";

  /** Cyrillic and Greek endings of a patronymic, or of a surname that is nothing else. */
  private static final List<String> STRONG_ENDINGS = List.of("ович", "евич", "ьич", "овна",
      "евна", "ична", "енко", "швили", "дзе", "πουλος", "πουλου", "ιδης", "ιδου", "ιαδης",
      "ακης", "αδης", "ογλου");
  /** Cyrillic and Greek endings of many surnames and of some other words ("Ростов", "Машина"). */
  private static final List<String> SURNAME_ENDINGS = List.of("ов", "ова", "ев", "ева", "ёв",
      "ёва", "ин", "ина", "ын", "ына", "ский", "ская", "цкий", "цкая", "ук", "юк", "ич", "ян",
      "ου", "ης", "ας");
  /**
   * Cyrillic and Greek words before a name that say it is a person's (lower case, accents
   * folded); those marked {@code :} are field labels, after which capitalised words are a name.
   */
  private static final Set<String> CUES = Set.of("это", "клиент", "клиентка", "контакт",
      "коллега", "менеджер", "сотрудник", "сотрудница", "пациент", "пациентка", "господин",
      "госпожа", "г-н", "г-жа", "уважаемый", "уважаемая", "звонил", "звонила", "директор",
      "κυριος", "κυρια", "κ.", "πελατης", "πελατισσα", "συναδελφος", "ειμαι");
  private static final Set<String> LABELS = Set.of("зовут", "фио", "имя", "фамилия",
      "контакт:", "клиент:", "от:", "автор:", "ονομαζομαι", "λενε", "ονομα", "ονοματεπωνυμο",
      "επαφη:", "πελατης:");
  /** Capitalised Cyrillic and Greek words that start sentences and no name. */
  private static final Set<String> STARTERS = Set.of("сегодня", "вчера", "завтра", "здравствуйте",
      "привет", "мой", "моя", "наш", "наша", "его", "ее", "её", "их", "как", "когда", "где", "что",
      "это", "также", "потом", "тогда", "ο", "η", "οι", "το", "τα", "σημερα", "χθες", "αυριο",
      "γεια");

  /** The most common Chinese family names, simplified and traditional. */
  private static final String HAN_FAMILY = "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高"
      + "林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈"
      + "姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付傅方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍史陶黎"
      + "贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏"
      + "倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單"
      + "季裴霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农"
      + "農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党宫宮费費卜冷晏席卫衛米柏宗瞿桂全"
      + "佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池乐樂匡";
  private static final Set<String> HAN_COMPOUND_FAMILY = Set.of("欧阳", "歐陽", "司马", "司馬",
      "诸葛", "諸葛", "上官", "东方", "東方", "慕容", "令狐", "皇甫", "尉迟", "尉遲", "公孙",
      "公孫", "夏侯", "司徒", "长孙", "長孫", "宇文", "端木", "独孤", "獨孤", "南宫", "南宮");
  /** The most common Japanese family names. */
  private static final Set<String> JAPANESE_FAMILY = Set.of("佐藤", "鈴木", "高橋", "田中", "伊藤",
      "渡辺", "渡邊", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本",
      "井上", "木村", "林", "斎藤", "斉藤", "清水", "山崎", "森", "池田", "橋本", "阿部", "石川",
      "山下", "中島", "石井", "小川", "前田", "岡田", "長谷川", "藤田", "後藤", "近藤", "村上",
      "遠藤", "青木", "坂本", "福田", "太田", "西村", "藤井", "金子", "岡本", "藤原", "中野",
      "三浦", "原田", "中川", "松田", "竹内", "小野", "田村", "中山", "和田", "石田", "森田",
      "上田", "原", "内田", "柴田", "酒井", "宮崎", "横山", "高木", "安藤", "宮本", "大野", "小島",
      "谷口", "今井", "工藤", "高田", "増田", "丸山", "杉山", "村田", "大塚", "新井", "小山",
      "平野", "藤本", "河野", "上野", "野口", "武田", "松井", "千葉", "岩崎", "菅原", "木下",
      "久保", "佐野", "野村", "松尾", "菊地", "杉本", "市川", "古川", "大西", "島田", "水野",
      "桜井", "高野", "渡部", "吉川", "山内", "西田", "飯田", "菊池", "西川", "小松", "北村",
      "安田", "五十嵐", "川口", "平田", "関", "中田", "久保田", "服部", "東", "岩田", "土屋",
      "川村", "福島", "本田", "辻", "樋口", "秋山", "永井", "大橋", "松下", "浅野", "小池");
  /** Words written with a family name's character first that are no name ("王国", "高兴"). */
  private static final Set<String> HAN_WORDS = Set.of("王国", "王國", "王子", "王朝", "王者",
      "张开", "張開", "高兴", "高興", "高级", "高級", "高度", "高速", "高中", "高手", "高层",
      "周末", "周围", "周圍", "周年", "周期", "黄金", "黃金", "黄色", "黃色", "白色", "白天",
      "金融", "金额", "金額", "马上", "馬上", "方法", "方面", "方向", "方便", "方案", "程序",
      "程度", "许多", "許多", "许可", "許可", "于是", "石头", "石頭", "江湖", "安全", "安排",
      "安静", "安靜", "明天", "明白", "明年", "文件", "文字", "文化", "常常", "时间", "時間",
      "时候", "時候", "和平", "全部", "全体", "全體", "关于", "關於", "关系", "關係", "成功",
      "成为", "成為", "车上", "車上", "万一", "严重", "嚴重", "单位", "單位", "任何", "任务",
      "任務", "同事", "何时", "何時", "华人", "華人", "宁可", "寧可", "应该", "應該", "师傅",
      "師傅", "乐意", "樂意", "简单", "簡單", "连续", "連續", "管理", "商量", "司机", "司機",
      "易于", "田地", "钱包", "錢包", "毛病", "古代", "路上", "谷歌", "米饭", "米飯", "和你");
  /** Characters that end a Chinese name's given part: particles, verbs and function words. */
  private static final String HAN_STOPS = "的地得了着過过说說是在和与與跟对對给給把被也都就还還又很"
      + "问問讲講称稱打来來去会會要已及等请請今昨吗嗎呢吧啊呀们們这這那个個从從向让讓叫";
  /** Words before a Chinese or Japanese name that say it is a person's. */
  private static final List<String> HAN_CUES_BEFORE = List.of("同事", "经理", "經理", "联系人",
      "聯繫人", "聯絡人", "姓名", "名字", "客户", "客戶", "顾客", "顧客", "朋友", "老板", "老闆",
      "主管", "负责人", "負責人", "患者", "病人", "员工", "員工", "同学", "同學", "我叫", "名叫",
      "叫做", "氏名", "名前", "担当者", "担当", "作者", "收件人", "寄件人", "发件人", "發件人");
  /** Words after a Chinese or Japanese name that say it is a person's; the first ones a title. */
  private static final List<String> HAN_TITLES_AFTER = List.of("先生", "女士", "小姐", "老师",
      "老師", "经理", "經理", "医生", "醫生", "教授", "同学", "同學", "主任", "律师", "律師",
      "博士", "太太", "夫人", "总", "總");
  private static final List<String> HAN_VERBS_AFTER = List.of("说", "說", "表示", "告诉",
      "告訴", "认为", "認為", "问道", "問道", "回答");
  private static final List<String> KANA_TITLES_AFTER = List.of("さん", "さま", "様", "氏", "君",
      "くん", "ちゃん", "先生", "部長", "課長", "社長", "殿");

  /** The most common Korean family names. */
  private static final String HANGUL_FAMILY = "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배"
      + "백허남심노하곽성차주우구민나진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥"
      + "육인맹제모탁국어은편용예경봉사부";
  private static final Set<String> HANGUL_COMPOUND_FAMILY = Set.of("황보", "남궁", "제갈",
      "선우", "독고", "사공", "서문");
  /** Korean honorifics after a name, longest first, written joined to it or as a word. */
  private static final List<String> HANGUL_HONORIFICS = List.of("고객님", "선생님", "교수님",
      "사장님", "부장님", "과장님", "대리님", "팀장님", "원장님", "님", "씨");
  /** Korean particles after an honorific. */
  private static final Set<String> HANGUL_PARTICLES = Set.of("", "께서", "께", "이", "가", "은",
      "는", "을", "를", "의", "에게", "도", "과", "와", "이랑", "랑");
  /** Korean words that start with a family name's syllable and are no name. */
  private static final Set<String> HANGUL_WORDS = Set.of("선생", "고객", "사장", "부장", "과장",
      "교수", "회장", "부모", "하느", "어머", "임금", "공주", "왕자", "주인", "도련", "장모",
      "고모", "이모", "기사", "반장", "주임", "차장", "소장", "국장", "변호사", "마음", "이번",
      "이분", "정말", "장소", "이제", "이런", "오늘", "우리", "모든", "한번", "이전", "이후",
      "조금", "정도", "신규", "기존", "우수", "전체", "모두", "여러분", "소중한", "사랑하는",
      "존경하는", "친애하는", "고마운", "하나", "유명한");
  /** Korean labels of a person's name field. */
  private static final Set<String> HANGUL_LABELS = Set.of("이름", "성명", "고객명", "담당자",
      "고객", "환자", "보낸사람", "작성자", "이름은", "성함", "성함은");
  private static final List<String> HANGUL_COPULAS = List.of("입니다", "이에요", "예요", "이고",
      "이며", "이다", "님", "씨");

  /** Hebrew and Arabic words after which one to three words are a name. */
  private static final Set<String> RTL_CUES = Set.of("שמי", "שמו", "שמה", "שם", "לקוח", "הלקוח",
      "קשר", "מאת", "לי", "اسمي", "اسمه", "اسمها", "الاسم", "اسم", "العميل", "السيد", "السيدة",
      "المريض", "المريضة");
  /** Hebrew and Arabic cues that take a colon to be cues ("שם:", not "שם" "there"). */
  private static final Set<String> RTL_LABEL_CUES = Set.of("שם", "לקוח", "הלקוח", "קשר", "מאת",
      "اسم", "الاسم", "العميل");
  /** Hebrew and Arabic words that end a name after a cue. */
  private static final Set<String> RTL_STOPS = Set.of("ואני", "אני", "והוא", "הוא", "היא",
      "והיא", "גר", "גרה", "עם", "של", "את", "מספר", "ומספר", "טלפון", "בן", "בת",
      "و", "من", "في", "أنا", "وأنا", "عمري", "وعمري", "رقم", "ورقم", "هاتفي", "أعيش", "وأعيش",
      "أسكن", "وأسكن", "مع", "عن", "إلى", "على", "هو", "هي", "وهو", "وهي");

  private ScriptNames() {
  }

  /**
   * The names in {@code text} written in a script other than Latin, char offsets; {@code found}
   * are the names the model found, offsets into a text of the same length.
   */
  static List<NameModel.Name> people(String text, List<NameModel.Name> found) {
    if (!hasOtherScript(text)) {
      return List.of();
    }
    List<NameModel.Name> names = new ArrayList<>();
    capitalised(text, names);
    han(text, names);
    hangul(text, names);
    rightToLeft(text, names);
    bracketed(text, found, names);
    return names.stream().distinct().toList();
  }

  private static boolean hasOtherScript(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x370 && Character.isLetter(c)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- Cyrillic and Greek

  /** A word of letters (and inner hyphens) of one script: its chars and its folded lower case. */
  private record Word(int start, int end, Character.UnicodeScript script, String key) {
    boolean capitalised(String text) {
      return end - start >= 2 && Character.isUpperCase(text.charAt(start))
          && !Character.isUpperCase(text.charAt(start + 1));
    }
  }

  private static List<Word> words(String text) {
    List<Word> words = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int c = text.codePointAt(i);
      if (!Character.isLetter(c)) {
        i += Character.charCount(c);
        continue;
      }
      int start = i;
      Character.UnicodeScript script = Character.UnicodeScript.of(c);
      while (i < n) {
        int d = text.codePointAt(i);
        if (Character.isLetter(d) && Character.UnicodeScript.of(d) == script
            || Character.getType(d) == Character.NON_SPACING_MARK) {
          i += Character.charCount(d);
        } else if ((d == '-' || d == '\u05F3' || d == '\u05F4') && i + 1 < n
            && Character.isLetter(text.charAt(i + 1))) {
          i++;
        } else {
          break;
        }
      }
      words.add(new Word(start, i, script, fold(text.substring(start, i))));
    }
    return words;
  }

  /** Lower case, Greek accents folded ("Γιώργος" is "γιωργος"); Cyrillic letters kept whole. */
  private static String fold(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (Character.UnicodeScript.of(lower.codePointAt(0)) != Character.UnicodeScript.GREEK) {
      return lower;
    }
    String folded = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{Mn}", "");
    return folded.endsWith("σ") ? folded.substring(0, folded.length() - 1) + "ς" : folded;
  }

  private static boolean isCapitalisedScript(Character.UnicodeScript script) {
    return script == Character.UnicodeScript.CYRILLIC || script == Character.UnicodeScript.GREEK;
  }

  private static void capitalised(String text, List<NameModel.Name> names) {
    List<Word> words = words(text);
    for (int w = 0; w < words.size(); w++) {
      Word first = words.get(w);
      if (!isCapitalisedScript(first.script()) || !first.capitalised(text)) {
        continue;
      }
      int last = w;
      while (last + 1 < words.size() && last - w < 3 && joined(text, words.get(last),
          words.get(last + 1)) && words.get(last + 1).script() == first.script()
          && words.get(last + 1).capitalised(text)) {
        last++;
      }
      int from = w;
      String cue = cueBefore(text, words, w);
      while (from < last && (STARTERS.contains(words.get(from).key())
          || CUES.contains(words.get(from).key()) || LABELS.contains(words.get(from).key()))) {
        if (!STARTERS.contains(words.get(from).key())) {
          cue = words.get(from).key();
        }
        from++;
      }
      if (isName(text, words, from, last, cue)) {
        names.add(new NameModel.Name(PERSON, words.get(from).start(), words.get(last).end(),
            SCORE));
      }
      w = last;
    }
  }

  /** Whether {@code a} and {@code b} are parted by one space only. */
  private static boolean joined(String text, Word a, Word b) {
    return b.start() == a.end() + 1 && text.charAt(a.end()) == ' ';
  }

  /** The cue word right before word {@code w}, with its colon if it has one, or null. */
  private static String cueBefore(String text, List<Word> words, int w) {
    if (w == 0) {
      return null;
    }
    Word before = words.get(w - 1);
    String between = text.substring(before.end(), words.get(w).start()).strip();
    if (!between.isEmpty() && !between.equals(":") && !between.equals(",")) {
      return null;
    }
    String key = before.key() + (between.equals(":") ? ":" : "");
    return CUES.contains(key) || LABELS.contains(key) || LABELS.contains(before.key())
        || CUES.contains(before.key()) && !between.equals(",") ? key : null;
  }

  private static boolean isName(String text, List<Word> words, int from, int last, String cue) {
    boolean label = cue != null && (cue.endsWith(":") || LABELS.contains(cue));
    int strong = 0;
    int surnames = 0;
    int listed = 0;
    for (int i = from; i <= last; i++) {
      String key = words.get(i).key();
      if (endsWithAny(key, STRONG_ENDINGS)) {
        strong++;
      } else if (endsWithAny(key, SURNAME_ENDINGS)) {
        surnames++;
      }
      if (isListedName(key)) {
        listed++;
      }
    }
    int count = last - from + 1;
    if (label || strong > 0) {
      return true;
    }
    if (count >= 2) {
      return listed > 0 && (surnames > 0 || listed > 1);
    }
    return cue != null && (listed > 0 || surnames > 0)
        || !isSentenceStart(text, words.get(from).start()) && isFirstName(words.get(from).key());
  }

  private static boolean endsWithAny(String key, List<String> endings) {
    for (String e : endings) {
      if (key.length() > e.length() + 1 && key.endsWith(e)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSentenceStart(String text, int at) {
    for (int i = at - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (c == '\n' || ".!?…:;".indexOf(c) >= 0) {
        return true;
      }
      if (!Character.isWhitespace(c) && "\"'«»“”„—–-(".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether the lexicon holds a transliteration of {@code key} as a person's name. */
  static boolean isListedName(String key) {
    for (String latin : Transliteration.readings(key)) {
      String kinds = NameLexicon.kinds(latin);
      if (latin.length() >= 3 && kinds != null && kinds.contains("name")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a transliteration of {@code key} is a census first name: alone mid-sentence a
   * capitalised word is a name, a place ("России", "Αθήνα") or a company, and the lexicon's
   * names hold many places.
   */
  private static boolean isFirstName(String key) {
    for (String latin : Transliteration.readings(key)) {
      if (NameFeatures.Generator.CENSUS_FIRST.contains(latin)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- Han and kana

  private static void han(String text, List<NameModel.Name> names) {
    for (String cue : HAN_CUES_BEFORE) {
      for (int at = text.indexOf(cue); at >= 0; at = text.indexOf(cue, at + 1)) {
        int start = at + cue.length();
        boolean label = false;
        while (start < text.length() && (text.charAt(start) == '：' || text.charAt(start) == ':'
            || text.charAt(start) == ' ')) {
          label |= text.charAt(start) != ' ';
          start++;
        }
        int end = label ? hanRunEnd(text, start, 4) : hanNameEnd(text, start);
        if (end > start) {
          names.add(new NameModel.Name(PERSON, start, end, SCORE));
        }
      }
    }
    for (String title : HAN_TITLES_AFTER) {
      before(text, title, true, names);
    }
    for (String verb : HAN_VERBS_AFTER) {
      before(text, verb, false, names);
    }
    for (String title : KANA_TITLES_AFTER) {
      for (int at = text.indexOf(title); at > 0; at = text.indexOf(title, at + 1)) {
        if (title.equals("様") && at + 1 < text.length() && text.charAt(at + 1) == '々') {
          continue;
        }
        int start = japaneseNameStart(text, at);
        if (start >= 0) {
          names.add(new NameModel.Name(PERSON, start, at, SCORE));
        }
      }
    }
  }

  /**
   * Where a Chinese name that starts at {@code start} ends: a family name and one or two given
   * characters up to a particle or function word, or {@code start} if no family name is there.
   */
  private static int hanNameEnd(String text, int start) {
    int family = familyLength(text, start);
    if (family == 0) {
      return start;
    }
    int end = start + family;
    while (end < text.length() && end - start - family < 2 && isHan(text.charAt(end))
        && HAN_STOPS.indexOf(text.charAt(end)) < 0 && !startsTitleOrVerb(text, end)) {
      end++;
    }
    return end;
  }

  /** Where a run of at most {@code max} Han, kana or Hangul chars from {@code start} ends. */
  private static int hanRunEnd(String text, int start, int max) {
    int end = start;
    while (end < text.length() && end - start < max && (isHan(text.charAt(end))
        || isKana(text.charAt(end)) || isHangul(text.charAt(end)))) {
      end++;
    }
    return end;
  }

  private static boolean startsTitleOrVerb(String text, int at) {
    for (String t : HAN_TITLES_AFTER) {
      if (text.startsWith(t, at)) {
        return true;
      }
    }
    for (String v : HAN_VERBS_AFTER) {
      if (text.startsWith(v, at)) {
        return true;
      }
    }
    return false;
  }

  private static int familyLength(String text, int at) {
    if (at + 2 <= text.length() && HAN_COMPOUND_FAMILY.contains(text.substring(at, at + 2))) {
      return 2;
    }
    return at < text.length() && HAN_FAMILY.indexOf(text.charAt(at)) >= 0 ? 1 : 0;
  }

  /**
   * A Chinese name before each {@code cue}: a family name and two, one or (before a
   * {@code title}: "王先生") no given characters, the longest that is no common word.
   */
  private static void before(String text, String cue, boolean title,
      List<NameModel.Name> names) {
    for (int at = text.indexOf(cue); at > 0; at = text.indexOf(cue, at + 1)) {
      for (int length = 4; length >= (title ? 1 : 2); length--) {
        int start = at - length;
        if (start < 0 || !allHan(text, start, at) || hasStop(text, start, at)) {
          continue;
        }
        int family = familyLength(text, start);
        int given = length - family;
        if (family == 0 || given > 2 || given < (title ? 0 : 1)
            || HAN_WORDS.contains(text.substring(start, Math.min(at, start + 2)))) {
          continue;
        }
        names.add(new NameModel.Name(PERSON, start, at, SCORE));
        break;
      }
    }
  }

  private static boolean allHan(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!isHan(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasStop(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (HAN_STOPS.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where a Japanese name before a title at {@code at} starts: a listed family name and up to
   * two more Han characters, or two or more katakana; -1 if none.
   */
  private static int japaneseNameStart(String text, int at) {
    int start = at;
    while (start > 0 && isKatakana(text.charAt(start - 1))) {
      start--;
    }
    if (at - start >= 2) {
      return start;
    }
    for (start = Math.max(0, at - 5); start < at; start++) {
      if (!allHan(text, start, at)) {
        continue;
      }
      for (int length = 3; length >= 1; length--) {
        if (start + length <= at && at - start - length <= 2
            && JAPANESE_FAMILY.contains(text.substring(start, start + length))) {
          return start;
        }
      }
    }
    return -1;
  }

  private static boolean isHan(char c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
  }

  private static boolean isKana(char c) {
    Character.UnicodeScript s = Character.UnicodeScript.of(c);
    return s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA;
  }

  private static boolean isKatakana(char c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA || c == 'ー';
  }

  private static boolean isHangul(char c) {
    return c >= 0xAC00 && c <= 0xD7A3;
  }

  // ---------------------------------------------------------------- Hangul

  private static void hangul(String text, List<NameModel.Name> names) {
    int i = 0;
    boolean previousLabel = false;
    while (i < text.length()) {
      if (!isHangul(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && isHangul(text.charAt(i))) {
        i++;
      }
      String word = text.substring(start, i);
      int stem = honorificStem(word);
      if (stem > 0 && isKoreanName(word.substring(0, stem))
          && (stem > 1 || word.startsWith("씨", 1))) {
        names.add(new NameModel.Name(PERSON, start, start + stem, SCORE));
      } else if (stem < 0 && isKoreanName(word) && nextIsHonorific(text, i, word.length())) {
        names.add(new NameModel.Name(PERSON, start, i, SCORE));
      } else if (previousLabel) {
        int end = start + withoutCopula(word);
        if (end - start >= 2 && end - start <= 4) {
          names.add(new NameModel.Name(PERSON, start, end, SCORE));
        }
      }
      previousLabel = HANGUL_LABELS.contains(word) && labelEnd(text, i);
    }
  }

  /** Whether a label word ending at {@code at} is followed by a colon or is "이름은"-like. */
  private static boolean labelEnd(String text, int at) {
    int i = at;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    boolean colon = i < text.length() && (text.charAt(i) == ':' || text.charAt(i) == '：');
    return colon || text.charAt(at - 1) == '은';
  }

  /** The length of {@code word} before an honorific and a particle, or -1 if it has none. */
  private static int honorificStem(String word) {
    for (String h : HANGUL_HONORIFICS) {
      for (int at = word.indexOf(h, 1); at > 0; at = word.indexOf(h, at + 1)) {
        if (HANGUL_PARTICLES.contains(word.substring(at + h.length()))) {
          return at;
        }
      }
    }
    return -1;
  }

  private static int withoutCopula(String word) {
    for (String c : HANGUL_COPULAS) {
      if (word.length() > c.length() + 1 && word.endsWith(c)) {
        return word.length() - c.length();
      }
    }
    return word.length();
  }

  private static boolean isKoreanName(String stem) {
    int length = stem.length();
    if (length < 1 || length > 4 || HANGUL_WORDS.contains(stem)
        || length == 2 && stem.endsWith("장")) {
      return false;
    }
    boolean compound = length >= 3 && HANGUL_COMPOUND_FAMILY.contains(stem.substring(0, 2));
    return compound || HANGUL_FAMILY.indexOf(stem.charAt(0)) >= 0;
  }

  private static boolean nextIsHonorific(String text, int at, int length) {
    if (at >= text.length() || text.charAt(at) != ' ') {
      return false;
    }
    int end = at + 1;
    while (end < text.length() && isHangul(text.charAt(end))) {
      end++;
    }
    String next = text.substring(at + 1, end);
    for (String h : HANGUL_HONORIFICS) {
      if (next.startsWith(h) && HANGUL_PARTICLES.contains(next.substring(h.length()))
          && (length > 1 || h.equals("씨"))) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- Hebrew and Arabic

  private static void rightToLeft(String text, List<NameModel.Name> names) {
    List<Word> words = words(text);
    for (int w = 0; w + 1 < words.size(); w++) {
      Word cue = words.get(w);
      if (!isRightToLeft(cue.script()) || !RTL_CUES.contains(cue.key())) {
        continue;
      }
      String between = text.substring(cue.end(), words.get(w + 1).start()).strip();
      boolean colon = between.equals(":");
      boolean label = RTL_LABEL_CUES.contains(cue.key());
      if (label ? !colon : !between.isEmpty() && !colon
          || cue.key().equals("לי") && (w == 0 || !words.get(w - 1).key().equals("קוראים"))) {
        continue;
      }
      int last = w;
      while (last + 1 < words.size() && last - w < 3
          && words.get(last + 1).script() == cue.script()
          && !RTL_STOPS.contains(words.get(last + 1).key())
          && (last == w || joined(text, words.get(last), words.get(last + 1)))) {
        last++;
      }
      if (last > w) {
        names.add(new NameModel.Name(PERSON, words.get(w + 1).start(), words.get(last).end(),
            SCORE));
      }
    }
  }

  private static boolean isRightToLeft(Character.UnicodeScript script) {
    return script == Character.UnicodeScript.HEBREW || script == Character.UnicodeScript.ARABIC;
  }

  // ---------------------------------------------------------------- any script

  /**
   * A name written in another script in brackets right after or before a name the model found:
   * its transcription ("Seo-yeon Park (박서연)", "박서연 (Seo-yeon Park)").
   */
  private static void bracketed(String text, List<NameModel.Name> found,
      List<NameModel.Name> names) {
    for (NameModel.Name n : found) {
      if (!n.entity().equals(PERSON)) {
        continue;
      }
      int open = n.end();
      while (open < text.length() && text.charAt(open) == ' ') {
        open++;
      }
      if (open < text.length() && (text.charAt(open) == '(' || text.charAt(open) == '（')) {
        int close = closing(text, open + 1);
        if (close > open + 1 && isOtherScriptName(text, open + 1, close)) {
          names.add(new NameModel.Name(PERSON, open + 1, close, SCORE));
        }
      }
      int close = n.start() - 1;
      if (close >= 1 && (text.charAt(close) == '(' || text.charAt(close) == '（')) {
        int end = close;
        while (end > 0 && text.charAt(end - 1) == ' ') {
          end--;
        }
        int start = end;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))
            && Character.isLetter(text.charAt(start - 1))) {
          start--;
        }
        if (start < end && isOtherScriptName(text, start, end)) {
          names.add(new NameModel.Name(PERSON, start, end, SCORE));
        }
      }
    }
  }

  private static int closing(String text, int from) {
    for (int i = from; i < text.length() && i - from <= 40; i++) {
      char c = text.charAt(i);
      if (c == ')' || c == '）') {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code text} between the offsets is letters of a script other than Latin. */
  private static boolean isOtherScriptName(String text, int start, int end) {
    boolean letter = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        if (Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
          return false;
        }
        letter = true;
      } else if (c != ' ' && c != '·' && c != '・' && c != '-') {
        return false;
      }
    }
    return letter;
  }
}
