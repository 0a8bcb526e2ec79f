"""The generated corpus of the search benchmark: seeded documents in Uzbek (Latin and Cyrillic), Russian and
English about the partnership's field, with countries, pillars, years and an audience, plus the hand-written
targets of ``bench.search_queries``."""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.search_queries import TARGETS, Target

PARTNERS_SHARE = 0.1

# --- vocabulary -------------------------------------------------------------------------------------------------


def _listed(words: str) -> tuple[str, ...]:
    """A word list written as one "|"-separated string, to keep long lists of short phrases compact."""
    return tuple(words.split("|"))


# Uzbek is written in Latin and turned into Cyrillic by uz_cyrillic(), as the two alphabets correspond.
# Topics as nominative/possessive (the same when the phrase already ends in a possessive); the case endings go
# on whichever the sentence needs.
UZ_TOPICS = tuple(
    (topic.partition("/")[0], topic.partition("/")[2] or topic)
    for topic in _listed(
        "reabilitatsiya/reabilitatsiyasi|reintegratsiya/reintegratsiyasi|psixologik yordam/psixologik yordami"
        "|psixoijtimoiy qoʻllab-quvvatlash/psixoijtimoiy qoʻllab-quvvatlashi|diniy maslahat/diniy maslahati"
        "|ilohiyot suhbatlari|maktab taʼlimi|kasb-hunar taʼlimi|oilalarni birlashtirish"
        "|jamiyatga moslashuv/jamiyatga moslashuvi|qamoqxonalardagi dasturlar|probatsiya nazorati"
        "|onlayn radikallashuv/onlayn radikallashuvi|erta ogohlantirish tizimi|sanksiyalar rejimi"
        "|terrorizmni moliyalashtirishga qarshi kurash|inson huquqlari|zoʻravon ekstremizmning oldini olish"
        "|ijtimoiy himoya/ijtimoiy himoyasi|hujjatlarni tiklash|tibbiy yordam/tibbiy yordami|bandlik/bandligi"
    )
)
UZ_PEOPLE = _listed(
    "ayollar|bolalar|oʻsmirlar|yoshlar|onalar|oilalar|mahkumlar|qaytgan fuqarolar|Suriyadan qaytgan ayollar"
    "|Iroqdan qaytarilgan bolalar|voyaga yetmaganlar"
)
UZ_PERSON = ("ayol", "bola", "oʻsmir", "yigit", "qiz", "ona", "mahkum", "fuqaro")
UZ_STAFF = _listed(
    "psixologlar|ilohiyotchilar|imomlar|oʻqituvchilar|ijtimoiy xodimlar|probatsiya xodimlari|mahalla faollari"
    "|huquqshunoslar|shifokorlar|tadqiqotchilar|profilaktika inspektorlari"
)
UZ_SENTENCES = (
    "{P_loc} {A_dat} {T} boʻyicha yordam koʻrsatildi.",
    "{Y}-yilda {P_loc} {T} dasturi ishga tushirildi.",
    "{S} {A_gen} {T} masalalari bilan shugʻullanadi.",
    "Loyiha doirasida {N} nafar {O} {T_dat} jalb qilindi.",
    "{C} hukumati {A_gen} {Tp_acc} qoʻllab-quvvatlaydi.",
    "{S} uchun {T} boʻyicha oʻquv seminari oʻtkazildi.",
    "Hisobotda {T} natijalari va {U} muammolari tahlil qilingan.",
    "{A_gen} {T_dat} boʻlgan ehtiyojlari oʻrganildi.",
    "Mahalla va oila {T_loc} muhim rol oʻynaydi.",
    "{P_dagi} {S} {A} bilan muntazam uchrashuvlar oʻtkazmoqda.",
    "Ushbu tajriba {C_loc} ham qoʻllanishi mumkin.",
    "{Y}-yil holatiga koʻra {N} ta oila {T} dasturidan foydalangan.",
    "Suriya va Iroqdan qaytarilgan {A} {T_dat} muhtoj.",
    "{S} {T} sohasidagi tajribalarini {C_gen} hamkasblari bilan oʻrtoqlashdi.",
    "Xalqaro tashkilotlar {P_loc} {T} boʻyicha yangi loyihani moliyalashtirdi.",
)
UZ_TITLES = (
    "{P_loc} {A_gen} {Tp}",
    "{T}: {C_dagi} tajriba",
    "{A} uchun {T} boʻyicha qoʻllanma",
    "{S} uchun {T} boʻyicha tavsiyalar",
    "{Y}-yilda {C_loc} {T} va {U}",
)

# Russian lexemes as their forms, "|"-separated: nominative, genitive, dative, accusative, instrumental,
# prepositional (people and topics); nominative, genitive, dative, instrumental (staff).
RU_TOPICS = tuple(
    forms.split("|")
    for forms in (
        "реабилитация|реабилитации|реабилитации|реабилитацию|реабилитацией|реабилитации",
        "реинтеграция|реинтеграции|реинтеграции|реинтеграцию|реинтеграцией|реинтеграции",
        "психосоциальная поддержка|психосоциальной поддержки|психосоциальной поддержке|психосоциальную поддержку"
        "|психосоциальной поддержкой|психосоциальной поддержке",
        "психологическая помощь|психологической помощи|психологической помощи|психологическую помощь"
        "|психологической помощью|психологической помощи",
        "теологическое консультирование|теологического консультирования|теологическому консультированию"
        "|теологическое консультирование|теологическим консультированием|теологическом консультировании",
        "школьное образование|школьного образования|школьному образованию|школьное образование"
        "|школьным образованием|школьном образовании",
        "профессиональное обучение|профессионального обучения|профессиональному обучению|профессиональное обучение"
        "|профессиональным обучением|профессиональном обучении",
        "воссоединение семей|воссоединения семей|воссоединению семей|воссоединение семей|воссоединением семей"
        "|воссоединении семей",
        "принятие обществом|принятия обществом|принятию обществом|принятие обществом|принятием обществом"
        "|принятии обществом",
        "пенитенциарная система|пенитенциарной системы|пенитенциарной системе|пенитенциарную систему"
        "|пенитенциарной системой|пенитенциарной системе",
        "пробация|пробации|пробации|пробацию|пробацией|пробации",
        "радикализация в интернете|радикализации в интернете|радикализации в интернете|радикализацию в интернете"
        "|радикализацией в интернете|радикализации в интернете",
        "раннее предупреждение|раннего предупреждения|раннему предупреждению|раннее предупреждение"
        "|ранним предупреждением|раннем предупреждении",
        "санкционный режим|санкционного режима|санкционному режиму|санкционный режим|санкционным режимом"
        "|санкционном режиме",
        "финансирование терроризма|финансирования терроризма|финансированию терроризма|финансирование терроризма"
        "|финансированием терроризма|финансировании терроризма",
        "права человека|прав человека|правам человека|права человека|правами человека|правах человека",
        "профилактика экстремизма|профилактики экстремизма|профилактике экстремизма|профилактику экстремизма"
        "|профилактикой экстремизма|профилактике экстремизма",
        "социальная защита|социальной защиты|социальной защите|социальную защиту|социальной защитой|социальной защите",
        "восстановление документов|восстановления документов|восстановлению документов|восстановление документов"
        "|восстановлением документов|восстановлении документов",
        "трудоустройство|трудоустройства|трудоустройству|трудоустройство|трудоустройством|трудоустройстве",
    )
)
RU_PEOPLE = tuple(
    forms.split("|")
    for forms in (
        "женщины|женщин|женщинам|женщин|женщинами|женщинах",
        "дети|детей|детям|детей|детьми|детях",
        "подростки|подростков|подросткам|подростков|подростками|подростках",
        "возвращенцы|возвращенцев|возвращенцам|возвращенцев|возвращенцами|возвращенцах",
        "семьи|семей|семьям|семьи|семьями|семьях",
        "молодые люди|молодых людей|молодым людям|молодых людей|молодыми людьми|молодых людях",
        "осуждённые|осуждённых|осуждённым|осуждённых|осуждёнными|осуждённых",
        "матери|матерей|матерям|матерей|матерями|матерях",
        "несовершеннолетние|несовершеннолетних|несовершеннолетним|несовершеннолетних|несовершеннолетними"
        "|несовершеннолетних",
    )
)
RU_STAFF = tuple(
    forms.split("|")
    for forms in (
        "психологи|психологов|психологам|психологами",
        "богословы|богословов|богословам|богословами",
        "имамы|имамов|имамам|имамами",
        "учителя|учителей|учителям|учителями",
        "социальные работники|социальных работников|социальным работникам|социальными работниками",
        "сотрудники пробации|сотрудников пробации|сотрудникам пробации|сотрудниками пробации",
        "активисты махалли|активистов махалли|активистам махалли|активистами махалли",
        "юристы|юристов|юристам|юристами",
        "врачи|врачей|врачам|врачами",
        "исследователи|исследователей|исследователям|исследователями",
        "инспекторы по профилактике|инспекторов по профилактике|инспекторам по профилактике"
        "|инспекторами по профилактике",
    )
)
RU_SENTENCES = (
    "В {P_prep} прошёл семинар по {T_dat} для {A_gen}.",
    "{S} обсудили вопросы {T_gen} {A_gen}.",
    "Программа {T_gen} запущена в {P_prep} в {Y} году.",
    "В рамках проекта помощь получили более {N} человек.",
    "Правительство {C_gen} поддерживает {T_acc} {A_gen}.",
    "В докладе анализируются результаты {T_gen} и проблемы {U_gen}.",
    "Особое внимание уделяется {T_dat} {A_gen}.",
    "{S} проводят регулярные встречи с {A_ins} в {P_prep}.",
    "Махалля и семья играют важную роль в {T_prep}.",
    "Этот опыт может быть использован и в {C_prep}.",
    "К {Y} году услугами {T_gen} воспользовались {N} семей.",
    "Для {S_gen} организован тренинг по {T_dat}.",
    "{A}, вернувшиеся из Сирии и Ирака, нуждаются в {T_prep}.",
    "Международные организации профинансировали новый проект по {T_dat} в {P_prep}.",
    "{S} поделились опытом в сфере {T_gen} с коллегами из {C_gen}.",
)
RU_TITLES = (
    "{T} {A_gen} в {P_prep}",
    "{T}: опыт {C_gen}",
    "Руководство по {T_dat} для {S_gen}",
    "{T} и {U}: обзор за {Y} год",
    "Рекомендации по {T_dat} {A_gen}",
)
RU_CASES = {"nom": 0, "gen": 1, "dat": 2, "acc": 3, "ins": 4, "prep": 5}
RU_STAFF_CASES = {"nom": 0, "gen": 1, "dat": 2, "ins": 3}

EN_TOPICS = _listed(
    "rehabilitation|reintegration|psychosocial support|psychological assistance|theological counselling|schooling"
    "|vocational training|family reunification|community acceptance|prison programmes|probation|online radicalisation"
    "|early warning|sanctions|countering the financing of terrorism|human rights|preventing violent extremism"
    "|social protection|restoring identity documents|employment"
)
EN_PEOPLE = ("women", "children", "teenagers", "young people", "mothers", "families", "prisoners", "returnees")
EN_STAFF = _listed(
    "psychologists|theologians|imams|teachers|social workers|probation officers|mahalla activists|lawyers|doctors"
    "|researchers|prevention inspectors"
)
EN_SENTENCES = (
    "In {P}, {S} held a workshop on {T} for {A}.",
    "{S} discussed {T} for {A} with local authorities.",
    "The programme on {T} started in {P} in {Y}.",
    "Under the project, more than {N} people received support.",
    "The government of {C} supports {T} for {A}.",
    "The report analyses the results of {T} and the challenges of {U}.",
    "Particular attention is paid to {T} for {A}.",
    "{S} meet {A} regularly in {P}.",
    "The mahalla and the family play an important role in {T}.",
    "This experience could also be used in {C}.",
    "By {Y}, {N} families had used {T} services.",
    "A training course on {T} was organised for {S}.",
    "{A} who came back from Syria and Iraq need {T}.",
    "International organisations funded a new project on {T} in {P}.",
    "{S} shared their experience of {T} with colleagues from {C}.",
)
EN_TITLES = (
    "{T} for {A} in {P}",
    "{T}: lessons from {C}",
    "Guidance on {T} for {S}",
    "{T} and {U}: a review of {Y}",
    "Recommendations on {T} for {A}",
)

# Country: (Uzbek, Russian nominative, genitive, prepositional, English), and its places as
# (Uzbek, Russian, Russian prepositional, English).
COUNTRIES = {
    "UZ": ("Oʻzbekiston", "Узбекистан", "Узбекистана", "Узбекистане", "Uzbekistan"),
    "KZ": ("Qozogʻiston", "Казахстан", "Казахстана", "Казахстане", "Kazakhstan"),
    "KG": ("Qirgʻiziston", "Кыргызстан", "Кыргызстана", "Кыргызстане", "Kyrgyzstan"),
    "TJ": ("Tojikiston", "Таджикистан", "Таджикистана", "Таджикистане", "Tajikistan"),
    "TM": ("Turkmaniston", "Туркменистан", "Туркменистана", "Туркменистане", "Turkmenistan"),
}
COUNTRY_WEIGHTS = {"UZ": 40, "KZ": 20, "KG": 15, "TJ": 15, "TM": 10}
PLACES = {
    "UZ": (
        ("Toshkent", "Ташкент", "Ташкенте", "Tashkent"),
        ("Samarqand", "Самарканд", "Самарканде", "Samarkand"),
        ("Buxoro", "Бухара", "Бухаре", "Bukhara"),
        ("Namangan", "Наманган", "Намангане", "Namangan"),
        ("Fargʻona", "Фергана", "Фергане", "Fergana"),
        ("Andijon", "Андижан", "Андижане", "Andijan"),
        ("Termiz", "Термез", "Термезе", "Termez"),
        ("Qarshi", "Карши", "Карши", "Karshi"),
        ("Nukus", "Нукус", "Нукусе", "Nukus"),
        ("Urganch", "Ургенч", "Ургенче", "Urgench"),
        ("Navoiy", "Навои", "Навои", "Navoi"),
        ("Jizzax", "Джизак", "Джизаке", "Jizzakh"),
        ("Guliston", "Гулистан", "Гулистане", "Gulistan"),
    ),
    "KZ": (
        ("Olmaota", "Алматы", "Алматы", "Almaty"),
        ("Astana", "Астана", "Астане", "Astana"),
        ("Shimkent", "Шымкент", "Шымкенте", "Shymkent"),
        ("Qaragʻandi", "Караганда", "Караганде", "Karaganda"),
        ("Aqtoʻbe", "Актобе", "Актобе", "Aktobe"),
        ("Turkiston", "Туркестан", "Туркестане", "Turkistan"),
    ),
    "KG": (
        ("Bishkek", "Бишкек", "Бишкеке", "Bishkek"),
        ("Oʻsh", "Ош", "Оше", "Osh"),
        ("Jalolobod", "Джалал-Абад", "Джалал-Абаде", "Jalal-Abad"),
        ("Qoraqoʻl", "Каракол", "Караколе", "Karakol"),
    ),
    "TJ": (
        ("Dushanbe", "Душанбе", "Душанбе", "Dushanbe"),
        ("Xoʻjand", "Худжанд", "Худжанде", "Khujand"),
        ("Kulob", "Куляб", "Кулябе", "Kulob"),
        ("Bohtar", "Бохтар", "Бохтаре", "Bokhtar"),
    ),
    "TM": (
        ("Ashxobod", "Ашхабад", "Ашхабаде", "Ashgabat"),
        ("Turkmanobod", "Туркменабат", "Туркменабате", "Turkmenabat"),
        ("Mari", "Мары", "Мары", "Mary"),
        ("Dashoguz", "Дашогуз", "Дашогузе", "Dashoguz"),
    ),
}
LANGUAGES = ("uz-Latn", "uz-Cyrl", "ru", "en")
LANGUAGE_WEIGHTS = (25, 20, 35, 20)
# The codes the index uses for a declared language (hamkor.core.search.text.detect_language).
LANGUAGE_CODES = {"uz-Latn": "uz", "uz-Cyrl": "uz-Cyrl", "ru": "ru", "en": "en"}
PILLARS = ("I", "II", "III", "IV")

# --- Uzbek Latin to Cyrillic --------------------------------------------------------------------------------------
_UZ_PAIRS = {"oʻ": "ў", "gʻ": "ғ", "sh": "ш", "ch": "ч", "yo": "ё", "yu": "ю", "ya": "я", "ye": "е", "ts": "ц"}
_UZ_LETTERS = dict(zip("abdefghijklmnopqrstuvxyzʼ", "абдефгҳижклмнопқрстувхйзъ", strict=True))
# Loanwords Uzbek Cyrillic spells as Russian does, where the Latin spelling lost the ц.
_UZ_LOANS = {"sanksiya": "санкция", "aksiya": "акция", "stansiya": "станция"}
_UZ_WORD = re.compile(r"[A-Za-zʻʼ]+")


def _uz_word(word: str) -> str:
    lower = word.lower()
    for latin, cyrillic in _UZ_LOANS.items():
        lower = lower.replace(latin, cyrillic)
    out, i = [], 0
    while i < len(lower):
        pair = lower[i : i + 2]
        if pair in _UZ_PAIRS:
            out.append(_UZ_PAIRS[pair])
            i += 2
            continue
        char = lower[i]
        out.append("э" if char == "e" and i == 0 else _UZ_LETTERS.get(char, char))
        i += 1
    cyrillic = "".join(out)
    return cyrillic[:1].upper() + cyrillic[1:] if word[:1].isupper() else cyrillic


def uz_cyrillic(text: str) -> str:
    """Uzbek Latin text in the Cyrillic alphabet (the 1995 correspondence, read backwards)."""
    return _UZ_WORD.sub(lambda match: _uz_word(match.group()), text)


# --- documents ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One benchmark document; ``language`` is the true one ("uz-Latn", "uz-Cyrl", "ru" or "en")."""

    id: str
    language: str
    title: str
    summary: str
    body: str
    country: str
    pillars: tuple[str, ...]
    year: int
    audience: str = "public"


def _uz_case(word: str, case: str) -> str:
    if case == "dat":
        return word + ("ka" if word.endswith("k") else "qa" if word.endswith("q") else "ga")
    return word + {"": "", "gen": "ning", "loc": "da", "acc": "ni", "dagi": "dagi"}[case]


@dataclass
class _Writer:
    """Fills sentence templates for one document: its country, places and two main topics recur."""

    rng: random.Random
    language: str
    country: str
    year: int
    places: list[tuple[str, str, str, str]] = field(default_factory=list)
    topics: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.places = self.rng.sample(PLACES[self.country], self.rng.choice([1, 1, 2]))
        count = len(self._topic_list())
        self.topics = self.rng.sample(range(count), 2)

    def _topic_list(self) -> Sequence[Any]:
        return {"uz": UZ_TOPICS, "ru": RU_TOPICS, "en": EN_TOPICS}[self.language]

    def _pick(self, name: str) -> Any:
        rng, lang = self.rng, self.language
        if name == "T":
            topics = self._topic_list()
            return topics[rng.choice(self.topics)] if rng.random() < 0.7 else rng.choice(topics)
        if name == "U":
            return rng.choice(self._topic_list())
        if name == "A":
            return rng.choice({"uz": UZ_PEOPLE, "ru": RU_PEOPLE, "en": EN_PEOPLE}[lang])
        if name == "S":
            return rng.choice({"uz": UZ_STAFF, "ru": RU_STAFF, "en": EN_STAFF}[lang])
        if name == "O":
            return rng.choice(UZ_PERSON)
        if name == "P":
            return rng.choice(self.places)
        if name == "C":
            return COUNTRIES[self.country if rng.random() < 0.7 else rng.choice(list(COUNTRIES))]
        if name == "Y":
            return str(max(2010, self.year - rng.randint(0, 3)))
        if name == "N":
            return str(rng.randint(12, 480))
        raise KeyError(name)

    def _form(self, name: str, value: Any, case: str) -> str:
        if name in ("Y", "N", "O"):
            return str(value)
        if self.language == "en":
            return str(value[3] if name == "P" else value[4] if name == "C" else value)
        if self.language == "ru":
            if name == "P":
                return str(value[2] if case == "prep" else value[1])
            if name == "C":
                return str({"gen": value[2], "prep": value[3]}.get(case, value[1]))
            forms = RU_STAFF_CASES if name == "S" else RU_CASES
            return str(value[forms[case or "nom"]])
        if name in ("T", "U"):
            return _uz_case(value[0], case)
        if name == "Tp":
            return _uz_case(value[1], case)
        return _uz_case(value[0] if name in ("P", "C") else value, case)

    def fill(self, template: str) -> str:
        picked: dict[str, Any] = {}
        writer = self

        class Slots(dict[str, str]):
            def __missing__(self, key: str) -> str:
                name, _, case = key.partition("_")
                base = "T" if name == "Tp" else name
                if base not in picked:
                    picked[base] = writer._pick(base)
                    while base == "U" and picked[base] == picked.get("T"):  # "A and A: a review" reads badly
                        picked[base] = writer._pick(base)
                return writer._form(name, picked[base], case)

        text = template.format_map(Slots())
        return text[:1].upper() + text[1:]

    def sentences(self, words: int) -> str:
        out: list[str] = []
        count = 0
        while count < words:
            sentence = self.fill(self.rng.choice(self._sentences()))
            out.append(sentence)
            count += len(sentence.split())
        return " ".join(out)

    def _sentences(self) -> Sequence[str]:
        return {"uz": UZ_SENTENCES, "ru": RU_SENTENCES, "en": EN_SENTENCES}[self.language]

    def title(self) -> str:
        return self.fill(self.rng.choice({"uz": UZ_TITLES, "ru": RU_TITLES, "en": EN_TITLES}[self.language]))


def _writer(rng: random.Random, language: str, country: str, year: int) -> _Writer:
    return _Writer(rng, "uz" if language.startswith("uz") else language, country, year)


def in_script(language: str, text: str) -> str:
    return uz_cyrillic(text) if language == "uz-Cyrl" else text


def generated_document(rng: random.Random, number: int) -> Document:
    """Document number ``number``: title, a summary of one or two sentences and a body of 80–200 words."""
    language = rng.choices(LANGUAGES, weights=LANGUAGE_WEIGHTS)[0]
    country = rng.choices(list(COUNTRY_WEIGHTS), weights=list(COUNTRY_WEIGHTS.values()))[0]
    year = rng.randint(2010, 2026)
    pillars = tuple(sorted(rng.sample(PILLARS, rng.choice([1, 1, 2]))))
    writer = _writer(rng, language, country, year)
    title = writer.title()
    summary = writer.sentences(rng.randint(8, 24))
    body = writer.sentences(rng.randint(80, 200))
    audience = "partners" if rng.random() < PARTNERS_SHARE else "public"
    return Document(
        f"g{number:06d}",
        language,
        in_script(language, title),
        in_script(language, summary),
        in_script(language, body),
        country,
        pillars,
        year,
        audience,
    )


def target_document(target: Target) -> Document:
    """A hand-written target, its body padded with generated sentences in its language (60–120 words)."""
    rng = random.Random(zlib.crc32(target.id.encode()))  # reproducible benchmark data, not secrets
    writer = _writer(rng, target.language, target.country, target.year)
    filler = in_script(target.language, writer.sentences(rng.randint(60, 120)))
    return Document(
        target.id,
        target.language,
        target.title,
        target.summary,
        f"{target.text} {filler}",
        target.country,
        target.pillars,
        target.year,
    )


def generate(documents: int, *, seed: int = 7) -> list[Document]:
    """``documents`` generated documents with the targets spread evenly among them, reproducible from ``seed``."""
    rng = random.Random(seed)  # reproducible benchmark data, not secrets
    docs = [generated_document(rng, n) for n in range(1, documents + 1)]
    step = max(1, len(docs) // len(TARGETS))
    for i, target in enumerate(TARGETS):
        docs.insert(min(len(docs), i * (step + 1)), target_document(target))
    return docs


# --- latency probes -----------------------------------------------------------------------------------------------
