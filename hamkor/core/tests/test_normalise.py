"""The one normalisation: what is stored (clean), what is compared (unconfused, read every way), and that
nothing a reader cannot see changes a folded key."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamkor.core.folding import fold
from hamkor.core.normalise import INVISIBLE, aligned, clean, has_letters, readings, unconfuse

# Every format character (Cf) of this Python's Unicode, and the other invisible ones the module removes.
FORMAT_CHARACTERS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
INVISIBLES = [*FORMAT_CHARACTERS, "\u034f", "\u115f", "\u3164", "\ufe0f", "\uffa0", "\U000e0100"]
REPORTED = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202e", "\u2066"]


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
    position = data.draw(st.integers(0, len(text)))
    invisible = data.draw(st.sampled_from(REPORTED))
    assert clean(text[:position] + invisible + text[position:]) == text


@pytest.mark.parametrize(
    ("mixed", "read"),
    [
        ("Pуcтaм", "Рустам"),  # Latin P, c, a in a word whose у, т, м decide it is Cyrillic
        ("Реtrova", "Petrova"),  # Cyrillic Р, е in a word whose t, r, v decide it is Latin
        ("Kаримова", "Каримова"),
        ("Toshkent", "Toshkent"),  # one script: untouched
        ("Тошкент", "Тошкент"),
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
    invisible = data.draw(st.sampled_from(INVISIBLES))
    hidden = text[:position] + invisible + text[position:]
    assert fold(hidden) == fold(text)
    assert aligned(hidden).text == aligned(text).text
