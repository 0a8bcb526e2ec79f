"""The one normalisation: what is stored (clean), what is compared (unconfused, read every way), and that
nothing a reader cannot see changes a folded key."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamkor.core.confusables import FOREIGN_CYRILLIC, FOREIGN_LATIN
from hamkor.core.folding import fold
from hamkor.core.normalise import (
    BIDI_CONTROLS,
    INVISIBLE,
    aligned,
    clean,
    has_letters,
    latin_skeleton,
    readings,
    unconfuse,
)

# Every format character (Cf) of this Python's Unicode, and the other invisible ones the module removes.
FORMAT_CHARACTERS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
INVISIBLES = [*FORMAT_CHARACTERS, "\u034f", "\u115f", "\u3164", "\ufe0f", "\uffa0", "\U000e0100"]
# Those that steer no order: nothing a reader sees changes with them (bidirectional controls: below).
STEERLESS = [c for c in INVISIBLES if c not in BIDI_CONTROLS]
REPORTED = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u2066"]
RLO, PDF = "\u202e", "\u202c"


def test_every_format_character_is_invisible_to_the_normalisation():
    assert [hex(ord(c)) for c in FORMAT_CHARACTERS if not INVISIBLE.fullmatch(c)] == []


def test_the_signs_kept_from_nfkc_are_exactly_those_it_would_turn_into_a_space_and_a_mark_or_letters():
    spacing = {
        chr(c) for c in range(0x10000) if not chr(c).isspace() and unicodedata.normalize("NFKC", chr(c))[:1] == " "
    }
    kept = {chr(c) for c in range(0x10000) if clean(chr(c)) == chr(c) and not unicodedata.is_normalized("NFKC", chr(c))}
    assert kept == spacing | {"№"}


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("Zora\u00adbella", "Zorabella"),
        ("PSPT-ZZ99\u200b8877", "PSPT-ZZ998877"),
        ("\ufeff\u202bДилноза\u202c\u2069", "Дилноза"),
        ("Ｚｏｒａ\u00a0Ｂｅｌｌａ", "Zora Bella"),  # fullwidth letters and a no-break space
        ("ﬁrma", "firma"),
        ("Oʻzbekiston, maʼno, gʻalla", "Oʻzbekiston, maʼno, gʻalla"),  # Uzbek modifier letters are letters
        ("O´zbekiston", "O´zbekiston"),  # NFKC would make the acute a space and a combining mark
        ("паспорт № 123", "паспорт № 123"),  # NFKC would write "No"
        ("Тошкент", "Тошкент"),  # Cyrillic stays Cyrillic, look-alikes and all
        ("Pуcтaм", "Pуcтaм"),  # what was typed is stored; only comparison reads it in one script
    ],
)
def test_what_is_stored_has_no_invisible_character_and_keeps_what_was_typed(written, stored):
    assert clean(written) == stored


@given(st.text())
def test_clean_is_idempotent_and_leaves_nothing_invisible(text):
    stored = clean(text)
    assert clean(stored) == stored
    assert INVISIBLE.search(stored) is None


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳ АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЎҚҒҲ"), st.data())
def test_cyrillic_text_stays_cyrillic_in_storage(text, data):
    # The marks and the left-to-right isolate change no order among Cyrillic letters and spaces.
    position = data.draw(st.integers(0, len(text)))
    invisible = data.draw(st.sampled_from(REPORTED))
    assert clean(text[:position] + invisible + text[position:]) == text


@pytest.mark.parametrize(
    ("mixed", "read"),
    [
        ("Pуcтaм", "Рустам"),  # Latin P, c, a in a word whose у, т, м decide it is Cyrillic
        ("Реtrova", "Petrova"),  # Cyrillic Р, е in a word whose t, r, v decide it is Latin
        ("Kаримова", "Каримова"),
        ("Καrimova", "Karimova"),  # Greek Κ and α
        ("Nurmatοva", "Nurmatova"),  # Greek ο
        ("Nurmatόva", "Nurmatóva"),  # Greek ό: its base letter is read
        ("Karimօva", "Karimova"),  # Armenian օ
        ("Ꮓorabella", "Zorabella"),  # Cherokee Ꮓ
        ("ꓚhirchiq", "Chirchiq"),  # Lisu ꓚ
        ("Καримова", "Каримова"),  # Greek letters in a Cyrillic word are read in Cyrillic
        ("Πулат", "Пулат"),  # a Greek Π has a Cyrillic twin only
        ("Toshkent", "Toshkent"),  # one script: untouched
        ("Тошкент", "Тошкент"),
        ("Αθήνα", "Αθήνα"),  # a Greek word is Greek
    ],
)
def test_a_word_mixing_look_alike_letters_is_compared_in_one_script(mixed, read):
    assert unconfuse(mixed) == read
    assert fold(mixed) == fold(read)


def test_a_word_is_also_read_with_digits_as_letters_and_in_either_script():
    assert {"Zorabella", "Zorabeiia"} <= readings("Z0rabe11a")
    assert readings("Z0rabe11a", digits=False) == {"Z0rabe11a"}
    assert {"Petrova", "Реtrоvа"} <= readings("Реtrova")
    assert readings("Karimova") == {"Karimova"}


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("ZorabeIIa", "Zorabella"),  # capital I for l, as a sans-serif font draws them
        ("lbrohim", "Ibrohim"),  # and a small l for a capital I
        ("Nurrnatova", "Nurmatova"),  # rn for m
        ("Abclulla", "Abdulla"),  # cl for d
        ("ΚΑΡΙΜΟΒΑ", "КАРІМОВА"),  # wholly Greek capitals, drawn like Cyrillic ones
        ("ΖοrabeΙΙa", "Zorabella"),  # Greek letters, and the Greek capital iota for l
    ],
)
def test_a_word_is_also_read_as_the_letters_it_is_drawn_like(written, read):
    assert read in readings(written)
    assert read not in readings(written, digits=False) or written.isupper()


def test_every_look_alike_is_read_as_stored():
    # The tables are read after clean (NFKC): a letter NFKC changes could never be looked up.
    assert [c for c in {**FOREIGN_LATIN, **FOREIGN_CYRILLIC} if clean(c) != c] == []


def test_codes_and_numbers_are_read_letter_for_letter_in_latin():
    assert latin_skeleton("UΖ-7Κ3Q АВ1234567 Ꭺ") == "UZ-7K3Q AB1234567 A"
    assert len(latin_skeleton("Καrimova Дилноза")) == len("Καrimova Дилноза")


# Latin, Greek, Armenian, Cyrillic and Cherokee look-alikes and not, with what fold removes or joins words by.
MIXED_SCRIPTS = st.text(
    alphabet=st.sampled_from([*"KaoprcxyAOPMIHkmɑᴀνοαρΚΑΟΡΜΗΙθΣσγΓπΠόօՕսցкаорсхуКАОРМНІижьᏃꮓ ʻ'1-", "\u0301"])
)


@given(MIXED_SCRIPTS)
def test_reading_look_alike_letters_keeps_fold_idempotent(text):
    key = fold(text)
    assert fold(key) == key


# --- bidirectional controls --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        (f"Dil{RLO}azon{PDF}", "Dilnoza"),  # a right-to-left override inside a word
        (f"{RLO}allebaroZ", "Zorabella"),  # to the end of the paragraph
        (f"Met {RLO}avotamruN{PDF} today.", "Met Nurmatova today."),
        (f"{RLO}ab{PDF}\n{RLO}cd", "ba\ndc"),  # each paragraph on its own
        ("\u202bnoza\u200fDil\u202c", "Dilnoza"),  # an embedding and a mark reorder runs
        ("\u2067noza\u200f Dil\u2069", "Dil noza"),  # an isolate too
        ("\u202b123 456\u202c", "456 123"),
        (f"a{RLO}(b){PDF}", "a(b)"),  # a bracket shown mirrored keeps its look
        (f"\u202d{RLO}ab{PDF}{PDF}", "ba"),  # nested overrides
        ("Dil\u2067azon\u2069", "Dilazon"),  # Latin letters in a right-to-left isolate keep their order
        ("\u202dمحمد\u202c", "دمحم"),  # Arabic forced left to right shows backwards
        ("محمد\u200f 123 علي", "محمد 123 علي"),  # a mark that moves nothing changes nothing
        ("\u202bمحمد\u202c", "محمد"),
    ],
)
def test_text_with_bidirectional_controls_is_stored_in_the_order_it_showed(written, stored):
    assert clean(written) == stored
    assert aligned(written).text == stored


@given(
    st.text(alphabet="ZorabelNumtvДилнзҳ ", max_size=12),
    st.text(alphabet="ZorabelNumtvДилнзҳ", min_size=1, max_size=12),
    st.text(alphabet="ZorabelNumtvДилнзҳ ", max_size=12),
)
def test_letters_after_a_right_to_left_override_are_stored_as_they_showed(before, inside, after):
    assert clean(f"{before}{RLO}{inside[::-1]}{PDF}{after}") == before + inside + after


@given(st.text(alphabet=st.sampled_from([*"abcабв محم123.,( )-", *sorted(BIDI_CONTROLS), "\u200b"])))
def test_showing_in_another_order_only_moves_characters(text):
    stored = clean(text)
    assert clean(stored) == stored
    assert sorted(stored.translate({ord("("): ")"})) == sorted(
        c for c in text.translate({ord("("): ")"}) if not INVISIBLE.match(c)
    )


def test_a_finding_in_reordered_text_points_at_every_character_it_came_from():
    written = f"Met {RLO}avotamruN{PDF} today."
    view = aligned(written)
    start = view.text.index("Nurmatova")
    assert written[slice(*view.span(start, start + len("Nurmatova")))] == f"avotamruN{PDF}"


@pytest.mark.parametrize(
    ("name", "letters"),
    [("Zora", True), ("Ali", True), ("محمد", True), ("\u200b", False), ("\u200b\u00ad\u2060", False), ("-", False),
     ("12", False), ("ʻʼ", False), ("\u3164", False), ("", False)],
)  # fmt: skip
def test_only_letters_of_an_alphabet_make_a_name(name, letters):
    assert has_letters(name) is letters


def test_each_clean_character_points_back_at_what_was_written():
    written = "Met Zora\u00adbella, \u200bPSPT-ZZ99\u200b8877 e\u0301"
    view = aligned(written)
    assert view.text == "Met Zorabella, PSPT-ZZ998877 é"
    start = view.text.index("Zorabella")
    assert written[slice(*view.span(start, start + len("Zorabella")))] == "Zora\u00adbella"
    start = view.text.index("PSPT")
    assert written[slice(*view.span(start, start + 13))] == "PSPT-ZZ99\u200b8877"
    assert aligned("Plain text").span(0, 5) == (0, 5)


@given(st.text(), st.data())
def test_inserting_an_invisible_character_anywhere_changes_neither_the_key_nor_the_view(text, data):
    position = data.draw(st.integers(0, len(text)))
    invisible = data.draw(st.sampled_from(STEERLESS))
    hidden = text[:position] + invisible + text[position:]
    assert fold(hidden) == fold(text)
    assert aligned(hidden).text == aligned(text).text
