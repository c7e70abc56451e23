"""The right-to-left rules on real renders: the demo passes, broken copies fail, policy tunes."""

from __future__ import annotations

from pathlib import Path

from app.core.checks.rules.rtl import ltr_runs, reorderable

from .helpers import edit, findings, policy, write

INVOICE = "templates/invoice_ready"
HE_MJML = f"{INVOICE}/he/email.mjml"
HE_EMAIL = {"templates": ["invoice_ready"], "channels": ["email"], "locales": ["he"]}
HE_SMS = {"templates": ["login_code"], "channels": ["sms"], "locales": ["he"]}
HE_TEXT = "<mj-text>החשבונית שלך {{ invoice_number }} מוכנה."


def test_demo_passes(demo: Path) -> None:
    assert not findings(demo, "rtl-direction")
    assert not findings(demo, "bidi-isolation")


# --- rtl-direction -------------------------------------------------------------------------

def test_rtl_direction_root_without_dir_and_lang(demo: Path) -> None:
    write(demo, HE_MJML, """<mjml lang="" dir="ltr">
  <mj-body>
    <mj-section><mj-column>
      <mj-text>שלום, החשבונית {{ invoice_number }} מוכנה.</mj-text>
      <mj-button href="{{ pay_url }}">לתשלום</mj-button>
    </mj-column></mj-section>
  </mj-body>
</mjml>
""")
    found = [f for f in findings(demo, "rtl-direction", **HE_EMAIL) if "<html>" in f.message]
    messages = [f.message for f in found]
    assert any('dir="ltr"; he needs dir="rtl"' in m for m in messages)
    assert any("no lang" in m for m in messages)
    assert all(f.severity == "error" and f.path == HE_MJML and f.line == 1 for f in found)
    # English keeps its left-to-right layout.
    assert not findings(demo, "rtl-direction", templates=["invoice_ready"], locales=["en"])


def test_rtl_direction_text_forced_left(demo: Path) -> None:
    edit(demo, HE_MJML, HE_TEXT, HE_TEXT.replace("<mj-text>", '<mj-text align="left">'))
    found = findings(demo, "rtl-direction", **HE_EMAIL)
    assert len(found) == 1 and "forced to the left" in found[0].message
    assert "החשבונית שלך" in found[0].message
    assert (found[0].path, found[0].line) == (HE_MJML, 4)


def test_rtl_direction_inline_style_and_float(demo: Path) -> None:
    edit(demo, HE_MJML, "זה לוקח בערך דקה.",
         '<span style="float:left">זה לוקח בערך דקה.</span>')
    found = findings(demo, "rtl-direction", **HE_EMAIL)
    assert len(found) == 1 and "float:left" in found[0].message


def test_rtl_direction_ignores_mjml_boilerplate_and_latin_blocks(demo: Path) -> None:
    # mj-social writes text-align:left on its icon cells; an English block may align left.
    edit(demo, HE_MJML, "{% endblock %}",
         '<mj-social><mj-social-element name="facebook" href="https://northwind.example">'
         "פייסבוק</mj-social-element></mj-social>\n"
         '<mj-text align="left">Northwind Telecom Ltd</mj-text>\n{% endblock %}')
    assert not findings(demo, "rtl-direction", **HE_EMAIL)


def test_rtl_direction_policy(demo: Path) -> None:
    edit(demo, HE_MJML, HE_TEXT, HE_TEXT.replace("<mj-text>", '<mj-text align="left">'))
    policy(demo, '[rules.rtl-direction]\nseverity = "warning"\n')
    assert findings(demo, "rtl-direction", **HE_EMAIL)[0].severity == "warning"
    policy(demo, "enabled = false\n")
    assert not findings(demo, "rtl-direction", **HE_EMAIL)


# --- bidi-isolation ------------------------------------------------------------------------

HE_LOGIN = "templates/login_code/he/sms.txt"


def test_bidi_isolation_typed_phone(demo: Path) -> None:
    edit(demo, HE_LOGIN, "{{ sender.support_phone }}", "+972 3 555 0100")
    found = findings(demo, "bidi-isolation", **HE_SMS)
    assert len(found) == 1 and found[0].severity == "warning"
    assert "'+972 3 555 0100'" in found[0].message and found[0].sample == ""
    assert (found[0].path, found[0].line) == (HE_LOGIN, 1)
    assert found[0].column == (demo / HE_LOGIN).read_text(encoding="utf-8").index("+972") + 1


def test_bidi_isolation_isolated_run_passes(demo: Path) -> None:
    edit(demo, HE_LOGIN, "{{ sender.support_phone }}", "\u2066+972 3 555 0100\u2069")
    assert not findings(demo, "bidi-isolation", **HE_SMS)


def test_bidi_isolation_whatsapp_order_id_and_url(demo: Path) -> None:
    path = "templates/delivery_update/ar/whatsapp.toml"
    edit(demo, path, "رُدّ هنا وسنعيد الترتيب.",
         "رُدّ هنا أو زر northwind.example/help واذكر الرقم NW-742-0093.")
    found = findings(demo, "bidi-isolation", templates=["delivery_update"],
                     channels=["whatsapp"], locales=["ar"])
    assert {f.message.split("'")[1] for f in found} == {"northwind.example/help",
                                                        "NW-742-0093"}
    assert all(f.path == path for f in found)


def test_bidi_isolation_latin_word_and_plain_number_pass(demo: Path) -> None:
    edit(demo, HE_LOGIN, "בתוקף {{ code_minutes|number }} דקות",
         "בתוקף 10 דקות, גם ב-Northwind Telecom")
    assert not findings(demo, "bidi-isolation", **HE_SMS)
    # English messages are left to right: nothing to isolate.
    edit(demo, "templates/login_code/en/sms.txt", "{{ sender.support_phone }}",
         "+972 3 555 0100")
    assert not findings(demo, "bidi-isolation", templates=["login_code"], locales=["en"])


def test_bidi_isolation_policy(demo: Path) -> None:
    edit(demo, HE_LOGIN, "{{ sender.support_phone }}", "03-555-0100")
    policy(demo, '[rules.bidi-isolation]\nseverity = "error"\n')
    assert findings(demo, "bidi-isolation", **HE_SMS)[0].severity == "error"
    policy(demo, "enabled = false\n")
    assert not findings(demo, "bidi-isolation", **HE_SMS)


def test_runs_and_what_reorders() -> None:
    text = "התקשרו ל-+972 3 555 0100 או בקרו ב-Northwind, הזמנה NW-558-2291 ב-15 בחודש"
    runs = ltr_runs(text)
    assert runs == ["+972 3 555 0100", "Northwind", "NW-558-2291", "15"]
    assert [bool(reorderable(r)) for r in runs] == [True, False, True, False]
    assert reorderable("https://northwind.example") == "a link or address"
    assert reorderable("1,234.50") and reorderable("14:00") and not reorderable("2026")


def test_bidi_isolation_fix_isolates_the_typed_phone(demo: Path) -> None:
    from app.core.project import Project
    from app.core.render import Renderer
    from tests.checks.fix_helpers import apply_fix

    edit(demo, HE_LOGIN, "{{ sender.support_phone }}", "+972 3 555 0100")
    found = findings(demo, "bidi-isolation", **HE_SMS)
    fix = apply_fix(demo, found[0])
    assert fix.safe and "+972 3 555 0100" in fix.title and "\u2066" not in fix.title
    assert "\u2066+972 3 555 0100\u2069" in (demo / HE_LOGIN).read_text(encoding="utf-8")
    assert not findings(demo, "bidi-isolation", **HE_SMS)
    project = Project.load(demo)
    sms = Renderer(project).render("login_code", "he", "sms", project.samples["dana_he"].data)
    assert "\u2066+972 3 555 0100\u2069" in sms.text
