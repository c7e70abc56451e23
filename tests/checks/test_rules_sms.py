"""The SMS rules on real renders: the demo passes, broken copies fail, policy tunes."""

from __future__ import annotations

import json
from pathlib import Path

from app.core.checks.rules.sms import suggestion

from .helpers import edit, findings, policy

EN_LOGIN = "templates/login_code/en/sms.txt"
EN_DELIVERY = "templates/delivery_update/en/sms.txt"
EN_PAYMENT = "templates/payment_received/en/sms.txt"
LOGIN_EN = {"templates": ["login_code"], "locales": ["en"], "channels": ["sms"]}
DELIVERY_EN = {"templates": ["delivery_update"], "locales": ["en"], "channels": ["sms"]}
PAYMENT_EN = {"templates": ["payment_received"], "locales": ["en"], "channels": ["sms"]}
INVOICE_EN = {"templates": ["invoice_ready"], "locales": ["en"], "channels": ["sms"]}
DELIVERY_HE = {"templates": ["delivery_update"], "locales": ["he"], "channels": ["sms"]}
LONG = " Keep this code to yourself, our staff will never ask for it by phone or email."


def _sample(root: Path, name: str, **values: object) -> None:
    path = root / "samples" / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(values)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_demo_has_no_errors_and_no_encoding_findings(demo: Path) -> None:
    segments = findings(demo, "sms-segments")
    assert segments and all(f.severity == "warning" for f in segments)
    # Only Hebrew and Arabic (UCS-2, 67 units a part) are over 2 messages.
    assert {f.locale for f in segments} == {"he", "ar"}
    assert not findings(demo, "sms-encoding")


# --- sms-segments ---------------------------------------------------------------------------

def test_segments_warning_over_the_policy_maximum(demo: Path) -> None:
    edit(demo, EN_LOGIN, "Don't share it:", "Don't share it." + LONG * 2)
    found = findings(demo, "sms-segments", **LOGIN_EN)
    assert len(found) == 1
    f = found[0]
    assert f.severity == "warning" and f.sample == ""  # every sample is as long
    assert f.message.startswith("SMS is 3 messages (") and "septets" in f.message
    assert "the policy allows 2" in f.message and "part 3 starts at" in f.message
    assert f.path == EN_LOGIN and f.line == 1 and f.column > 1


def test_segments_error_over_the_hard_maximum(demo: Path) -> None:
    edit(demo, EN_LOGIN, "Don't share it:", "Don't share it." + LONG * 6)
    found = findings(demo, "sms-segments", **LOGIN_EN)
    assert len(found) == 1 and found[0].severity == "error"
    assert "the hard maximum is 4" in found[0].message


def test_segments_name_the_longest_sample_when_counts_differ(demo: Path) -> None:
    # Emily's SMS stays at 2 parts; Maximiliana's long address takes it to 3.
    edit(demo, EN_DELIVERY, "Won't be home?", "Won't be home at that time of the day today?")
    found = findings(demo, "sms-segments", **DELIVERY_EN)
    assert len(found) == 1
    assert found[0].sample == "maximiliana_long_name"
    assert "with sample maximiliana_long_name" in found[0].message
    assert "(1 of 2 samples over)" in found[0].message


def test_segments_within_the_maximum(demo: Path) -> None:
    assert not findings(demo, "sms-segments", **LOGIN_EN)  # 159 septets: 1 part
    assert not findings(demo, "sms-segments", **INVOICE_EN)


def test_segments_count_the_locale_customers_unless_told_otherwise(demo: Path) -> None:
    # Maximiliana (who reads English) makes the Hebrew delivery SMS 4 parts.
    found = findings(demo, "sms-segments", **DELIVERY_HE)
    assert [f.severity for f in found] == ["warning"] and "5 messages" not in found[0].message
    policy(demo, "[rules.sms-segments]\nlocale_samples = false\n")
    found = findings(demo, "sms-segments", **DELIVERY_HE)
    assert found[0].sample == "maximiliana_long_name" and "4 messages" in found[0].message


def test_segments_policy(demo: Path) -> None:
    def use(text: str) -> None:
        (demo / "policy.toml").write_text("[rules.sms-segments]\n" + text, encoding="utf-8")

    assert findings(demo, "sms-segments", **DELIVERY_HE)
    use("max_segments = 4\n")
    assert not findings(demo, "sms-segments", **DELIVERY_HE)
    use("max_segments = 2\nhard_max = 2\n")
    assert findings(demo, "sms-segments", **DELIVERY_HE)[0].severity == "error"
    use('severity = "info"\n')
    assert findings(demo, "sms-segments", **DELIVERY_HE)[0].severity == "info"
    use("enabled = false\n")
    assert not findings(demo, "sms-segments")


# --- sms-encoding ---------------------------------------------------------------------------

def test_encoding_typed_curly_apostrophe(demo: Path) -> None:
    edit(demo, EN_LOGIN, "Don't share it", "Don\u2019t share it")
    found = findings(demo, "sms-encoding", **LOGIN_EN)
    assert len(found) == 1
    f = found[0]
    assert f.severity == "warning" and f.sample == ""
    assert "\u2019 (curly apostrophe) \u2192 '" in f.message
    assert "U+" not in f.message  # no code points for a copywriter
    assert "3 messages instead of 1" in f.message
    text = (demo / EN_LOGIN).read_text(encoding="utf-8")
    assert (f.path, f.line, f.column) == (EN_LOGIN, 1, text.index("\u2019") + 1)


def test_encoding_several_characters_and_invisible_marks(demo: Path) -> None:
    edit(demo, EN_LOGIN, "Don't share it:", "Don't share it \u2013 \u200fever:")
    found = findings(demo, "sms-encoding", **LOGIN_EN)
    assert len(found) == 1
    assert "\u2013 (long dash) \u2192 -" in found[0].message
    assert "an invisible direction or joining mark \u2192 remove" in found[0].message


def test_encoding_from_sample_data(demo: Path) -> None:
    # Emily pays in shekels: the money filter writes ₪, which GSM-7 lacks.
    _sample(demo, "emily_en", currency="ILS")
    found = findings(demo, "sms-encoding", **PAYMENT_EN)
    assert len(found) == 1
    f = found[0]
    assert f.sample == "emily_en" and f.path == EN_PAYMENT and f.line == 0
    assert "\u20aa (shekel sign) in sample emily_en's data" in f.message
    assert "\u2192 ILS" in f.message and "comes from the data" in f.hint


def test_encoding_not_reported_when_the_text_needs_ucs2(demo: Path) -> None:
    # A Hebrew name in an English SMS: UCS-2 is right; Hebrew SMS are UCS-2 anyway.
    _sample(demo, "emily_en", first_name="דנה")
    assert not findings(demo, "sms-encoding", **INVOICE_EN)
    edit(demo, "templates/login_code/he/sms.txt", "לא ביקשת", "\u201cלא\u201d ביקשת")
    assert not findings(demo, "sms-encoding", templates=["login_code"], locales=["he"])


def test_encoding_policy(demo: Path) -> None:
    edit(demo, EN_LOGIN, "Don't share it", "Don\u2019t share it")

    def use(text: str) -> None:
        (demo / "policy.toml").write_text("[rules.sms-encoding]\n" + text, encoding="utf-8")

    use("max_characters = 0\n")
    assert not findings(demo, "sms-encoding", **LOGIN_EN)
    use('gsm_languages = ["de"]\n')
    assert not findings(demo, "sms-encoding", **LOGIN_EN)
    use('gsm_languages = ["de", "en"]\nseverity = "error"\n')
    assert findings(demo, "sms-encoding", **LOGIN_EN)[0].severity == "error"
    use("enabled = false\n")
    assert not findings(demo, "sms-encoding", **LOGIN_EN)


def test_suggestions() -> None:
    assert suggestion("\u201c") == '"'
    assert suggestion("\u2026") == "..."
    assert suggestion("\u00a0") == " "
    assert suggestion("\U0001f600") == ""
    assert suggestion("\u00e7") is None  # ç has no GSM-7 look-alike


def test_encoding_fix_types_the_plain_look_alikes(demo: Path) -> None:
    from app.core.project import Project
    from app.core.render import Renderer
    from tests.checks.fix_helpers import apply_fix

    edit(demo, EN_LOGIN, "Don't share it:", "Don\u2019t share it \u2013 \u200fever:")
    fix = apply_fix(demo, findings(demo, "sms-encoding", **LOGIN_EN)[0])
    assert fix.safe and "\u200f" not in fix.title
    assert "Don't share it - ever:" in (demo / EN_LOGIN).read_text(encoding="utf-8")
    assert not findings(demo, "sms-encoding", **LOGIN_EN)
    project = Project.load(demo)
    sms = Renderer(project).render("login_code", "en", "sms", project.samples["emily_en"].data)
    assert sms.encoding == "GSM-7" and "Don't share it - ever:" in sms.text
