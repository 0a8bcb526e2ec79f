"""The library's demo records: the Tashkent Declaration (a real, public fact) and fictional practices, papers and
guides (``is_demo``) in Russian, Uzbek in both scripts and English, so that cross-script search can be shown.

Each record is a dict of ``services.create_item`` fields plus ``key`` (to link translations), ``demo``,
``countries`` and ``organisations`` (by the core seed's organisation names).
"""

from __future__ import annotations

from datetime import date
from typing import Any

CENTRE = "Demo Rehabilitation Centre (Tashkent)"
MAHALLA = "Demo Mahalla Support Network"
ISRS = "Institute for Strategic and Regional Studies under the President of the Republic of Uzbekistan"
UNOCT = "United Nations Office of Counter-Terrorism"
CENTRAL_ASIA = ["KZ", "KG", "TJ", "TM", "UZ"]

TASHKENT_DECLARATION: dict[str, Any] = {
    "key": "tashkent-declaration",
    "demo": False,
    "kind": "official_document",
    "title": "Tashkent Declaration and the updated Joint Plan of Action for Central Asia",
    "summary": (
        "On 3 March 2022 the updated Joint Plan of Action for the Implementation of the United Nations Global "
        "Counter-Terrorism Strategy in Central Asia and the Tashkent Declaration were adopted at the conference "
        '"Regional Cooperation of Central Asian States within the Framework of the Joint Plan of Action" '
        "(Tashkent, 3–4 March 2022). Both were later issued as official documents of the 76th session of the "
        "United Nations General Assembly."
    ),
    "languages": ["en", "ru"],
    "countries": CENTRAL_ASIA,
    "pillars": ["I", "II", "III", "IV"],
    "themes": ["Joint Plan of Action", "regional cooperation"],
    "tags": ["JPoA", "Tashkent Declaration", "Central Asia"],
    "organisations": [UNOCT],
    "date": date(2022, 3, 3),
    "licence": "Official document of the United Nations",
    "access": "public",
}

PRACTICES: list[dict[str, Any]] = [
    {
        "key": "family-support-ru",
        "title": "Семейная поддержка женщин, вернувшихся из Сирии и Ирака",
        "summary": (
            "Реабилитация и реинтеграция женщин и детей через восстановление связей с семьёй и махаллей: "
            "социальный работник сопровождает семью первый год после возвращения."
        ),
        "languages": ["ru"],
        "countries": ["UZ"],
        "pillars": ["I", "IV"],
        "themes": ["реинтеграция", "поддержка семьи"],
        "approach": "Индивидуальный план для каждой семьи, составленный вместе с родственниками и махаллей.",
        "aims": "Вернуть женщин и детей в семью, школу и работу; снизить изоляцию и стигму.",
        "target_group": "Женщины и дети, вернувшиеся из зон конфликта в Сирии и Ираке, и их родственники.",
        "methods": "Визиты на дом, группы взаимной поддержки матерей, посредничество с соседями, юридическая помощь.",
        "lessons_learned": "Доверие появляется, когда один и тот же специалист ведёт семью весь год.",
        "evidence": "Внутренний мониторинг: посещаемость школы, занятость, повторные обращения (вымышленные данные).",
        "contact": MAHALLA,
    },
    {
        "key": "family-support-uz",
        "translation_of": "family-support-ru",
        "title": "Suriya va Iroqdan qaytgan ayollarni oilaviy qoʻllab-quvvatlash",
        "summary": (
            "Ayollar va bolalarni oila va mahalla bilan aloqalarni tiklash orqali reabilitatsiya va "
            "reintegratsiya qilish: ijtimoiy xodim qaytgandan keyingi birinchi yil davomida oilaga hamrohlik qiladi."
        ),
        "languages": ["uz"],
        "countries": ["UZ"],
        "pillars": ["I", "IV"],
        "themes": ["reintegratsiya", "oilani qoʻllab-quvvatlash"],
        "approach": "Har bir oila uchun qarindoshlar va mahalla bilan birga tuzilgan shaxsiy reja.",
        "aims": "Ayollar va bolalarni oilaga, maktabga va ishga qaytarish; yakkalanish va tamgʻani kamaytirish.",
        "target_group": "Suriya va Iroqdagi mojaro hududlaridan qaytgan ayollar, bolalar va ularning qarindoshlari.",
        "methods": "Uyga tashriflar, onalarning oʻzaro yordam guruhlari, qoʻshnilar bilan vositachilik.",
        "lessons_learned": "Bitta mutaxassis oilani butun yil davomida olib borsa, ishonch paydo boʻladi.",
        "evidence": "Ichki monitoring: maktabga qatnash, bandlik (toʻqima maʼlumotlar).",
        "contact": MAHALLA,
    },
    {
        "key": "theology-cyrl",
        "title": "Илоҳиёт маслаҳати орқали реабилитация",
        "summary": (
            "Қайтган аёлларга имомлар ва илоҳиётшунослар билан суҳбатлар орқали радикал ғоялардан воз кечишга "
            "ёрдам бериш; психолог билан биргаликда олиб борилади."
        ),
        "languages": ["uz-Cyrl"],
        "countries": ["UZ"],
        "pillars": ["I"],
        "themes": ["илоҳиёт маслаҳати", "реабилитация"],
        "approach": "Илоҳиётшунос ва психолог ҳар бир аёл билан алоҳида ва гуруҳда ишлайди.",
        "aims": "Зўравонликни оқловчи талқинларни муҳокама қилиш ва ишончли диний билим бериш.",
        "target_group": "Сурия ва Ироқдан қайтган аёллар.",
        "methods": "Шахсий суҳбатлар, гуруҳ машғулотлари, оила аъзолари билан учрашувлар.",
        "lessons_learned": "Суҳбат мажбурий эмас, ихтиёрий бўлганда натижа яхшироқ.",
        "evidence": "Маслаҳатчиларнинг ҳисоботлари (тўқима маълумотлар).",
        "contact": CENTRE,
    },
    {
        "key": "schooling-uz",
        "title": "Qaytgan bolalarni maktabga moslashtirish",
        "summary": (
            "Suriya va Iroqdan qaytgan bolalarni maktabga qabul qilish: oʻqituvchilarni tayyorlash, "
            "qoʻshimcha darslar va psixolog yordami."
        ),
        "languages": ["uz"],
        "countries": ["UZ"],
        "pillars": ["I", "IV"],
        "themes": ["taʼlim", "bolalar"],
        "approach": "Maktab, psixolog va oila birgalikda har bir bola uchun moslashuv rejasini tuzadi.",
        "aims": "Bolalarni oʻz yoshidagi sinfga qaytarish va tengdoshlar orasida tamgʻadan himoya qilish.",
        "target_group": "Qaytgan 6–15 yoshli bolalar va ularning oʻqituvchilari.",
        "methods": "Oʻqituvchilar uchun seminarlar, qoʻshimcha darslar, maktab psixologi bilan uchrashuvlar.",
        "lessons_learned": "Sinf rahbarining tayyorgarligi eng muhim omil boʻldi.",
        "evidence": "Choraklik baholar va davomat (toʻqima maʼlumotlar).",
        "contact": CENTRE,
    },
    {
        "key": "psychosocial-en",
        "title": "Psychosocial support groups for mothers returned from conflict zones",
        "summary": (
            "Weekly groups led by a psychologist help mothers returned from Syria and Iraq cope with trauma and "
            "rebuild daily routines with their children."
        ),
        "languages": ["en"],
        "countries": ["KZ", "UZ"],
        "pillars": ["I", "IV"],
        "themes": ["psychosocial support", "trauma"],
        "approach": "Closed groups of eight mothers meet weekly for twelve weeks with a psychologist.",
        "aims": "Reduce symptoms of trauma and isolation; strengthen parenting.",
        "target_group": "Mothers returned from Syria and Iraq with children under ten.",
        "methods": "Group sessions, parenting exercises, childcare during sessions, referral to medical care.",
        "lessons_learned": "Childcare during sessions doubled attendance.",
        "evidence": "Before-and-after questionnaires in two cohorts (fictional data).",
        "contact": CENTRE,
    },
]

OTHER_ITEMS: list[dict[str, Any]] = [
    {
        "key": "research-returnees",
        "kind": "research_paper",
        "title": "Returning home: a study of reintegration outcomes in Central Asia",
        "summary": "A fictional comparative study of schooling, employment and family ties two years after return.",
        "languages": ["en"],
        "countries": CENTRAL_ASIA,
        "pillars": ["I", "IV"],
        "themes": ["reintegration", "research"],
        "authors": "Demo Research Team",
        "access": "public",
        "date": date(2025, 6, 1),
        "organisations": [ISRS],
    },
    {
        "key": "guideline-ru",
        "kind": "guideline",
        "title": "Руководство для социальных работников по сопровождению вернувшихся семей",
        "summary": "Пошаговое руководство: первая встреча, оценка потребностей, план, направление к специалистам.",
        "languages": ["ru"],
        "countries": ["UZ", "KZ"],
        "pillars": ["I"],
        "themes": ["социальная работа", "реабилитация"],
        "access": "public",
        "date": date(2024, 11, 15),
        "organisations": [CENTRE],
    },
    {
        "key": "training-uz",
        "kind": "training_material",
        "title": "Oʻquv kursi: qaytgan oilalar bilan ishlash asoslari",
        "summary": "Ijtimoiy xodimlar va oʻqituvchilar uchun toʻrt modulli oʻquv materiali (namunaviy).",
        "languages": ["uz"],
        "countries": ["UZ"],
        "pillars": ["I", "III"],
        "themes": ["oʻqitish"],
        "access": "public",
        "date": date(2025, 2, 1),
        "organisations": [MAHALLA],
    },
    {
        "key": "assessment-partners",
        "kind": "expert_assessment",
        "title": "Expert assessment of reintegration services in three regions (partners only)",
        "summary": "A fictional assessment of capacity gaps in psychosocial and legal support, for partners.",
        "languages": ["en"],
        "countries": ["UZ"],
        "pillars": ["III"],
        "access": "partners",
        "date": date(2025, 4, 10),
        "organisations": [ISRS],
    },
    {
        "key": "theology-group",
        "kind": "expert_assessment",
        "title": "Notes on theological counselling cases (reading group only)",
        "summary": "Fictional working notes for the theological counselling reading group.",
        "languages": ["en"],
        "countries": ["UZ"],
        "pillars": ["I"],
        "access": "group",
        "date": date(2025, 5, 20),
    },
]

READING_GROUP = "Demo reading group: theological counselling"
READING_GROUP_MEMBERS = ("expert", "supervisor")  # demo user codes (core.demo.DEMO_USERS)
