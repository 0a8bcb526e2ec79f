"""The quality set of the search benchmark: hand-written target documents and the queries that should find them.

Each target is a document on a distinctive topic, mixed into the generated ones (which share its domain, its
places and most of its vocabulary). Each query is typed in another script than its document, the way a user
would type it, 1–4 words and usually inflected differently from the document. The queries were written
before the engine was run on them and are not adjusted to its results.

``needs`` says what it takes to bridge query and document:

* ``script``: the same language in the other script (Uzbek Latin ↔ Uzbek Cyrillic, Russian typed in Latin
  letters ↔ Russian), the case text folding is meant for;
* ``shared words``: another language, met through names and loanwords both share (``Жусан``/``Zhusan``,
  ``киберпатруль``/``kiberpatrul``);
* ``translation``: another language through words that only a translation would bridge; kept few on purpose,
  as a measure of what folding alone cannot do.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """A hand-written document; its body is ``text`` followed by generated sentences in its language."""

    id: str
    language: str  # "uz-Latn", "uz-Cyrl", "ru" or "en"
    country: str
    year: int
    pillars: tuple[str, ...]
    title: str
    summary: str
    text: str


@dataclass(frozen=True)
class Query:
    """A query as a user types it and the targets it should find (any one of them counts for MRR)."""

    text: str
    expected: tuple[str, ...]
    typed_as: str  # "uz-Latn", "uz-Cyrl", "ru-Latn" (Russian in Latin letters), "ru-Cyrl" or "en"
    needs: str = "script"  # "script", "shared words" or "translation"


# fmt: off
TARGETS: tuple[Target, ...] = (
    # --- Uzbek in Cyrillic -------------------------------------------------------------------------------------
    Target(
        "andijon-dialog-guruhlari", "uz-Cyrl", "UZ", 2021, ("I",),
        "Андижонда илоҳиётчилар билан диалог гуруҳлари",
        "Сурия ва Ироқдан қайтарилган аёллар ҳар ҳафта илоҳиётчилар билан диний саволларни муҳокама қилади.",
        "Диалог гуруҳларида ўн икки нафаргача аёл қатнашади. Илоҳиётчи ва психолог биргаликда суҳбат олиб "
        "боради, аёллар жиҳод ҳақидаги нотўғри тушунчаларни очиқ муҳокама қилади.",
    ),
    Target(
        "tikuvchilik-ustaxonalari", "uz-Cyrl", "UZ", 2020, ("I",),
        "Қайтган аёллар учун тикувчилик устахоналари",
        "Наманганда очилган устахонада аёллар тикув машинасида ишлашни ўрганиб, мактаб формаси тикади.",
        "Ҳар бир битирувчига тикув машинаси совға қилинади. Устахона маҳаллий тадбиркорлар буюртмаларини "
        "бажаради ва аёлларга доимий даромад беради.",
    ),
    Target(
        "mahalla-raislari", "uz-Cyrl", "UZ", 2019, ("I",),
        "Маҳалла раислари қайтган оилаларни қандай кутиб олади",
        "Маҳалла раиси ва хотин-қизлар фаоли оила қайтган куни уйга ташриф буюради.",
        "Қўшниларнинг хавотирларини камайтириш учун маҳалла йиғилишлари ўтказилади. Раислар оилага уй-жой, иш ва "
        "ҳужжатлар бўйича ёрдам беради.",
    ),
    Target(
        "zomin-oromgohi", "uz-Cyrl", "UZ", 2022, ("I",),
        "Зоминдаги ёзги оромгоҳда қайтган болалар дам олди",
        "Сурия ва Ироқдан қайтарилган юз йигирма нафар бола Зомин тоғларидаги оромгоҳда икки ҳафта ўтказди.",
        "Оромгоҳда спорт мусобақалари, гулхан атрофида суҳбатлар ва тоғга саёҳатлар ташкил этилди. Болалар "
        "маҳаллий тенгдошлари билан бирга дам олди.",
    ),
    Target(
        "qoqon-kashtachilik", "uz-Cyrl", "UZ", 2023, ("I",),
        "Қўқонда каштачилик тўгараклари",
        "Қўқон шаҳрида қайтган аёллар ва уларнинг қизлари сўзана тикишни ўрганмоқда.",
        "Каштачилик тўгараги ҳунармандлар уюшмаси билан ҳамкорликда ташкил этилган. Тайёр сўзаналар туристлар "
        "учун бозорда сотилади.",
    ),
    Target(
        "namangan-shaxmat", "uz-Cyrl", "UZ", 2021, ("I",),
        "Наманганда ўсмирлар учун шахмат тўгараги",
        "Шахмат машғулотлари қайтган ўсмирларга диққатни жамлаш ва сабр-тоқатни ўргатади.",
        "Тўгаракда ҳафтасига уч марта машғулот бўлади. Энг яхши ўқувчилар вилоят турнирида қатнашди.",
    ),
    Target(
        "issiqxona-bandlik", "uz-Cyrl", "UZ", 2024, ("I",),
        "Иссиқхона хўжалиги орқали қайтган оилалар бандлиги",
        "Сурхондарёда қайтган оилаларга помидор ва бодринг етиштириш учун кичик иссиқхоналар қурилди.",
        "Ҳар бир оила агроном маслаҳатини олади. Ҳосил маҳаллий бозорда сотилиб, оила бюджетини тўлдиради.",
    ),
    Target(
        "koloniya-kitobxonlik", "uz-Cyrl", "UZ", 2020, ("III",),
        "Жазони ижро этиш колониясида китобхонлик клуби",
        "Колонияда сақланаётган маҳкумлар ҳар ой бадиий китоб ўқиб, муҳокама қилади.",
        "Китобхонлик клуби кутубхоначи ва психолог томонидан юритилади. Муҳокамалар маҳкумларда танқидий "
        "фикрлашни ривожлантиради.",
    ),
    Target(
        "ozbek-tili-kurslari", "uz-Cyrl", "UZ", 2020, ("I",),
        "Араб тилида гаплашадиган болалар учун ўзбек тили курслари",
        "Суриядан қайтган кўплаб болалар ўзбек тилини билмайди, шунинг учун мактабдан олдин тезкор курс ташкил этилди.",
        "Курсда ўйинлар, қўшиқлар ва расмли китоблардан фойдаланилади. Уч ойдан кейин болаларнинг аксарияти "
        "синфда дарсни тушуна бошлади.",
    ),
    Target(
        "nogironligi-bor-bolalar", "uz-Cyrl", "UZ", 2022, ("I",),
        "Ногиронлиги бор қайтган болаларни реабилитация қилиш",
        "Урушда жароҳат олган болалар учун протез ва физиотерапия хизматлари кўрсатилмоқда.",
        "Болаларга протез тайёрлаш Тошкентдаги ортопедия марказида амалга оширилади. Физиотерапевтлар ҳар куни "
        "машғулот ўтказади.",
    ),
    Target(
        "yosh-blogerlar", "uz-Cyrl", "UZ", 2023, ("II",),
        "Онлайн вербовкага қарши ёш блогерлар",
        "Ёш блогерлар ижтимоий тармоқларда экстремистик ғояларга қарши қисқа видеолар тайёрлайди.",
        "Лойиҳа доирасида қирқ нафар блогер медиа саводхонлик бўйича ўқитилди. Уларнинг видеолари миллионлаб "
        "марта кўрилди.",
    ),
    Target(
        "nukus-mikrokredit", "uz-Cyrl", "UZ", 2021, ("I",),
        "Нукусда аёллар тадбиркорлиги учун микрокредитлар",
        "Қорақалпоғистонда қайтган аёллар кичик бизнес бошлаш учун имтиёзли микрокредит олди.",
        "Кредит олишдан олдин аёллар бизнес-режа тузиш бўйича ўқув курсини тугатади. Кўпчилик нонвойхона ва тикув "
        "цехи очди.",
    ),
    Target(
        "oilaviy-mediatsiya", "uz-Cyrl", "UZ", 2022, ("IV",),
        "Оилавий низоларни медиация орқали ҳал қилиш",
        "Қайтган аёллар ва эрининг қариндошлари ўртасидаги низоларни ҳал этишда медиаторлар ёрдам беради.",
        "Медиатор томонларни тинглаб, болалар манфаатини биринчи ўринга қўяди. Медиациядан кейин кўп оилалар "
        "биргаликда яшашга келишди.",
    ),
    Target(
        "sil-gepatit", "uz-Cyrl", "UZ", 2019, ("I",),
        "Қайтганларни сил ва гепатитга текшириш",
        "Сурия ва Ироқдан қайтган барча аёллар ва болалар тиббий кўрикдан ўтказилиб, сил ва гепатит аниқланди.",
        "Касаллиги аниқланганлар бепул даволанди. Шифокорлар оилаларга гигиена ва овқатланиш бўйича маслаҳат берди.",
    ),
    Target(
        "imomlar-ijtimoiy-tarmoq", "uz-Cyrl", "UZ", 2024, ("II",),
        "Имомлар учун ижтимоий тармоқларда тарғибот семинари",
        "Масжид имомлари ижтимоий тармоқларда ёшлар билан мулоқот қилишни ўрганди.",
        "Семинарда имомлар қисқа видео ва постлар тайёрлашни машқ қилди. Мақсад — экстремистик тарғиботга "
        "ишончли диний жавоб бериш.",
    ),
    Target(
        "xorazm-gilamdozlik", "uz-Cyrl", "UZ", 2023, ("I",),
        "Хоразмда гиламдўзлик устахонаси",
        "Урганчдаги устахонада қайтган аёллар қўлда гилам тўқишни ўрганмоқда.",
        "Устахона гиламларни экспорт қилувчи компания билан шартнома тузган. Аёллар ойига барқарор иш ҳақи олади.",
    ),
    Target(
        "moliyalashtirish-milliy-baholash", "uz-Cyrl", "UZ", 2021, ("II",),
        "Терроризмни молиялаштириш хавфини миллий баҳолаш",
        "Миллий баҳолашда нотижорат ташкилотлар, нақд пул олиб ўтиш ва пул ўтказмалари хавфлари таҳлил қилинди.",
        "Ҳисобот халқаро тавсияларга мувофиқ тайёрланган. Банклар учун шубҳали операциялар белгилари рўйхати тузилди.",
    ),
    Target(
        "ombudsman-hisoboti", "uz-Cyrl", "UZ", 2022, ("IV",),
        "Омбудсманнинг қайтганлар ҳуқуқлари бўйича ҳисоботи",
        "Инсон ҳуқуқлари бўйича вакил қайтган аёлларнинг ҳуқуқлари, жумладан шахсий ҳаёт дахлсизлиги ҳақида "
        "ҳисобот эълон қилди.",
        "Ҳисоботда ҳужжатлар бериш муддатлари ва камситиш ҳолатлари кўриб чиқилди. Омбудсман маҳаллий "
        "ҳокимликларга тавсиялар берди.",
    ),
    Target(
        "kurash-seksiyalari", "uz-Cyrl", "UZ", 2020, ("I",),
        "Спорт орқали реинтеграция: кураш секциялари",
        "Қайтган ўғил болалар маҳаллий спорт мактабида миллий кураш билан шуғулланмоқда.",
        "Мураббийлар болаларни тенгдошлари билан бир жамоага бирлаштиради. Икки бола вилоят мусобақасида "
        "совриндор бўлди.",
    ),
    Target(
        "dutor-musiqa-terapiyasi", "uz-Cyrl", "UZ", 2024, ("I",),
        "Мусиқа терапияси: қайтган қизлар учун дутор дарслари",
        "Бухорода психологлар мусиқа терапиясида дутор чалишни қўллайди.",
        "Дутор дарслари қизларга ҳис-туйғуларини ифода этишга ёрдам беради. Йил охирида улар маҳалла байрамида "
        "концерт берди.",
    ),
    Target(
        "yetim-bolalar-vasiylik", "uz-Cyrl", "UZ", 2019, ("IV",),
        "Ота-онасиз қолган қайтган болаларга васийлик",
        "Суриядан етим бўлиб қайтган болаларга қариндошлари ёки болалар уйлари васий этиб тайинланмоқда.",
        "Васийлик ва ҳомийлик органлари ҳар бир болага алоҳида иш очади. Васийлар ойлик нафақа олади.",
    ),
    Target(
        "fargona-erta-ogohlantirish", "uz-Cyrl", "UZ", 2025, ("II",),
        "Фарғона водийсида эрта огоҳлантириш тармоғи",
        "Ўқитувчилар, маҳалла фаоллари ва профилактика инспекторлари радикаллашув белгиларини эрта аниқлаш учун "
        "тармоқ тузди.",
        "Тармоқ аъзолари ҳар ойда вазиятни муҳокама қилади. Хавотирли ҳолатлар ҳақида психологлар хабардор қилинади.",
    ),
    # --- Uzbek in Latin ----------------------------------------------------------------------------------------
    Target(
        "samarqand-pazandachilik", "uz-Latn", "UZ", 2022, ("I",),
        "Samarqandda qaytgan ayollar uchun pazandachilik kurslari",
        "Samarqand kollejida qaytgan ayollar milliy taomlar va shirinliklar tayyorlashni oʻrganmoqda.",
        "Kurs oxirida ayollar oshpazlik sertifikatini oladi. Bitiruvchilarning bir qismi kafe va toʻyxonalarda "
        "ishga joylashdi.",
    ),
    Target(
        "travma-treningi", "uz-Latn", "UZ", 2021, ("III",),
        "Bolalar psixologlari uchun travma bilan ishlash treningi",
        "Xalqaro ekspertlar psixologlarga urush travmasini boshdan kechirgan bolalar bilan ishlash usullarini "
        "oʻrgatdi.",
        "Treningda oʻyin terapiyasi va qum terapiyasi usullari koʻrsatildi. Ishtirokchilar supervizorlik "
        "guruhlariga birlashdi.",
    ),
    Target(
        "qashqadaryo-kompyuter", "uz-Latn", "UZ", 2023, ("I",),
        "Qashqadaryoda kompyuter savodxonligi darslari",
        "Qarshi shahridagi yoshlar markazida qaytgan oʻsmirlar kompyuter va internetdan xavfsiz foydalanishni "
        "oʻrganmoqda.",
        "Darslarda matn terish, elektron pochta va onlayn xavfsizlik asoslari oʻrgatiladi. Eng faol oʻquvchilar "
        "dasturlash kursiga yoʻllandi.",
    ),
    Target(
        "bolalarni-emlash", "uz-Latn", "UZ", 2019, ("I",),
        "Suriyadagi lagerlardan qaytgan bolalarni emlash",
        "Qaytgan bolalarning koʻpchiligi qizamiq va poliomiyelitga qarshi emlanmagan edi.",
        "Poliklinikalar har bir bola uchun emlash jadvalini tuzdi. Ota-onalarga emlashning ahamiyati haqida "
        "tushuntirish berildi.",
    ),
    Target(
        "sartaroshlik-kurslari", "uz-Latn", "UZ", 2024, ("I",),
        "Sartaroshlik kurslari orqali ayollar bandligi",
        "Andijon viloyatida qaytgan ayollar uchun sartaroshlik va kosmetologiya kurslari ochildi.",
        "Bitiruvchilar uyda yoki goʻzallik salonlarida ishlay boshladi. Ayrimlari oʻz salonini ochdi.",
    ),
    Target(
        "qoshma-maslahatlar", "uz-Latn", "UZ", 2020, ("I",),
        "Ilohiyotchi va psixologning qoʻshma maslahatlari",
        "Toshkentdagi markazda qaytgan ayollar bilan ilohiyotchi va psixolog birga suhbat oʻtkazadi.",
        "Qoʻshma maslahat diniy savollarga javob berish bilan birga ruhiy holatni ham hisobga oladi. Bunday "
        "yondashuv ishonchni tezroq qozonishga yordam beradi.",
    ),
    Target(
        "jizzax-teatr-studiyasi", "uz-Latn", "UZ", 2022, ("I",),
        "Jizzaxda oʻsmirlar uchun teatr studiyasi",
        "Teatr studiyasida qaytgan va mahalliy oʻsmirlar birgalikda spektakl sahnalashtirmoqda.",
        "Spektakllar doʻstlik va kechirimlilik haqida. Premyera viloyat drama teatrida boʻlib oʻtdi.",
    ),
    Target(
        "kiberpatrul", "uz-Latn", "UZ", 2025, ("II",),
        "Ekstremistik kontentni aniqlovchi kiberpatrul",
        "Ichki ishlar vazirligi huzuridagi kiberpatrul ijtimoiy tarmoqlardagi ekstremistik materiallarni aniqlaydi.",
        "Kiberpatrul koʻngillilari shubhali kanallar haqida xabar beradi. Materiallar sud ekspertizasidan soʻng "
        "bloklanadi.",
    ),
    Target(
        "buxoro-zardozlik", "uz-Latn", "UZ", 2023, ("I",),
        "Buxoroda zardoʻzlik hunari oʻrgatilmoqda",
        "Qaytgan qizlar Buxoroning mashhur zardoʻz ustalaridan oltin ip bilan kashta tikishni oʻrganmoqda.",
        "Hunarmandchilik markazi mahsulotlarni xorijiy koʻrgazmalarga olib chiqadi. Ustoz-shogird anʼanasi "
        "qizlarga oʻziga ishonch bagʻishlaydi.",
    ),
    Target(
        "mahkumlar-masofaviy-talim", "uz-Latn", "UZ", 2021, ("III",),
        "Mahkumlar uchun masofaviy oliy taʼlim",
        "Jazoni ijro etish muassasalarida saqlanayotgan mahkumlar onlayn tarzda universitet kurslarida oʻqimoqda.",
        "Masofaviy taʼlim dasturi iqtisod va huquq yoʻnalishlarini oʻz ichiga oladi. Imtihonlar kuzatuv ostida "
        "topshiriladi.",
    ),
    Target(
        "inklyuziv-talim-qollanmasi", "uz-Latn", "UZ", 2022, ("I",),
        "Oʻqituvchilar uchun inklyuziv taʼlim qoʻllanmasi",
        "Qoʻllanma oʻqituvchilarga qaytgan bolalarni sinfga qabul qilish va stigmatizatsiyadan himoya qilishni "
        "oʻrgatadi.",
        "Qoʻllanmada dars rejalari, ota-onalar bilan suhbat namunalari va travma belgilari roʻyxati bor.",
    ),
    Target(
        "huquqiy-savodxonlik", "uz-Latn", "UZ", 2020, ("IV",),
        "Ayollar uchun huquqiy savodxonlik seminarlari",
        "Advokatlar qaytgan ayollarga nikoh, meros va fuqarolik masalalaridagi huquqlarini tushuntirmoqda.",
        "Seminarlar Fargʻona, Namangan va Andijon viloyatlarida oʻtkazildi. Ishtirokchilar bepul yuridik maslahat "
        "olish tartibi bilan tanishdi.",
    ),
    Target(
        "toshkent-debat-klubi", "uz-Latn", "UZ", 2024, ("II",),
        "Toshkentda yoshlar debat klubi",
        "Debat klubi yoshlarga ekstremistik gʻoyalarga qarshi dalil keltirishni oʻrgatadi.",
        "Har oy klub aʼzolari diniy bagʻrikenglik va fuqarolik mavzularida bahslashadi. Gʻoliblar respublika "
        "debat turniriga yoʻllanma oladi.",
    ),
    Target(
        "yer-uchastkalari", "uz-Latn", "UZ", 2023, ("I",),
        "Qaytgan oilalarga dehqonchilik uchun yer uchastkalari",
        "Hokimliklar qaytgan oilalarga tomorqa va dehqonchilik uchun ijaraga yer ajratdi.",
        "Yer olgan oilalar sabzavot va poliz ekinlari yetishtirmoqda. Fermerlar ularga urugʻ va oʻgʻit bilan "
        "yordam berdi.",
    ),
    Target(
        "mehribonlik-uyi", "uz-Latn", "UZ", 2019, ("IV",),
        "Mehribonlik uyidagi qaytgan bolalar",
        "Qarindoshlari topilmagan bolalar vaqtincha Mehribonlik uyida tarbiyalanmoqda.",
        "Tarbiyachilar bolalarning qarindoshlarini qidirishda xalqaro tashkilotlar bilan hamkorlik qiladi. Har bir "
        "bola uchun individual reja tuzilgan.",
    ),
    Target(
        "xayriya-jamgarmalari", "uz-Latn", "UZ", 2022, ("II",),
        "Xayriya jamgʻarmalaridan terrorizmni moliyalashtirishda foydalanish xavfi",
        "Tadqiqot soxta xayriya yigʻimlari orqali pul oʻtkazish sxemalarini tahlil qiladi.",
        "Nodavlat notijorat tashkilotlar uchun shaffoflik talablari va xavf belgilari roʻyxati taklif qilingan.",
    ),
    Target(
        "radikallashuv-baholash-vositasi", "uz-Latn", "UZ", 2024, ("III",),
        "Qamoqxonalarda radikallashuv xavfini baholash vositasi",
        "Jazoni ijro etish xodimlari mahkumlarning radikallashuv xavfini baholash uchun yangi soʻrovnomadan "
        "foydalanmoqda.",
        "Vosita yigirma ikki koʻrsatkichdan iborat va har olti oyda qayta toʻldiriladi. Natijalar reabilitatsiya "
        "rejasini tuzishda hisobga olinadi.",
    ),
    Target(
        "onalar-maktabi", "uz-Latn", "UZ", 2025, ("I",),
        "Onalar maktabi: farzand tarbiyasi boʻyicha suhbatlar",
        "Qaytgan onalar har hafta pedagog bilan bola tarbiyasi va oilaviy muloqot haqida suhbatlashadi.",
        "Onalar maktabida jismoniy jazosiz tarbiya usullari oʻrgatiladi. Mashgʻulotlar mahalla markazida oʻtadi.",
    ),
    # --- Russian -----------------------------------------------------------------------------------------------
    Target(
        "termez-art-terapiya", "ru", "UZ", 2021, ("I",),
        "Арт-терапия для детей, вернувшихся из Сирии, в Термезе",
        "В Термезе психологи проводят занятия рисованием и лепкой для детей, переживших войну.",
        "Рисунки помогают детям рассказать о пережитом без слов. Через полгода у большинства детей снизилась "
        "тревожность и улучшился сон.",
    ),
    Target(
        "operatsiya-zhusan", "ru", "KZ", 2019, ("I",),
        "Операция «Жусан»: возвращение граждан Казахстана из Сирии",
        "В 2019 году в ходе гуманитарной операции «Жусан» Казахстан вернул из Сирии более шестисот граждан, в "
        "основном женщин и детей.",
        "После возвращения семьи прошли реабилитацию в центре под Актау. Затем их сопровождали социальные работники "
        "по месту жительства.",
    ),
    Target(
        "robototekhnika-tashkent", "ru", "UZ", 2024, ("I",),
        "Кружки робототехники для детей-возвращенцев в Ташкенте",
        "IT-парк открыл бесплатные кружки робототехники для детей, вернувшихся из зон конфликтов.",
        "Дети собирают роботов из конструкторов и учатся программировать. Команда кружка заняла призовое место на "
        "городском конкурсе.",
    ),
    Target(
        "mobilnye-gruppy-psikhologov", "ru", "UZ", 2020, ("I",),
        "Мобильные группы психологов в Кашкадарьинской области",
        "Мобильные бригады психологов выезжают в отдалённые кишлаки, где живут вернувшиеся семьи.",
        "Каждая бригада состоит из психолога, социального работника и медсестры. За год они провели более тысячи "
        "консультаций на дому.",
    ),
    Target(
        "svidetelstva-o-rozhdenii", "ru", "UZ", 2020, ("IV",),
        "Восстановление свидетельств о рождении детей, рождённых в Сирии",
        "Дети, родившиеся в Сирии и Ираке, не имели документов; суды устанавливали факт рождения по показаниям "
        "свидетелей.",
        "Органы ЗАГС выдали более трёхсот свидетельств о рождении. Без этого документа ребёнок не может пойти в "
        "школу или получить медицинскую помощь.",
    ),
    Target(
        "osh-futbolnaya-liga", "ru", "KG", 2022, ("I",),
        "Футбольная лига для подростков-возвращенцев в Оше",
        "В Оше создана футбольная лига, где подростки-возвращенцы играют вместе с местными командами.",
        "Тренеры-волонтёры проводят тренировки три раза в неделю. Финал сезона собрал на стадионе сотни болельщиков.",
    ),
    Target(
        "operatsiya-mehr", "ru", "UZ", 2019, ("I",),
        "Гуманитарная операция «Мехр»: возвращение женщин и детей в Узбекистан",
        "В 2019–2020 годах в ходе операций «Мехр» из Сирии и Ирака в Узбекистан вернули более пятисот граждан.",
        "По прибытии женщины и дети прошли медицинское обследование в реабилитационном центре. Затем они "
        "вернулись в свои махалли.",
    ),
    Target(
        "elektronnye-braslety", "ru", "KG", 2023, ("III",),
        "Электронные браслеты в системе пробации Кыргызстана",
        "Служба пробации Кыргызстана начала использовать электронные браслеты для надзора за осуждёнными.",
        "Браслеты позволяют отбывать наказание дома и продолжать работу. Сотрудники пробации получают сигнал при "
        "нарушении условий.",
    ),
    Target(
        "babushki-opekuny", "ru", "TJ", 2021, ("IV",),
        "Бабушки как опекуны: передача детей родственникам в Таджикистане",
        "Большинство детей, вернувшихся в Таджикистан из Ирака, живут с бабушками и дедушками.",
        "Органы опеки проверяют условия жизни и выплачивают пособия опекунам. Бабушки получают консультации "
        "психологов.",
    ),
    Target(
        "dnk-ekspertiza", "ru", "KZ", 2020, ("IV",),
        "ДНК-экспертиза для установления родства детей",
        "Чтобы передать детей родственникам, эксперты сравнивают ДНК ребёнка и предполагаемых бабушек и дедушек.",
        "Анализы проводятся бесплатно за счёт международных партнёров. Результаты готовы через две недели.",
    ),
    Target(
        "telegram-verbovshchiki", "ru", "KZ", 2024, ("II",),
        "Мониторинг Telegram-каналов вербовщиков",
        "Аналитики изучили сто двадцать Telegram-каналов, через которые вербовщики обращаются к подросткам.",
        "Вербовщики используют видеоигры, музыку и обещания лёгких денег. Доклад предлагает меры по удалению "
        "контента и работе с родителями.",
    ),
    Target(
        "khavala-perevody", "ru", "TJ", 2022, ("II",),
        "Переводы через систему хавала и финансирование терроризма",
        "Исследование описывает, как неформальные переводчики хавала используются для отправки денег в зоны "
        "конфликтов.",
        "Авторы рекомендуют регистрировать хаваладаров и обучать сотрудников банков выявлению подозрительных "
        "переводов.",
    ),
    Target(
        "zamorazhivanie-aktivov", "ru", "UZ", 2023, ("II",),
        "Замораживание активов по санкционному перечню Совета Безопасности",
        "Банки обязаны без промедления замораживать активы лиц из санкционного перечня по резолюции 1267.",
        "Доклад описывает процедуру исключения из перечня и гуманитарные исключения для семей.",
    ),
    Target(
        "issyk-kul-sanatoriy", "ru", "KG", 2021, ("I",),
        "Оздоровление детей-возвращенцев в санатории на Иссык-Куле",
        "Летом дети, вернувшиеся из Сирии, три недели отдыхали и лечились в санатории на берегу Иссык-Куля.",
        "Врачи провели обследование, а педагоги организовали экскурсии и спортивные игры.",
    ),
    Target(
        "uroki-vozhdeniya", "ru", "UZ", 2024, ("I",),
        "Уроки вождения для женщин-возвращенок",
        "Автошкола в Фергане бесплатно обучает вернувшихся женщин вождению, чтобы они могли работать водителями такси.",
        "Шестьдесят женщин получили водительские права. Некоторые из них теперь развозят товары для местных магазинов.",
    ),
    Target(
        "khudzhand-konditerskie-kursy", "ru", "TJ", 2023, ("I",),
        "Кондитерские курсы для женщин в Худжанде",
        "Вернувшиеся женщины в Худжанде учатся печь торты и национальные сладости.",
        "Выпускницы принимают заказы на свадьбы и праздники. Курс длится три месяца.",
    ),
    Target(
        "tyuremnye-imamy", "ru", "UZ", 2022, ("III",),
        "Тюремные имамы и дерадикализация в колониях",
        "Штатные имамы в исправительных колониях ведут беседы с осуждёнными за преступления экстремистской "
        "направленности.",
        "Имамы проходят подготовку в Международной исламской академии. Беседы дополняются занятиями с психологами.",
    ),
    Target(
        "ptsr-podrostki", "ru", "KZ", 2022, ("I",),
        "Лечение посттравматического стрессового расстройства у подростков",
        "Клиника в Алматы применяет когнитивно-поведенческую терапию для подростков с ПТСР.",
        "Курс лечения включает двенадцать сессий и работу с родителями.",
    ),
    Target(
        "grazhdanstvo-detey", "ru", "TJ", 2020, ("IV",),
        "Правовая помощь по вопросам гражданства детей без документов",
        "Юристы помогают детям, рождённым за границей, подтвердить гражданство Таджикистана и избежать безгражданства.",
        "Проект охватил около двухсот детей. В сложных случаях дела передаются в суд.",
    ),
    Target(
        "shymkent-rannee-preduprezhdenie", "ru", "KZ", 2025, ("II",),
        "Система раннего предупреждения в школах Шымкента",
        "Школьные психологи Шымкента отмечают признаки радикализации учеников и передают сигналы межведомственной "
        "группе.",
        "Система включает обучение учителей, анонимную линию и ежемесячные совещания с полицией.",
    ),
    Target(
        "pchelovodstvo", "ru", "UZ", 2023, ("I",),
        "Пчеловодство как источник дохода для семей в Сурхандарье",
        "Вернувшиеся семьи получили ульи и прошли курс пчеловодства.",
        "Первый урожай мёда продан на ярмарке в Термезе. Пасечники-наставники посещают семьи каждый месяц.",
    ),
    Target(
        "al-khol-videozvonki", "ru", "UZ", 2021, ("IV",),
        "Видеозвонки с родственниками в лагере аль-Хол",
        "Гуманитарные организации помогают семьям связаться по видео с родственниками, остающимися в лагере аль-Хол.",
        "Звонки помогают подготовить возвращение и восстановить связи. Психологи присутствуют во время разговоров с "
        "детьми.",
    ),
    Target(
        "shkolnye-nastavniki", "ru", "UZ", 2022, ("I",),
        "Школьные наставники в реинтеграции детей",
        "Каждому вернувшемуся ребёнку в школе назначается наставник из числа опытных учителей.",
        "Наставник помогает с учёбой, следит за отношениями с одноклассниками и встречается с родителями.",
    ),
    # --- English -----------------------------------------------------------------------------------------------
    Target(
        "almaty-yoga", "en", "KZ", 2023, ("I",),
        "Yoga and breathing exercises for mothers in Almaty",
        "A rehabilitation centre in Almaty offers yoga and breathing exercises to returnee mothers coping with trauma.",
        "Sessions take place twice a week while the children attend a play group. Participants report better sleep "
        "and less anxiety.",
    ),
    Target(
        "batken-youth-centre", "en", "KG", 2022, ("II",),
        "Batken youth centre keeps teenagers away from recruiters",
        "A youth centre in Batken offers sports, English classes and mentoring to teenagers at risk of recruitment.",
        "Volunteers from the town run the centre in the evenings and at weekends.",
    ),
    Target(
        "hidoyat-hotline", "en", "UZ", 2021, ("II",),
        "Hidoyat family hotline answers parents' worries about radicalisation",
        "The Hidoyat hotline gives parents confidential advice when they fear their child is drawn to extremist "
        "groups online.",
        "Calls are answered by psychologists and religious scholars; serious cases are referred to local services.",
    ),
    Target(
        "baghdad-dushanbe-flights", "en", "TJ", 2019, ("I",),
        "Repatriation flights from Baghdad to Dushanbe",
        "In 2019 Tajikistan repatriated eighty-four children from Iraq on a special flight from Baghdad to Dushanbe.",
        "The children were met by relatives and by a team of doctors and psychologists at the airport.",
    ),
    Target(
        "naryn-hippotherapy", "en", "KG", 2024, ("I",),
        "Hippotherapy for returnee children in Naryn",
        "A stud farm near Naryn offers horse riding sessions to children with trauma and motor difficulties.",
        "Riding builds trust and balance; therapists record each child's progress.",
    ),
    Target(
        "crypto-financing", "en", "KZ", 2024, ("II",),
        "Cryptocurrency and crowdfunding in terrorist financing",
        "The study traces donations collected through crowdfunding pages and converted into cryptocurrency.",
        "It recommends that exchanges screen wallets against sanctions lists.",
    ),
    Target(
        "osh-acceptance-survey", "en", "KG", 2021, ("I",),
        "Community acceptance survey in Osh and Jalal-Abad",
        "A household survey in Osh and Jalal-Abad measured how willing neighbours are to accept returnee families.",
        "Most respondents supported returnees' right to work, but fewer would let their children marry into a "
        "returnee family.",
    ),
    Target(
        "zarafshan-mining-jobs", "en", "UZ", 2025, ("I",),
        "Mining town Zarafshan hires returnee women",
        "The mining company in Zarafshan opened jobs in its laundry and canteen to women returned from Syria.",
        "A social worker on site helps the women settle in and arranges childcare.",
    ),
)
# fmt: on

QUERIES: tuple[Query, ...] = (
    # Uzbek Latin, for Uzbek Cyrillic documents.
    Query("andijon dialog guruhlari", ("andijon-dialog-guruhlari",), "uz-Latn"),
    Query("ilohiyotchi bilan suhbat Andijon", ("andijon-dialog-guruhlari",), "uz-Latn"),
    Query("tikuvchilik ustaxonasi", ("tikuvchilik-ustaxonalari",), "uz-Latn"),
    Query("tikuv mashinasi ayollar", ("tikuvchilik-ustaxonalari",), "uz-Latn"),
    Query("mahalla raisi kutib olish", ("mahalla-raislari",), "uz-Latn"),
    Query("Zomin oromgohi", ("zomin-oromgohi",), "uz-Latn"),
    Query("yozgi oromgoh bolalar", ("zomin-oromgohi",), "uz-Latn"),
    Query("Qoʻqon kashtachilik", ("qoqon-kashtachilik",), "uz-Latn"),
    Query("soʻzana tikish", ("qoqon-kashtachilik",), "uz-Latn"),
    Query("shaxmat toʻgaraklari", ("namangan-shaxmat",), "uz-Latn"),
    Query("issiqxonalar Surxondaryo", ("issiqxona-bandlik",), "uz-Latn"),
    Query("kitobxonlik klubi koloniya", ("koloniya-kitobxonlik",), "uz-Latn"),
    Query("arab tilida gapiradigan bolalar", ("ozbek-tili-kurslari",), "uz-Latn"),
    Query("oʻzbek tili kursi", ("ozbek-tili-kurslari",), "uz-Latn"),
    Query("nogironligi bor bolalar", ("nogironligi-bor-bolalar",), "uz-Latn"),
    Query("protez fizioterapiya", ("nogironligi-bor-bolalar",), "uz-Latn"),
    Query("blogerlar onlayn verbovka", ("yosh-blogerlar",), "uz-Latn"),
    Query("ayollar tadbirkorligi Nukus", ("nukus-mikrokredit",), "uz-Latn"),
    Query("mikrokredit", ("nukus-mikrokredit",), "uz-Latn"),
    Query("oilaviy nizolar mediatsiyasi", ("oilaviy-mediatsiya",), "uz-Latn"),
    Query("sil kasalligi tekshiruvi", ("sil-gepatit",), "uz-Latn"),
    Query("gepatit", ("sil-gepatit",), "uz-Latn"),
    Query("imomlar ijtimoiy tarmoqlar", ("imomlar-ijtimoiy-tarmoq",), "uz-Latn"),
    Query("gilam toʻqish Xorazm", ("xorazm-gilamdozlik",), "uz-Latn"),
    Query("terrorizmni moliyalashtirish xavfi baholash", ("moliyalashtirish-milliy-baholash",), "uz-Latn"),
    Query("ombudsman hisoboti", ("ombudsman-hisoboti",), "uz-Latn"),
    Query("kurash seksiyasi", ("kurash-seksiyalari",), "uz-Latn"),
    Query("dutor darslari", ("dutor-musiqa-terapiyasi",), "uz-Latn"),
    Query("musiqa terapiya", ("dutor-musiqa-terapiyasi",), "uz-Latn"),
    Query("yetim bolalar vasiyligi", ("yetim-bolalar-vasiylik",), "uz-Latn"),
    Query("Fargʻona vodiysi erta ogohlantirish", ("fargona-erta-ogohlantirish",), "uz-Latn"),
    # Uzbek Cyrillic, for Uzbek Latin documents.
    Query("пазандачилик курси", ("samarqand-pazandachilik",), "uz-Cyrl"),
    Query("травма бўйича тренинг психологлар", ("travma-treningi",), "uz-Cyrl"),
    Query("қум терапияси", ("travma-treningi",), "uz-Cyrl"),
    Query("компьютер саводхонлиги", ("qashqadaryo-kompyuter",), "uz-Cyrl"),
    Query("Қашқадарё компьютер дарслари", ("qashqadaryo-kompyuter",), "uz-Cyrl"),
    Query("эмлаш жадвали", ("bolalarni-emlash",), "uz-Cyrl"),
    Query("сартарош аёллар", ("sartaroshlik-kurslari",), "uz-Cyrl"),
    Query("қўшма маслаҳат илоҳиётчи психолог", ("qoshma-maslahatlar",), "uz-Cyrl"),
    Query("Жиззах театр студияси", ("jizzax-teatr-studiyasi",), "uz-Cyrl"),
    Query("экстремистик контент", ("kiberpatrul",), "uz-Cyrl"),
    Query("Бухоро зардўзлик", ("buxoro-zardozlik",), "uz-Cyrl"),
    Query("масофавий таълим маҳкумлар", ("mahkumlar-masofaviy-talim",), "uz-Cyrl"),
    Query("инклюзив таълим", ("inklyuziv-talim-qollanmasi",), "uz-Cyrl"),
    Query("ҳуқуқий саводхонлик аёллар", ("huquqiy-savodxonlik",), "uz-Cyrl"),
    Query("дебат клуби ёшлар", ("toshkent-debat-klubi",), "uz-Cyrl"),
    Query("ер участкалари деҳқончилик", ("yer-uchastkalari",), "uz-Cyrl"),
    Query("Меҳрибонлик уйи", ("mehribonlik-uyi",), "uz-Cyrl"),
    Query("хайрия жамғармалари", ("xayriya-jamgarmalari",), "uz-Cyrl"),
    Query("радикаллашув хавфи баҳолаш воситаси", ("radikallashuv-baholash-vositasi",), "uz-Cyrl"),
    Query("оналар мактаби", ("onalar-maktabi",), "uz-Cyrl"),
    # Russian, for Uzbek Latin documents: loanwords both languages share.
    Query("киберпатруль", ("kiberpatrul",), "ru-Cyrl", "shared words"),
    Query("инклюзивное образование учителя", ("inklyuziv-talim-qollanmasi",), "ru-Cyrl", "translation"),
    # Russian typed in Latin letters, for Russian documents.
    Query("art-terapiya Termez", ("termez-art-terapiya",), "ru-Latn"),
    Query("Zhusan", ("operatsiya-zhusan",), "ru-Latn"),
    Query("robototekhnika kruzhok", ("robototekhnika-tashkent",), "ru-Latn"),
    Query("mobilnye gruppy psikhologov", ("mobilnye-gruppy-psikhologov",), "ru-Latn"),
    Query("svidetelstvo o rozhdenii", ("svidetelstva-o-rozhdenii",), "ru-Latn"),
    Query("futbolnaya liga Osh", ("osh-futbolnaya-liga",), "ru-Latn"),
    Query("elektronnye braslety probatsiya", ("elektronnye-braslety",), "ru-Latn"),
    Query("babushki opekuny", ("babushki-opekuny",), "ru-Latn"),
    Query("DNK ekspertiza", ("dnk-ekspertiza",), "ru-Latn"),
    Query("verbovshchiki telegram", ("telegram-verbovshchiki",), "ru-Latn"),
    Query("zamorazhivanie aktivov", ("zamorazhivanie-aktivov",), "ru-Latn"),
    Query("sanktsionnyy perechen", ("zamorazhivanie-aktivov",), "ru-Latn"),
    Query("Issyk-Kul sanatoriy", ("issyk-kul-sanatoriy",), "ru-Latn"),
    Query("voditelskie prava zhenshchiny", ("uroki-vozhdeniya",), "ru-Latn"),
    Query("konditerskie kursy Khudzhand", ("khudzhand-konditerskie-kursy",), "ru-Latn"),
    Query("bezgrazhdanstvo", ("grazhdanstvo-detey",), "ru-Latn"),
    Query("rannee preduprezhdenie shkoly", ("shymkent-rannee-preduprezhdenie",), "ru-Latn"),
    Query("pchelovodstvo", ("pchelovodstvo",), "ru-Latn"),
    Query("al-Khol lager", ("al-khol-videozvonki",), "ru-Latn"),
    Query("shkolnyy nastavnik", ("shkolnye-nastavniki",), "ru-Latn"),
    # Uzbek Latin or English, for Russian documents: names and loanwords, and a few needing translation.
    Query("Mehr operatsiyasi", ("operatsiya-mehr",), "uz-Latn", "shared words"),
    Query("imom koloniya deradikalizatsiya", ("tyuremnye-imamy",), "uz-Latn", "shared words"),
    Query("posttravmatik stress", ("ptsr-podrostki",), "uz-Latn", "shared words"),
    Query("avtoshkola", ("uroki-vozhdeniya",), "uz-Latn", "shared words"),
    Query("futbol ligasi Oʻsh", ("osh-futbolnaya-liga",), "uz-Latn", "shared words"),
    Query("Zhusan operation", ("operatsiya-zhusan",), "en", "shared words"),
    Query("hawala", ("khavala-perevody",), "en", "shared words"),
    Query("art terapiya bolalar", ("termez-art-terapiya",), "uz-Latn", "translation"),
    Query("bolalar reintegratsiyasi maktab", ("shkolnye-nastavniki",), "uz-Latn", "translation"),
    # Cyrillic, for English documents: names and loanwords.
    Query("йога Алматы", ("almaty-yoga",), "ru-Cyrl", "shared words"),
    Query("Баткен", ("batken-youth-centre",), "ru-Cyrl", "shared words"),
    Query("Ҳидоят", ("hidoyat-hotline",), "uz-Cyrl", "shared words"),
    Query("Багдад Душанбе", ("baghdad-dushanbe-flights",), "ru-Cyrl", "shared words"),
    Query("Нарын", ("naryn-hippotherapy",), "ru-Cyrl", "shared words"),
    Query("Ош Джалал-Абад", ("osh-acceptance-survey",), "ru-Cyrl", "shared words"),
    Query("Зарафшан", ("zarafshan-mining-jobs",), "ru-Cyrl", "shared words"),
    Query("криптовалюта", ("crypto-financing",), "ru-Cyrl", "translation"),
)
