"""The email rules on real renders: the demo passes, a broken copy fails, policy tunes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.checks.rules._html import normalised
from app.core.checks.rules.contrast import contrast_ratio, parse_colour

from .helpers import edit, findings, policy

INVOICE = "templates/invoice_ready"
EN_MJML = f"{INVOICE}/en/email.mjml"
EN_TOML = f"{INVOICE}/en/email.toml"
EN_SUBJECT = ('subject = "Invoice {{ invoice_number }}: '
              '{{ amount_due|money(currency) }} due {{ due_date|date }}"')
EN_PREHEADER = ('preheader = "Pay by {{ due_date|date(\'long\') }} in a minute, or reply if '
                'something looks wrong."')
ONLY = {"templates": ["invoice_ready"], "channels": ["email"], "locales": ["en"]}
EMAIL_RULES = ("subject", "preheader", "plain-text", "email-size", "image-alt", "image-only",
               "html-parse", "link-text", "contrast", "policy-phrases")


def _set_subject(root: Path, subject: str) -> None:
    edit(root, EN_TOML, EN_SUBJECT, f'subject = "{subject}"')


def test_demo_has_no_errors_from_the_email_rules(demo: Path) -> None:
    for rule_id in EMAIL_RULES:
        assert not [f for f in findings(demo, rule_id) if f.severity == "error"], rule_id


# --- subject -----------------------------------------------------------------------------

def test_subject_empty_is_an_error(demo: Path) -> None:
    _set_subject(demo, "")
    found = findings(demo, "subject", **ONLY)
    assert [f.severity for f in found] == ["error"]
    assert "empty" in found[0].message
    assert (found[0].path, found[0].line, found[0].sample) == (EN_TOML, 1, "")


def test_subject_too_long_names_the_longest_sample(demo: Path) -> None:
    assert not findings(demo, "subject", templates=["payment_received"])
    _set_subject(demo, "Your Northwind invoice {{ invoice_number }} is now ready to view "
                       "and pay online")
    found = findings(demo, "subject", **ONLY)
    assert len(found) == 1 and found[0].severity == "warning"
    assert "characters; phones show about 60" in found[0].message
    assert found[0].sample  # the length depends on the data
    policy(demo, "[rules.subject]\nmax_length = 120\n")
    assert not findings(demo, "subject", **ONLY)


def test_subject_shouting_and_fake_reply(demo: Path) -> None:
    _set_subject(demo, "RE: PAY YOUR INVOICE NOW!!!")
    messages = " ".join(f.message for f in findings(demo, "subject", **ONLY))
    assert "'RE:'" in messages and "repeated '!'" in messages
    assert "4 words in capitals" in messages
    # Order numbers and a single acronym are not shouting.
    edit(demo, EN_TOML, 'subject = "RE: PAY YOUR INVOICE NOW!!!"',
         'subject = "Your VAT invoice {{ invoice_number }} is ready"')
    assert not findings(demo, "subject", **ONLY)


def test_subject_policy_switch_and_severity(demo: Path) -> None:
    _set_subject(demo, "FWD: Your invoice")
    assert findings(demo, "subject", **ONLY)[0].severity == "warning"
    policy(demo, '[rules.subject]\nseverity = "error"\n')
    assert findings(demo, "subject", **ONLY)[0].severity == "error"
    policy(demo, "enabled = false\n")
    assert not findings(demo, "subject", **ONLY)


# --- preheader ---------------------------------------------------------------------------

def test_preheader_missing_and_repeating(demo: Path) -> None:
    assert not findings(demo, "preheader")
    edit(demo, EN_TOML, EN_PREHEADER, "")
    found = findings(demo, "preheader", **ONLY)
    assert len(found) == 1 and "no preheader" in found[0].message
    assert found[0].path == EN_TOML
    edit(demo, EN_TOML, EN_SUBJECT, EN_SUBJECT + "\npreheader = \"Invoice "
         "{{ invoice_number }} - {{ amount_due|money(currency) }} due "
         "{{ due_date|date }}!\"")
    found = findings(demo, "preheader", **ONLY)
    assert len(found) == 1 and "repeats the subject" in found[0].message
    assert found[0].line == 2
    policy(demo, "[rules.preheader]\nenabled = false\n")
    assert not findings(demo, "preheader", **ONLY)


def test_normalised_comparison() -> None:
    assert normalised("Invoice \u2066INV-1\u2069: $5!") == normalised("invoice inv 1 $5")


# --- plain text, size ----------------------------------------------------------------------

def test_plain_text_missing(demo: Path) -> None:
    assert not findings(demo, "plain-text")
    edit(demo, EN_TOML, EN_PREHEADER, EN_PREHEADER + '\ntext = "{{ \'\' }}"')
    found = findings(demo, "plain-text", **ONLY)
    assert len(found) == 1 and found[0].severity == "error"
    assert found[0].path == EN_TOML and found[0].line == 3
    policy(demo, '[rules.plain-text]\nseverity = "warning"\n')
    assert findings(demo, "plain-text", **ONLY)[0].severity == "warning"
    # An authored text is a plain-text alternative.
    edit(demo, EN_TOML, "text = \"{{ '' }}\"", 'text = "Your invoice is ready."')
    assert not findings(demo, "plain-text", **ONLY)


def test_email_size(demo: Path) -> None:
    assert not findings(demo, "email-size")
    filler = "<mj-text>" + "Every charge of the month, listed one by one. " * 2500 + "</mj-text>"
    edit(demo, EN_MJML, "{% endblock %}", filler + "\n{% endblock %}")
    found = findings(demo, "email-size", **ONLY)
    assert len(found) == 1 and "Gmail clips emails over 102 KB" in found[0].message
    policy(demo, "[rules.email-size]\nmax_kb = 400\n")
    assert not findings(demo, "email-size", **ONLY)


def test_email_size_threshold_and_switch(demo: Path) -> None:
    policy(demo, "[rules.email-size]\nmax_kb = 5\n")
    found = findings(demo, "email-size", **ONLY)
    assert found and found[0].sample  # the biggest render is named
    policy(demo, "enabled = false\n")
    assert not findings(demo, "email-size", **ONLY)


# --- images --------------------------------------------------------------------------------

LOGO = '<mj-image src="https://northwind.example/img/logo.png" width="120px"{alt}{href} />'


def _add_image(root: Path, alt: str = "", href: str = "") -> None:
    edit(root, EN_MJML, "{% block content %}",
         "{% block content %}\n        " + LOGO.format(alt=alt, href=href))


def test_image_alt_missing(demo: Path) -> None:
    _add_image(demo)
    found = findings(demo, "image-alt", **ONLY)
    assert len(found) == 1 and "logo.png has no alt text" in found[0].message
    assert (found[0].path, found[0].line) == (EN_MJML, 3)


def test_image_alt_empty_on_a_link(demo: Path) -> None:
    _add_image(demo, alt=' alt=""', href=' href="https://northwind.example"')
    found = findings(demo, "image-alt", **ONLY)
    assert len(found) == 1 and "empty alt text" in found[0].message


def test_image_alt_decorative_and_described(demo: Path) -> None:
    _add_image(demo, alt=' alt=""')  # decorative, not a link
    assert not findings(demo, "image-alt", **ONLY)
    edit(demo, EN_MJML, 'alt=""', 'alt="Northwind" href="https://northwind.example"')
    assert not findings(demo, "image-alt", **ONLY)


def test_image_alt_policy(demo: Path) -> None:
    _add_image(demo)
    policy(demo, '[rules.image-alt]\nseverity = "info"\n')
    assert findings(demo, "image-alt", **ONLY)[0].severity == "info"
    policy(demo, "enabled = false\n")
    assert not findings(demo, "image-alt", **ONLY)


def test_image_only(demo: Path) -> None:
    _add_image(demo, alt=' alt="Northwind"')
    assert not findings(demo, "image-only", **ONLY)  # a logo beside plenty of text
    text = (demo / EN_MJML).read_text(encoding="utf-8")
    kept = [row for row in text.splitlines() if "<mj-text" not in row]
    (demo / EN_MJML).write_text("\n".join(kept), encoding="utf-8")
    for locale in ("en", "he", "ar"):
        (demo / f"partials/{locale}/footer.mjml").write_text("", encoding="utf-8")
    found = findings(demo, "image-only", **ONLY)
    assert len(found) == 1 and "1 image(s)" in found[0].message
    assert found[0].path == EN_MJML
    policy(demo, "[rules.image-only]\nmin_chars_per_image = 5\n")
    assert not findings(demo, "image-only", **ONLY)


# --- HTML parse ----------------------------------------------------------------------------

def test_html_parse_error_located_in_source(demo: Path) -> None:
    assert not findings(demo, "html-parse")
    edit(demo, EN_MJML, "Please pay by <strong>{{ due_date|date('long') }}</strong>",
         "Please pay by <b><i>{{ due_date|date('long') }}</b></i>")
    found = findings(demo, "html-parse", **ONLY)
    assert found and all(f.severity == "error" for f in found)
    assert found[0].path == EN_MJML and found[0].line == 6 and found[0].column > 1
    assert "</b> comes before a tag inside it is closed" in found[0].message
    assert found[0].sample == ""  # every sample breaks the same way
    policy(demo, "[rules.html-parse]\nenabled = false\n")
    assert not findings(demo, "html-parse", **ONLY)


def test_misspelt_end_tag_is_one_finding_on_its_own_line(demo: Path) -> None:
    edit(demo, EN_MJML, "{{ due_date|date('long') }}</strong>",
         "{{ due_date|date('long') }}</strog>")
    found = findings(demo, "html-parse", **ONLY)
    assert len(found) == 1  # not also "end of file" on another line
    assert "</strog> closes a tag that isn't open; did you mean </strong>?" in found[0].message
    row = (demo / EN_MJML).read_text(encoding="utf-8").splitlines()[5]
    assert (found[0].line, found[0].column) == (6, row.index("</strog>") + 1)


def test_html_parse_mj_table_rows_are_fine(demo: Path) -> None:
    edit(demo, EN_MJML, "{% endblock %}",
         "<mj-table><tr><td>Plan</td><td>Fibre 500</td></tr></mj-table>\n{% endblock %}")
    assert not findings(demo, "html-parse", **ONLY)


# --- link text -----------------------------------------------------------------------------

FOOTER_LINK = ('<a href="{{ sender.support_url }}" style="color:#0b5cad">'
               "the Northwind help centre</a>")


def test_link_text_vague_and_bare_url(demo: Path) -> None:
    assert not findings(demo, "link-text")
    edit(demo, "partials/en/footer.mjml", FOOTER_LINK,
         '<a href="{{ sender.support_url }}" style="color:#0b5cad">Click here</a>')
    found = findings(demo, "link-text", **ONLY)
    assert len(found) == 1 and "'Click here'" in found[0].message
    assert found[0].path == "partials/en/footer.mjml" and found[0].line == 4
    edit(demo, "partials/en/footer.mjml", ">Click here</a>", ">{{ sender.support_url }}</a>")
    found = findings(demo, "link-text", **ONLY)
    assert len(found) == 1 and "bare address" in found[0].message


def test_link_text_hebrew_and_policy(demo: Path) -> None:
    edit(demo, "partials/he/footer.mjml", ">מרכז העזרה של Northwind</a>", ">כאן</a>")
    found = findings(demo, "link-text", templates=["invoice_ready"], locales=["he"])
    assert len(found) == 1 and "'כאן'" in found[0].message
    policy(demo, '[rules.link-text]\nvague = { he = [] }\n')
    assert not findings(demo, "link-text", templates=["invoice_ready"], locales=["he"])


# --- contrast ------------------------------------------------------------------------------

def test_contrast_helpers() -> None:
    white, black = parse_colour("#fff"), parse_colour("black")
    assert white == (255, 255, 255, 1.0) and black == (0.0, 0.0, 0.0, 1.0)
    assert contrast_ratio(white, black) == pytest.approx(21.0)
    assert contrast_ratio(parse_colour("#777777"), white) == pytest.approx(4.48, abs=0.01)
    assert parse_colour("rgb(255, 0, 0)") == parse_colour("red") == parse_colour("#ff0000")
    assert parse_colour("rgba(0,0,0,0)")[3] == 0 and parse_colour("inherit") is None


def test_contrast_grey_small_print(demo: Path) -> None:
    assert not findings(demo, "contrast")
    edit(demo, EN_MJML, 'font-size="14px" color="#52606d"', 'font-size="14px" color="#9aa5b1"')
    found = findings(demo, "contrast", **ONLY)
    assert len(found) == 1 and "#9aa5b1 on #ffffff" in found[0].message
    assert "below 4.5:1" in found[0].message
    assert (found[0].path, found[0].line) == (EN_MJML, 8)
    policy(demo, "[rules.contrast]\nnormal_ratio = 2.5\n")
    assert not findings(demo, "contrast", **ONLY)


def test_contrast_button_label_and_large_text(demo: Path) -> None:
    edit(demo, EN_MJML, '<mj-button href="{{ pay_url }}">',
         '<mj-button href="{{ pay_url }}" background-color="#5fa8f5">')
    found = findings(demo, "contrast", **ONLY)
    assert len(found) == 1 and "#ffffff on #5fa8f5" in found[0].message
    # The same colours pass as large text (3:1 is enough at 24px).
    edit(demo, EN_MJML, 'background-color="#5fa8f5"',
         'background-color="#4a90d9" font-size="24px"')
    assert not findings(demo, "contrast", **ONLY)
    edit(demo, EN_MJML, 'font-size="24px"', 'font-size="16px"')
    assert findings(demo, "contrast", **ONLY)
    policy(demo, '[rules.contrast]\nseverity = "error"\n')
    assert findings(demo, "contrast", **ONLY)[0].severity == "error"


# --- policy phrases ------------------------------------------------------------------------

def test_policy_phrases_forbidden_on_every_channel(demo: Path) -> None:
    assert not findings(demo, "policy-phrases")
    policy(demo, '[rules.policy-phrases]\nforbidden = { en = ["reply to this text"], '
                 'he = ["מבצע"] }\n')
    found = findings(demo, "policy-phrases", templates=["invoice_ready"])
    assert [(f.locale, f.channel) for f in found] == [("en", "sms")]
    assert found[0].path == f"{INVOICE}/en/sms.txt" and found[0].line == 1
    assert found[0].severity == "error"


def test_policy_phrases_required_in_email(demo: Path) -> None:
    policy(demo, '[rules.policy-phrases]\nrequired = { en = ["Northwind Telecom Ltd"], '
                 'he = ["נורת׳ווינד תקשורת בע״מ"] }\n')
    assert not findings(demo, "policy-phrases")  # the footers carry the legal name
    edit(demo, "partials/en/footer.mjml", "Northwind Telecom Ltd, ", "")
    found = findings(demo, "policy-phrases", templates=["invoice_ready"])
    assert [(f.locale, f.channel) for f in found] == [("en", "email")]
    assert "missing: 'Northwind Telecom Ltd'" in found[0].message
    text = (demo / "policy.toml").read_text(encoding="utf-8")
    (demo / "policy.toml").write_text(text.replace("[rules.policy-phrases]",
                                                   "[rules.policy-phrases]\nenabled = false"),
                                      encoding="utf-8")
    assert not findings(demo, "policy-phrases")
