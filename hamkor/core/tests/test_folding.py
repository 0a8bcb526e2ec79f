"""Tests for hamkor.core.folding: Cyrillic and Latin spellings of a word meet."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamkor.core.folding import fold, fold_words

# (Cyrillic, Latin) spellings of the same word that must fold to the same key.
UZBEK_PLACES = [
    ("Тошкент", "Toshkent"),
    ("Ўзбекистон", "Oʻzbekiston"),  # U+02BB, the official oʻ
    ("Ўзбекистон", "O‘zbekiston"),  # U+2018
    ("Ўзбекистон", "O’zbekiston"),  # U+2019
    ("Ўзбекистон", "O`zbekiston"),  # U+0060
    ("Ўзбекистон", "O'zbekiston"),  # U+0027
    ("Ўзбекистон", "Oʼzbekiston"),  # U+02BC
    ("Ўзбекистон", "O´zbekiston"),  # U+00B4
    ("Ўзбекистон", "Ozbekiston"),
    ("Ўзбекистон", "Ŏzbekiston"),  # breve, as in pre-1995 typing
    ("Самарқанд", "Samarqand"),
    ("Фарғона", "Fargʻona"),
    ("Фарғона", "Farg'ona"),
    ("Фарғона", "Farg‘ona"),
    ("Наманган", "Namangan"),
    ("Андижон", "Andijon"),
    ("Бухоро", "Buxoro"),
    ("Хоразм", "Xorazm"),
    ("Қорақалпоғистон", "Qoraqalpogʻiston"),
    ("Нукус", "Nukus"),
    ("Қарши", "Qarshi"),
    ("Термиз", "Termiz"),
    ("Жиззах", "Jizzax"),
    ("Гулистон", "Guliston"),
    ("Навоий", "Navoiy"),
    ("Марғилон", "Margʻilon"),
    ("Қўқон", "Qoʻqon"),
    ("Чирчиқ", "Chirchiq"),
    ("Олмалиқ", "Olmaliq"),
    ("Урганч", "Urganch"),
    ("Хива", "Xiva"),
    ("Шаҳрисабз", "Shahrisabz"),
    ("Зарафшон", "Zarafshon"),
    ("Тошкент вилояти", "Toshkent viloyati"),
]
UZBEK_WORDS = [
    ("етти", "yetti"),
    ("цирк", "sirk"),
    ("функция", "funksiya"),
    ("конституция", "konstitutsiya"),
    ("ёшлик", "yoshlik"),
    ("ўқитувчи", "oʻqituvchi"),
    ("ғалаба", "gʻalaba"),
    ("ҳаёт", "hayot"),
    ("қишлоқ", "qishloq"),
    ("маъно", "maʼno"),
    ("мустақиллик", "mustaqillik"),
    ("оила", "oila"),
    ("юлдуз", "yulduz"),
    ("янги", "yangi"),
    ("шаҳар", "shahar"),
    ("эркин", "erkin"),
    ("объект", "obyekt"),
    ("съезд", "syezd"),
    ("дарё", "daryo"),
    ("ер", "yer"),
    ("океан", "okean"),
    ("поезд", "poyezd"),
    ("поэзия", "poeziya"),
    ("Европа", "Yevropa"),
    ("шеър", "sheʼr"),
    ("мўъжиза", "moʻʼjiza"),
    ("тўй", "toʻy"),
]
UZBEK_NAMES = [
    ("Шавкат Мирзиёев", "Shavkat Mirziyoyev"),
    ("Гулнора", "Gulnora"),
    ("Дилноза", "Dilnoza"),
    ("Ўткир", "Oʻtkir"),
    ("Ғулом", "Gʻulom"),
    ("Ислом Каримов", "Islom Karimov"),
    ("Абдулла Орипов", "Abdulla Oripov"),
    ("Алишер Навоий", "Alisher Navoiy"),
    ("Улуғбек", "Ulugʻbek"),
    ("Зулфия", "Zulfiya"),
    ("Ҳамза", "Hamza"),
    ("Ойбек", "Oybek"),
    ("Шаҳноза", "Shahnoza"),
    ("Жамшид", "Jamshid"),
    ("Ёқубов", "Yoqubov"),
    ("Абдуллаев", "Abdullayev"),
    ("Сайёра", "Sayyora"),
    ("Хайрулла", "Xayrulla"),
    ("Исҳоқ", "Isʼhoq"),
    ("Бахтиёр", "Baxtiyor"),
    ("Муҳаммад Юсуф", "Muhammad Yusuf"),
    ("Ўғилой", "Oʻgʻiloy"),
]
RUSSIAN = [
    ("Ташкент", "Tashkent"),
    ("Москва", "Moskva"),
    ("Иванов", "Ivanov"),
    ("Хабибуллин", "Khabibullin"),
    ("Жукова", "Zhukova"),
    ("Щербаков", "Shcherbakov"),
    ("Хрущев", "Khrushchev"),
    ("Санкт-Петербург", "Sankt-Peterburg"),
    ("Екатеринбург", "Yekaterinburg"),
    ("Екатеринбург", "Ekaterinburg"),
    ("Нижний Новгород", "Nizhny Novgorod"),
    ("Узбекистан", "Uzbekistan"),
    ("Бухара", "Bukhara"),
    ("Джизак", "Dzhizak"),
    ("Владимир Путин", "Vladimir Putin"),
    ("Юлия", "Yuliya"),
    ("Юлия", "Iuliia"),
    ("Юлия", "Yulia"),
    ("Дмитрий", "Dmitriy"),
    ("Дмитрий", "Dmitry"),
    ("Дмитрий", "Dmitrii"),
    ("Евгений", "Yevgeniy"),
    ("Евгений", "Evgeny"),
    ("Сергей", "Sergei"),
    ("Сергеев", "Sergeyev"),
    ("Николай", "Nikolay"),
    ("Николай", "Nikolai"),
    ("Наталья", "Natalya"),
    ("Наталья", "Natalia"),
    ("Татьяна", "Tatiana"),
    ("Мария", "Maria"),
    ("Ярослав", "Iaroslav"),
    ("Фёдор", "Fyodor"),
    ("Пётр", "Pyotr"),
    ("Ольга", "Olʹga"),
    ("Цой", "Tsoy"),
    ("Зайцев", "Zaitsev"),
    ("Кузнецов", "Kuznetsov"),
    ("Достоевский", "Dostoevsky"),
    ("Толстой", "Tolstoi"),
    ("Алиев", "Aliyev"),
    ("Алиев", "Aliev"),
    ("Любовь", "Liubov"),
    ("Ильин", "Ilyin"),
    ("Шарапова", "Sharapova"),
    ("Чайковский", "Chaikovsky"),
]
KAZAKH = [
    ("Қазақстан", "Qazaqstan"),
    ("Астана", "Astana"),
    ("Алматы", "Almaty"),
    ("Нұрсұлтан", "Nursultan"),
    ("Нұрсұлтан", "Nūrsūltan"),
    ("Назарбаев", "Nazarbayev"),
    ("Әлихан", "Alikhan"),
    ("Тоқаев", "Toqaev"),
    ("Тоқаев", "Tokayev"),
    ("Қасым-Жомарт", "Kassym-Jomart"),
    ("Шымкент", "Shymkent"),
    ("Шымкент", "Şymkent"),
    ("Қарағанды", "Qaraghandy"),
    ("Қарағанды", "Qarağandy"),
    ("Ақтөбе", "Aqtöbe"),
    ("Ақтөбе", "Aktobe"),
    ("Өскемен", "Öskemen"),
    ("Атырау", "Atyrau"),
    ("Айгерим", "Aigerim"),
    ("Жансая", "Zhansaya"),
    ("Ерлан", "Yerlan"),
    ("Ерлан", "Erlan"),
    ("Дәулет", "Däulet"),
    ("Гүлнар", "Gülnar"),
    ("Абай", "Abai"),
    ("Шыңғыс", "Shyngys"),
    ("Шыңғыс", "Şyñğys"),
    ("Түркістан", "Türkistan"),
]
KYRGYZ = [
    ("Бишкек", "Bishkek"),
    ("Ош", "Osh"),
    ("Кыргызстан", "Kyrgyzstan"),
    ("Ысык-Көл", "Ysyk-Köl"),
    ("Иссык-Куль", "Issyk-Kul"),
    ("Нарын", "Naryn"),
    ("Жалал-Абад", "Jalal-Abad"),
    ("Чолпон-Ата", "Cholpon-Ata"),
    ("Токмок", "Tokmok"),
    ("Айтматов", "Aitmatov"),
    ("Чыңгыз", "Chyngyz"),
    ("Садыр Жапаров", "Sadyr Japarov"),
    ("Садыр Жапаров", "Sadyr Zhaparov"),
]
TAJIK = [
    ("Душанбе", "Dushanbe"),
    ("Хуҷанд", "Khujand"),
    ("Хуҷанд", "Xujand"),
    ("Худжанд", "Khudzhand"),
    ("Ҳисор", "Hisor"),
    ("Кӯлоб", "Kulob"),
    ("Истаравшан", "Istaravshan"),
    ("Бохтар", "Bokhtar"),
    ("Хоруғ", "Khorugh"),
    ("Эмомалӣ Раҳмон", "Emomali Rahmon"),
    ("Тоҷикистон", "Tojikiston"),
    ("Панҷакент", "Panjakent"),
]
TURKMEN = [
    ("Ашгабат", "Aşgabat"),
    ("Түркменистан", "Türkmenistan"),
    ("Түркменбашы", "Türkmenbaşy"),
    ("Мары", "Mary"),
    ("Ниязов", "Nyýazow"),
]
PAIRS = UZBEK_PLACES + UZBEK_WORDS + UZBEK_NAMES + RUSSIAN + KAZAKH + KYRGYZ + TAJIK + TURKMEN


def _pair_id(pair: tuple[str, str]) -> str:
    return f"{pair[0]}={pair[1]}"


def test_enough_pairs() -> None:
    assert len(PAIRS) >= 80
    assert len(set(PAIRS)) == len(PAIRS)


@pytest.mark.parametrize(("cyrillic", "latin"), PAIRS, ids=[_pair_id(pair) for pair in PAIRS])
def test_spellings_meet(cyrillic: str, latin: str) -> None:
    assert fold(cyrillic) == fold(latin)


@pytest.mark.parametrize(("cyrillic", "latin"), PAIRS, ids=[_pair_id(pair) for pair in PAIRS])
def test_spellings_meet_in_capitals(cyrillic: str, latin: str) -> None:
    assert fold(cyrillic.upper()) == fold(latin.upper()) == fold(latin)


def test_acceptance_toshkent() -> None:
    assert fold("Тошкент") == fold("Toshkent")


def test_acceptance_ozbekiston() -> None:
    assert fold("Ўзбекистон") == fold("Oʻzbekiston")


# Different words, some a single letter apart, that must stay apart.
DISTINCT = [
    ("Тошкент", "Термиз"),
    ("Ali", "Oli"),
    ("Али", "Оли"),
    ("Salim", "Salima"),
    ("Karim", "Karima"),
    ("Ivanov", "Ivanova"),
    ("Dilnoza", "Dilnora"),
    ("Бобур", "Бобир"),
    ("shahar", "sahar"),
    ("Хон", "Ҳон"),  # Uzbek x and h are different letters
    ("choy", "shoy"),
    ("Oybek", "Aybek"),
    ("Nur", "Nor"),
    ("Bishkek", "Bishkent"),
    ("Маша", "Миша"),
    ("yulduz", "ulduz"),
    ("Ali", "Aliyev"),
    ("Andijon", "Namangan"),
]


@pytest.mark.parametrize(("first", "second"), DISTINCT, ids=[_pair_id(pair) for pair in DISTINCT])
def test_different_words_stay_apart(first: str, second: str) -> None:
    assert fold(first) != fold(second)


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("етти", "yetti"),  # е is ye at the start of a word
        ("ер", "yer"),
        ("поезд", "poyezd"),  # ... and after a vowel
        ("объект", "obyekt"),  # ... and after ъ
        ("пьеса", "pyesa"),  # ... and after ь
        ("кема", "kema"),  # ... and e after a consonant
        ("театр", "teatr"),
    ],
)
def test_uzbek_ye_rule(cyrillic: str, latin: str) -> None:
    assert fold(cyrillic) == fold(latin)


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("цирк", "sirk"),  # ц is s at the start of a word
        ("функция", "funksiya"),  # ... and after a consonant
        ("конституция", "konstitutsiya"),  # ... and ts after a vowel
        ("милиция", "militsiya"),
    ],
)
def test_uzbek_ts_rule(cyrillic: str, latin: str) -> None:
    assert fold(cyrillic) == fold(latin)


def test_ye_after_a_sign_is_kept_apart_from_e() -> None:
    # Only after a consonant does the y of "ye" carry meaning in the key.
    assert fold("объект") != fold("обект")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Toshkent", "toshkent"),
        ("Oʻzbekiston", "ozbekiston"),
        ("Khabibullin", "xabibulin"),  # kh → x, doubled letters collapse
        ("Zhukova", "jukova"),  # zh → j
        ("Dzhamshid", "jamshid"),  # dzh → dj → j
        ("Shcherbakov", "sherbakov"),  # shch → sh
        ("Tsoy", "soy"),  # ts → s
        ("Cirk", "sirk"),  # c → s
        ("Qarshi", "karshi"),  # q → k
        ("Wladimir", "vladimir"),  # w → v
        ("Yelena", "elena"),  # initial ye → e
        ("Tokayev", "tokaev"),  # ye after a vowel → e
        ("obyekt", "obyekt"),  # ye after a consonant stays
        ("Mariya", "marya"),  # i/y before a vowel → y
        ("Nikolai", "nikolay"),  # i/y after a vowel → y
        ("Almaty", "almati"),  # i/y elsewhere → i
        ("Şyñğys", "shingis"),  # ş → sh, ñ → ng, ğ → g
        ("Aşgabat", "ashgabat"),
        ("Çärjew", "charjev"),  # ç → ch, ä → a
        ("Žanna", "jana"),  # ž → j
        ("Nyýazow", "nyazov"),  # ý → y
        ("Ňa", "nga"),  # Turkmen ň writes ң
        ("Müller", "muler"),
        ("Café crème", "safe sreme"),  # diacritics go, then c → s
    ],
)
def test_canonical_key(text: str, key: str) -> None:
    assert fold(text) == key


def test_whitespace_and_punctuation() -> None:
    assert fold("  Toshkent,\tOʻzbekiston!\n ") == "toshkent ozbekiston"
    assert fold("Uchquduq-2 (tuman)") == "uchkuduk 2 tuman"
    assert fold("«Тошкент»") == "toshkent"
    assert fold("") == ""
    assert fold("  ,.;  ") == ""


def test_other_scripts_are_kept() -> None:
    assert fold("طشقند") == "طشقند"
    assert fold("東京 Tokyo") == "東京 tokyo"
    assert fold("서울") == "서울"


def test_compatibility_forms() -> None:
    assert fold("Ｔｏｓｈｋｅｎｔ") == fold("Toshkent")  # fullwidth
    assert fold("ﬁrma") == fold("firma")  # ligature
    assert fold("İstanbul") == "istanbul"


def test_decomposed_input_meets_composed() -> None:
    composed = "Йўл Ёқубов Ўткир"
    assert fold(unicodedata.normalize("NFD", composed)) == fold(composed)


def test_fold_words() -> None:
    assert fold_words("Samarqand  viloyati, Urgut tumani") == ["samarkand", "viloyati", "urgut", "tumani"]
    assert fold_words("Самарқанд вилояти") == fold_words("Samarqand viloyati")
    assert fold_words("") == []
    assert fold_words(" - ") == []


_CYRILLIC_AND_LATIN = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x24F),
        st.characters(min_codepoint=0x400, max_codepoint=0x52F),
        st.characters(min_codepoint=0x1C80, max_codepoint=0x1C8F),
        st.characters(min_codepoint=0x2DE0, max_codepoint=0x2DFF),
        st.characters(min_codepoint=0xA640, max_codepoint=0xA69F),
        st.sampled_from("ʻʼ‘’`´ \t\n"),
    )
)


@given(st.text())
def test_fold_is_total(text: str) -> None:
    assert isinstance(fold(text), str)


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    key = fold(text)
    assert fold(key) == key


@given(_CYRILLIC_AND_LATIN)
def test_fold_is_idempotent_on_cyrillic_and_latin(text: str) -> None:
    key = fold(text)
    assert fold(key) == key


@given(st.text())
def test_fold_normalises_spaces(text: str) -> None:
    key = fold(text)
    assert key == key.strip()
    assert "  " not in key
    assert all(not char.isspace() or char == " " for char in key)
    assert fold_words(text) == key.split()


@given(_CYRILLIC_AND_LATIN)
def test_fold_leaves_no_capitals_and_no_cyrillic(text: str) -> None:
    key = fold(text)
    assert not any(char.isupper() for char in key)
    assert not any("CYRILLIC" in unicodedata.name(char, "") for char in key)


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳ АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЎҚҒҲ"))
def test_uzbek_cyrillic_folds_to_ascii(text: str) -> None:
    key = fold(text)
    assert key.isascii()
    assert key == key.lower()
