"""The WhatsApp rules on real renders: the demo passes, broken copies fail, policy tunes."""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import edit, findings, policy

INVOICE_EN = "templates/invoice_ready/en/whatsapp.toml"
PAYMENT_EN = "templates/payment_received/en/whatsapp.toml"
PAYMENT_HE = "templates/payment_received/he/whatsapp.toml"
LOGIN_EN = "templates/login_code/en/whatsapp.toml"
DELIVERY_EN = "templates/delivery_update/en/whatsapp.toml"
WA = {"channels": ["whatsapp"], "locales": ["en"]}
INVOICE = {"templates": ["invoice_ready"], **WA}
PAYMENT = {"templates": ["payment_received"], **WA}
LOGIN = {"templates": ["login_code"], **WA}
DELIVERY = {"templates": ["delivery_update"], **WA}
BUTTON = ('[[buttons]]\ntype = "url"\ntext = "Pay now"\n'
          'url = "https://northwind.example/pay/{{ invoice_number }}"\n')
QUICK = '[[buttons]]\ntype = "quick_reply"\ntext = "{}"\n'


def _sample(root: Path, name: str, **values: object) -> None:
    path = root / "samples" / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(values)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _line(root: Path, rel: str, needle: str) -> tuple[int, int]:
    for number, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def test_demo_passes(demo: Path) -> None:
    for rule_id in ("whatsapp-limits", "whatsapp-parameters", "whatsapp-category"):
        assert not findings(demo, rule_id), rule_id


# --- whatsapp-limits ------------------------------------------------------------------------

def test_limits_header_too_long(demo: Path) -> None:
    edit(demo, INVOICE_EN, 'header = "Invoice {{ invoice_number }}"',
         'header = "Your Northwind invoice {{ invoice_number }} for November is ready to '
         'view and pay"')
    found = findings(demo, "whatsapp-limits", **INVOICE)
    assert [f.message for f in found] == ["Header is 66 characters; Meta allows 60"]
    assert (found[0].severity, found[0].path, found[0].line) == ("error", INVOICE_EN, 1)
    assert found[0].sample == ""


def test_limits_header_too_long_with_a_sample(demo: Path) -> None:
    edit(demo, DELIVERY_EN, 'header = "Order {{ order_number }} is on its way"',
         'header = "On its way to {{ address }}"')
    found = findings(demo, "whatsapp-limits", **DELIVERY)
    assert len(found) == 1 and found[0].sample == "maximiliana_long_name"
    assert "with sample maximiliana_long_name's values; Meta allows 60" in found[0].message


def test_limits_header_two_parameters(demo: Path) -> None:
    edit(demo, INVOICE_EN, 'header = "Invoice {{ invoice_number }}"',
         'header = "Invoice {{ invoice_number }} due {{ due_date|date }}"')
    found = findings(demo, "whatsapp-limits", **INVOICE)
    assert [f.message for f in found] == ["Header has 2 parameters; Meta allows 1"]
    assert (found[0].line, found[0].column) == _line(demo, INVOICE_EN, "{{ due_date")


def test_limits_body_too_long(demo: Path) -> None:
    edit(demo, INVOICE_EN, "Questions about it?", "Questions about it? " + "Really. " * 130)
    found = findings(demo, "whatsapp-limits", **INVOICE)
    assert len(found) == 1 and found[0].message.startswith("Body is 1,")
    assert found[0].message.endswith("characters; Meta allows 1,024")


def test_limits_footer_parameter_outside_authentication(demo: Path) -> None:
    edit(demo, INVOICE_EN, 'footer = "Northwind Telecom"',
         'footer = "Northwind Telecom for {{ first_name|default(\'you\') }}"')
    found = findings(demo, "whatsapp-limits", **INVOICE)
    assert len(found) == 1 and found[0].message.startswith("Footer has a parameter")
    assert found[0].line == _line(demo, INVOICE_EN, "footer")[0]


def test_limits_authentication_expiry_footer(demo: Path) -> None:
    # The demo's "This code expires in {{ code_minutes }} minutes." is Meta's preset
    # footer (code_expiration_minutes); a value outside 1..90 or varying is not.
    _sample(demo, "emily_en", code_minutes=120)
    found = findings(demo, "whatsapp-limits", **LOGIN)
    assert len(found) == 1 and found[0].sample == "emily_en"
    assert "'120' minutes" in found[0].message and "1 to 90" in found[0].message
    _sample(demo, "emily_en", code_minutes=15)
    found = findings(demo, "whatsapp-limits", **LOGIN)
    assert len(found) == 1 and "varies between samples (10, 15 minutes)" in found[0].message


def test_limits_buttons(demo: Path) -> None:
    edit(demo, INVOICE_EN, 'text = "Pay now"', 'text = "Pay your November invoice now"')
    text = (demo / INVOICE_EN).read_text(encoding="utf-8")
    (demo / INVOICE_EN).write_text(text + "\n" + QUICK.format("Paid already") + "\n"
                                   + BUTTON + "\n" + BUTTON + "\n" + QUICK.format("Help"),
                                   encoding="utf-8")
    messages = [f.message for f in findings(demo, "whatsapp-limits", **INVOICE)]
    assert "3 URL buttons; Meta allows 2" in messages
    assert any(m.startswith("Quick replies are split by other buttons (URL, quick-reply, URL")
               for m in messages)
    assert ("Button label 'Pay your November invoice now' is 29 characters; Meta allows 25"
            in messages)


def test_limits_url_variable_in_the_middle(demo: Path) -> None:
    edit(demo, INVOICE_EN, "pay/{{ invoice_number }}", "pay/{{ invoice_number }}/now")
    found = findings(demo, "whatsapp-limits", **INVOICE)
    assert len(found) == 1 and "value in the middle of its URL" in found[0].message
    assert (found[0].line, found[0].column) == _line(demo, INVOICE_EN, "{{ invoice_number }}/")


def test_limits_copy_code_belongs_to_authentication(demo: Path) -> None:
    edit(demo, INVOICE_EN, 'type = "url"\ntext = "Pay now"', 'type = "copy_code"\ntext = "Copy"')
    edit(demo, INVOICE_EN, 'url = "https://northwind.example/pay/{{ invoice_number }}"', "")
    found = findings(demo, "whatsapp-limits", **INVOICE)
    assert [f.message for f in found] == [
        "Copy-code button 'Copy' is for authentication templates only; this one is "
        "operational"]
    edit(demo, LOGIN_EN, 'type = "copy_code"\ntext = "Copy code"',
         'type = "url"\ntext = "Sign in"\nurl = "https://northwind.example/login"')
    found = findings(demo, "whatsapp-limits", **LOGIN)
    assert any("take only the copy-code button, not a URL button" in f.message for f in found)


def test_limits_policy(demo: Path) -> None:
    edit(demo, INVOICE_EN, 'text = "Pay now"', 'text = "Pay your November invoice now"')
    policy(demo, '[rules.whatsapp-limits]\nseverity = "warning"\n')
    assert findings(demo, "whatsapp-limits", **INVOICE)[0].severity == "warning"
    policy(demo, "enabled = false\n")
    assert not findings(demo, "whatsapp-limits", **INVOICE)


# --- whatsapp-parameters --------------------------------------------------------------------

def test_parameters_body_starts_with_a_placeholder(demo: Path) -> None:
    edit(demo, INVOICE_EN, "Hi {{ first_name|default('there') }}, your",
         "{{ first_name|default('there') }}, your")
    found = findings(demo, "whatsapp-parameters", **INVOICE)
    assert [f.message for f in found] == [
        "Body starts with a placeholder; Meta rejects a template that starts with a value"]
    assert (found[0].line, found[0].column) == _line(demo, INVOICE_EN, "{{ first_name")
    # Meta's own authentication text starts with the code: not reported (demo).
    assert not findings(demo, "whatsapp-parameters", **LOGIN)


def test_parameters_body_ends_with_a_placeholder(demo: Path) -> None:
    edit(demo, INVOICE_EN, "will answer.", "will answer about *{{ invoice_number }}*")
    found = findings(demo, "whatsapp-parameters", **INVOICE)
    assert [f.message for f in found] == [
        "Body ends with a placeholder; Meta rejects a template that ends with a value"]
    assert found[0].severity == "error"


def test_parameters_trailing_punctuation_is_a_warning(demo: Path) -> None:
    edit(demo, INVOICE_EN, "will answer.", "will answer about {{ invoice_number }}.")
    found = findings(demo, "whatsapp-parameters", **INVOICE)
    assert len(found) == 1 and found[0].severity == "warning"
    assert "only '.' after it" in found[0].message


def test_parameters_side_by_side(demo: Path) -> None:
    edit(demo, INVOICE_EN, "*{{ amount_due|money(currency) }}*",
         "*{{ amount_due|number }} {{ currency }}*")
    found = findings(demo, "whatsapp-parameters", **INVOICE)
    assert [f.message for f in found] == [
        "Body has two placeholders side by side ({{ amount_due|number }} and "
        "{{ currency }}); Meta rejects adjacent values"]
    assert (found[0].line, found[0].column) == _line(demo, INVOICE_EN, "{{ currency }}")


def test_parameters_logic(demo: Path) -> None:
    edit(demo, INVOICE_EN, "Hi {{ first_name|default('there') }}, your",
         "Hi{% if first_name %} {{ first_name }}{% endif %}, your")
    found = findings(demo, "whatsapp-parameters", **INVOICE)
    assert len(found) == 1 and "{% %} logic" in found[0].message
    assert (found[0].path, found[0].line) == (INVOICE_EN, 2)
    assert found[0].column == _line(demo, INVOICE_EN, "{% if")[1]
    assert not findings(demo, "render-error", **INVOICE)  # said once, here


def test_parameters_without_an_example(demo: Path) -> None:
    edit(demo, INVOICE_EN, "your Northwind invoice", "your {{ plan|default('') }} invoice")
    found = findings(demo, "whatsapp-parameters", **INVOICE)
    assert [f.message for f in found] == [
        "Body placeholder {{ plan|default('') }} has no example value: every sample leaves "
        "it empty"]


def test_parameters_values_meta_refuses(demo: Path) -> None:
    _sample(demo, "emily_en", first_name="", address="1450 Market Street\nApt 12B")
    _sample(demo, "maximiliana_long_name", address="Kurfürstendamm 195,      Hinterhaus")
    found = findings(demo, "whatsapp-parameters", **DELIVERY)
    by_sample = {(f.sample, f.message) for f in found}
    assert ("emily_en", "Body value of {{ first_name|default('there') }} is empty with "
            "sample emily_en; Meta refuses it when sending") in by_sample
    assert ("emily_en", "Body value of {{ address }} has a line break with sample emily_en; "
            "Meta refuses it when sending") in by_sample
    assert ("maximiliana_long_name", "Body value of {{ address }} has 6 spaces in a row "
            "(4 at most) with sample maximiliana_long_name; Meta refuses it when sending"
            ) in by_sample
    assert len(found) == 3
    where = next(f for f in found if "address" in f.message)
    assert (where.line, where.column) == _line(demo, DELIVERY_EN, "{{ address }}")


def test_parameters_authentication_values_are_short(demo: Path) -> None:
    _sample(demo, "emily_en", code="1234567890123456")
    found = findings(demo, "whatsapp-parameters", **LOGIN)
    assert len(found) == 1 and found[0].sample == "emily_en"
    assert "is 16 characters; authentication values may have 15" in found[0].message


def test_parameters_policy(demo: Path) -> None:
    _sample(demo, "emily_en", address="1450 Market Street\tApt 12B")
    assert findings(demo, "whatsapp-parameters", **DELIVERY)[0].severity == "error"
    policy(demo, '[rules.whatsapp-parameters]\nseverity = "info"\n')
    assert findings(demo, "whatsapp-parameters", **DELIVERY)[0].severity == "info"
    policy(demo, "enabled = false\n")
    assert not findings(demo, "whatsapp-parameters", **DELIVERY)


# --- whatsapp-category ----------------------------------------------------------------------

def test_category_promotion_in_a_utility_template(demo: Path) -> None:
    edit(demo, PAYMENT_EN, "Receipt number:", "Enjoy 20% off your next top-up!\n\nReceipt number:")
    found = findings(demo, "whatsapp-category", **PAYMENT)
    assert [f.message for f in found] == [
        "'% off' is promotional wording in a utility template; Meta files such templates "
        "as MARKETING"]
    assert found[0].severity == "warning"
    assert (found[0].line, found[0].column) == _line(demo, PAYMENT_EN, "% off")


def test_category_hebrew_with_prefix(demo: Path) -> None:
    edit(demo, PAYMENT_HE, "מספר קבלה:", "ובהנחה לחודש הבא!\n\nמספר קבלה:")
    found = findings(demo, "whatsapp-category", templates=["payment_received"],
                     locales=["he"], channels=["whatsapp"])
    assert len(found) == 1 and "'ובהנחה'" in found[0].message
    assert found[0].path == PAYMENT_HE


def test_category_marketing_templates_may_promote(demo: Path) -> None:
    edit(demo, PAYMENT_EN, "Receipt number:", "Enjoy 20% off your next top-up!\n\nReceipt number:")
    edit(demo, "templates/payment_received/template.toml", 'category = "operational"',
         'category = "marketing"')
    assert not findings(demo, "whatsapp-category", **PAYMENT)


def test_category_policy(demo: Path) -> None:
    policy(demo, '[rules.whatsapp-category]\nwords = { en = ["receipt"] }\n')
    found = findings(demo, "whatsapp-category", **PAYMENT)
    assert len(found) == 1 and "'Receipt'" in found[0].message
    policy(demo, 'severity = "error"\n')
    assert findings(demo, "whatsapp-category", **PAYMENT)[0].severity == "error"
    policy(demo, "enabled = false\n")
    assert not findings(demo, "whatsapp-category", **PAYMENT)


def test_five_problems_in_one_file_are_five_findings(demo: Path) -> None:
    from app.core.checks import run_checks
    from app.core.project import Project

    path = demo / INVOICE_EN
    path.write_text('''header = "Invoice {{ invoice_number }} {{ due_date|date }}"
body = """{{ first_name|default('there') }}{% if first_name %}, hi{% endif %}: your invoice.

Amount due: *{{ amount_due|money(currency) }}*"""
footer = "Northwind Telecom {{ invoice_number }}"

[[buttons]]
type = "url"
text = "Pay now"
url = "https://northwind.example/pay/{{ invoice_number }}"

[[buttons]]
type = "url"
text = "See the invoice"
url = "https://northwind.example/invoice/{{ invoice_number }}"

[[buttons]]
type = "url"
text = "Update your payment card"
url = "https://northwind.example/card"
''', encoding="utf-8")
    report = run_checks(Project.load(demo), **INVOICE)
    found = [f for f in report.findings if f.rule.startswith("whatsapp")]
    messages = " | ".join(f.message for f in found)
    assert "{% %} logic" in messages                   # 1: logic
    assert "Header has 2 parameters" in messages       # 2: two header values
    assert "starts with a placeholder" in messages     # 3: body starts with a value
    assert "Footer has a parameter" in messages        # 4: a value in the footer
    assert "3 URL buttons" in messages or "URL buttons; Meta allows" in messages  # 5
    assert len({f.line for f in found}) >= 5
