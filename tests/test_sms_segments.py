"""GSM 03.38 segmentation against 149 vectors written by others (tests/data/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.kernel.sms_segments import (
    GSM7_BASIC,
    GSM7_EXTENSION,
    analyze,
    is_gsm7_char,
    smart_encode,
)

VECTORS = json.loads((Path(__file__).parent / "data" / "sms-vectors.json").read_text("utf-8"))


@pytest.mark.parametrize("case", VECTORS, ids=[v["id"] for v in VECTORS])
def test_vector(case: dict) -> None:
    result = analyze(case["text"])
    assert result.encoding == case["encoding"]
    # Ambiguous cases (a grapheme cluster across a part boundary): we cut by code unit,
    # keeping only surrogate pairs and escape pairs whole, as carriers do.
    expected = case["segments_if_code_unit_split"] if case.get("ambiguous") else case["segments"]
    assert result.segments == expected
    if "per_segment_units" in case and not case.get("ambiguous"):
        assert list(result.part_units) == case["per_segment_units"]


def test_there_are_149_vectors() -> None:
    assert len(VECTORS) == 149


def test_cedilla_capital_is_gsm_but_lowercase_is_not() -> None:
    assert is_gsm7_char("Ç")
    assert not is_gsm7_char("ç")
    assert analyze("ç" * 70).encoding == "UCS-2"


def test_escape_pair_never_split() -> None:
    result = analyze("a" * 152 + "€" + "a" * 10)
    assert result.encoding == "GSM-7"
    assert result.part_units[0] == 152
    assert result.parts[1].startswith("€")


def test_surrogate_pair_never_split() -> None:
    result = analyze("א" * 66 + "😀" + "א" * 10)
    assert result.encoding == "UCS-2"
    assert result.part_units[0] == 66
    assert result.parts[1].startswith("😀")


def test_forcing_characters_are_reported_with_their_index() -> None:
    result = analyze("Pay “now” – thanks")
    assert [c for _, c in result.forcing_ucs2] == ["“", "”", "–"]
    assert result.forcing_ucs2[0][0] == 4


def test_smart_encoding_turns_lookalikes_into_gsm() -> None:
    fixed = smart_encode("Pay “now” – thanks…")
    assert fixed == 'Pay "now" - thanks...'
    assert analyze(fixed).encoding == "GSM-7"


def test_hebrew_is_always_ucs2() -> None:
    assert analyze("שלום").encoding == "UCS-2"
    assert analyze("مرحبا").encoding == "UCS-2"


@given(st.text(alphabet=sorted(GSM7_BASIC | GSM7_EXTENSION), max_size=600))
def test_gsm_parts_rejoin_and_fit(text: str) -> None:
    result = analyze(text)
    assert "".join(result.parts) == text
    assert sum(result.part_units) == result.units
    limit = 160 if result.segments <= 1 else 153
    assert all(u <= limit for u in result.part_units)


@given(st.text(min_size=1, max_size=300))
def test_any_text_parts_rejoin_and_fit(text: str) -> None:
    result = analyze(text)
    assert "".join(result.parts) == text
    assert all(u <= result.per_part_limit for u in result.part_units)
