"""double-period: an amount or abbreviation that ends in a period, then a typed one."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import edit, findings

AR_SUBJECT = "templates/payment_received/ar/email.toml"
AR_EMAIL = {"templates": ["payment_received"], "locales": ["ar"], "channels": ["email"]}


def test_demo_has_no_double_period(demo: Path) -> None:
    assert not findings(demo, "double-period")


def test_riyal_then_a_typed_period_is_found_where_it_is_typed(demo: Path) -> None:
    edit(demo, AR_SUBJECT, "شكرًا لك، تم استلام دفعتك: {{ amount_paid|money(currency) }}",
         "تم استلام دفعتك: {{ amount_paid|money(currency) }}. شكرًا لك")
    found = findings(demo, "double-period", **AR_EMAIL)
    assert len(found) == 1  # one place, however many samples show it
    line = (demo / AR_SUBJECT).read_text(encoding="utf-8").splitlines()[0]
    assert (found[0].path, found[0].line, found[0].column) == (AR_SUBJECT, 1,
                                                               line.index("}}.") + 3)
    assert found[0].message.endswith("..' ends with two periods")
    assert "\u200f" not in found[0].message


def test_typed_abbreviation_and_ellipsis(demo: Path) -> None:
    sms = "templates/payment_received/en/sms.txt"
    text = (demo / sms).read_text(encoding="utf-8")
    (demo / sms).write_text("Northwind Telecom Ltd.. Wait... " + text, encoding="utf-8")
    found = findings(demo, "double-period", templates=["payment_received"], locales=["en"],
                     channels=["sms"])
    assert len(found) == 1 and "Ltd.." in found[0].message
    assert (found[0].path, found[0].line, found[0].column) == (sms, 1, 22)
