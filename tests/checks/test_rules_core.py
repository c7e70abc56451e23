"""Each core rule on real renders: the demo passes, a broken copy fails, policy tunes it."""

from __future__ import annotations

from pathlib import Path

from .helpers import edit, findings, policy, write

INVOICE = "templates/invoice_ready"


def test_render_error_names_the_line(demo: Path) -> None:
    assert not findings(demo, "render-error")
    edit(demo, f"{INVOICE}/en/sms.txt", "{{ due_date|date }}", "{{ due_date|date }")
    found = findings(demo, "render-error", templates=["invoice_ready"])
    assert len(found) == 1  # said once, not once per sample
    assert found[0].path == f"{INVOICE}/en/sms.txt" and found[0].line == 1


def test_reply_channel_email(demo: Path) -> None:
    assert not findings(demo, "reply-channel")
    edit(demo, "missive.toml", "support@northwind.example", "no-reply@northwind.example")
    # The footer still gives a phone and the help centre: a way to reach a person.
    assert not findings(demo, "reply-channel", channels=["email"])
    for partial in ("en", "he", "ar"):
        write(demo, f"partials/{partial}/footer.mjml", "")
    found = findings(demo, "reply-channel", channels=["email"])
    assert found and "no-reply@northwind.example" in found[0].message
    assert found[0].path == "missive.toml" and found[0].line == 11


def test_reply_channel_sms_alphanumeric_sender(demo: Path) -> None:
    edit(demo, "missive.toml", 'sms_sender = "+972555550100"', 'sms_sender = "Northwind"')
    found = findings(demo, "reply-channel", templates=["invoice_ready"], channels=["sms"])
    assert {f.locale for f in found} == {"en", "he", "ar"}
    assert "alphanumeric" in found[0].message
    # A phone number in the text is a way to reach a person even without replies.
    edit(demo, f"{INVOICE}/en/sms.txt", "Questions? Reply to this text.",
         "Questions? Call {{ sender.support_phone }}.")
    found = findings(demo, "reply-channel", templates=["invoice_ready"], channels=["sms"])
    assert "en" not in {f.locale for f in found}


def test_reply_channel_whatsapp(demo: Path) -> None:
    edit(demo, f"{INVOICE}/en/whatsapp.toml",
         "Questions about it? Just reply here and a person from our team will answer.",
         "Thank you.")
    found = findings(demo, "reply-channel", channels=["whatsapp"])
    assert [(f.template, f.locale) for f in found] == [("invoice_ready", "en")]
    policy(demo, "[rules.reply-channel]\nreply_words = { en = [\"thank you\"] }\n")
    assert not findings(demo, "reply-channel", channels=["whatsapp"])


def test_amount_format_raw_and_hand_written(demo: Path) -> None:
    assert not findings(demo, "amount-format")
    edit(demo, f"{INVOICE}/he/sms.txt", "{{ amount_due|money(currency) }}",
         "₪{{ amount_due|number }}")
    found = findings(demo, "amount-format", templates=["invoice_ready"])
    messages = " ".join(f.message for f in found)
    assert "formatted with 'number'" in messages and "hand-written currency" in messages
    assert all(f.path == f"{INVOICE}/he/sms.txt" and f.line == 1 for f in found)


def test_amount_format_money_without_currency(demo: Path) -> None:
    edit(demo, f"{INVOICE}/en/email.toml", "{{ amount_due|money(currency) }}",
         "{{ amount_due|money }}")
    found = findings(demo, "amount-format", templates=["invoice_ready"])
    assert found and "without a currency" in found[0].message and found[0].column > 1


def test_amount_missing(demo: Path) -> None:
    assert not findings(demo, "amount-missing")
    edit(demo, f"{INVOICE}/ar/sms.txt", " بمبلغ {{ amount_due|money(currency) }}", "")
    found = findings(demo, "amount-missing")
    assert [(f.locale, f.channel) for f in found] == [("ar", "sms")]


def test_cross_channel_consistency(demo: Path) -> None:
    assert not findings(demo, "cross-channel-consistency")
    edit(demo, "templates/delivery_update/he/sms.txt", "{{ order_number }} ", "")
    found = findings(demo, "cross-channel-consistency")
    assert [(f.locale, f.channel) for f in found] == [("he", "sms")]
    assert "order_number" in found[0].message
    edit(demo, "policy.toml", 'ignore = ["item_count"]', 'ignore = ["item_count", "order_number"]')
    assert not findings(demo, "cross-channel-consistency")


def test_single_cta(demo: Path) -> None:
    assert not findings(demo, "single-cta")
    edit(demo, f"{INVOICE}/en/email.mjml", '<mj-button href="{{ pay_url }}">',
         '<mj-button href="{{ pay_url }}">View</mj-button>\n<mj-button href="{{ pay_url }}">')
    found = findings(demo, "single-cta", templates=["invoice_ready"])
    assert len(found) == 1 and "2 action buttons" in found[0].message
    edit(demo, f"{INVOICE}/he/sms.txt", "שאלות?", "עזרה: https://northwind.example/help")
    found = findings(demo, "single-cta", templates=["invoice_ready"], channels=["sms"])
    assert found and "2 links" in found[0].message
    policy(demo, "[rules.single-cta]\nsms_max_links = 2\n")
    assert not findings(demo, "single-cta", templates=["invoice_ready"], channels=["sms"])


def test_single_cta_no_button(demo: Path) -> None:
    text = (demo / f"{INVOICE}/en/email.mjml").read_text(encoding="utf-8")
    write(demo, f"{INVOICE}/en/email.mjml",
          "\n".join(row for row in text.splitlines() if "mj-button" not in row))
    found = findings(demo, "single-cta", templates=["invoice_ready"])
    assert found and "no action button" in found[0].message


def test_link_https_and_domain(demo: Path) -> None:
    assert not findings(demo, "link-https") and not findings(demo, "link-domain")
    edit(demo, "partials/en/footer.mjml", 'href="{{ sender.support_url }}"',
         'href="http://bit.ly/nw-help"')
    https = findings(demo, "link-https", channels=["email"], locales=["en"])
    assert https and https[0].path == "partials/en/footer.mjml"
    domain = findings(demo, "link-domain", channels=["email"], locales=["en"])
    assert any("shortener" in f.message for f in domain)
    policy(demo, '[rules.link-domain]\nshorteners = []\nallowed = ["bit.ly"]\n')
    assert not findings(demo, "link-domain", channels=["email"], locales=["en"])


def test_link_domain_from_sample_data(demo: Path) -> None:
    edit(demo, "samples/emily_en.json", "https://northwind.example/pay/INV-2026-3307",
         "https://pay-northwind.com/INV-2026-3307")
    found = findings(demo, "link-domain", templates=["invoice_ready"], channels=["email"])
    assert found and "pay-northwind.com" in found[0].message


def test_opt_out_for_promotional_content(demo: Path) -> None:
    assert not findings(demo, "opt-out")
    edit(demo, f"{INVOICE}/template.toml", 'category = "operational"',
         'category = "operational"\npromotional = true')
    found = findings(demo, "opt-out", templates=["invoice_ready"], locales=["en"])
    assert {f.channel for f in found} == {"email", "sms", "whatsapp"}
    edit(demo, "partials/en/footer.mjml", "the Northwind help centre</a>.",
         'the Northwind help centre</a>. <a href="https://northwind.example/unsubscribe">'
         "Unsubscribe</a>")
    edit(demo, f"{INVOICE}/en/sms.txt", "Reply to this text.", "Reply STOP to opt out.")
    found = findings(demo, "opt-out", templates=["invoice_ready"], locales=["en"])
    assert {f.channel for f in found} == {"whatsapp"}  # still UTILITY on WhatsApp


def test_channel_flooding(demo: Path) -> None:
    assert not findings(demo, "channel-flooding")
    edit(demo, "templates/payment_received/template.toml",
         '  { channel = "sms", after = "24h" },\n', "")
    found = findings(demo, "channel-flooding")
    assert found and "sms not in the strategy" in found[0].message
    edit(demo, "templates/payment_received/template.toml",
         '{ channel = "whatsapp", after = "12h" }', '{ channel = "whatsapp" }')
    assert any("no delay" in f.message for f in findings(demo, "channel-flooding"))


def test_undefined_variable_static_and_per_sample(demo: Path) -> None:
    assert not findings(demo, "undefined-variable")
    edit(demo, f"{INVOICE}/en/sms.txt", "{{ invoice_number }}", "{{ invoice_numbr }}")
    found = findings(demo, "undefined-variable", templates=["invoice_ready"])
    static = [f for f in found if not f.sample]
    assert static and "'invoice_numbr' is not declared" in static[0].message
    assert (static[0].line, static[0].column) == (1, static[0].column) and static[0].column > 1
    # Every render fails on it too, but the typo is one finding, not one per sample.
    assert not any(f.sample for f in found)


def test_optional_variable_used_without_guard(demo: Path) -> None:
    edit(demo, f"{INVOICE}/en/whatsapp.toml", "{{ first_name|default('there') }}",
         "{{ first_name }}")
    found = findings(demo, "undefined-variable", templates=["invoice_ready"])
    assert [f.sample for f in found] == ["no_first_name_ar"]


def test_sample_schema(demo: Path) -> None:
    assert not findings(demo, "sample-schema")
    edit(demo, "samples/emily_en.json", '"amount_due": 89.99', '"amount_due": "lots"')
    edit(demo, "samples/emily_en.json", '"currency": "USD"', '"currency": "dollars"')
    edit(demo, "samples/omar_ar.json", '"due_date": "2026-12-10",', "")
    found = findings(demo, "sample-schema", templates=["invoice_ready"])
    messages = {(f.sample, f.message.split("'")[1]) for f in found}
    assert ("emily_en", "amount_due") in messages and ("emily_en", "currency") in messages
    assert ("omar_ar", "due_date") in messages
    amount = next(f for f in found if "amount_due" in f.message)
    assert amount.path == "samples/emily_en.json" and amount.line > 1


def test_greeting_personal(demo: Path) -> None:
    assert not findings(demo, "greeting-personal", channels=["email"])
    edit(demo, f"{INVOICE}/en/email.mjml", "Hi {{ first_name }},", "Dear customer,")
    found = findings(demo, "greeting-personal", templates=["invoice_ready"], channels=["email"])
    assert [f.locale for f in found] == ["en"] and found[0].severity == "info"
    assert found[0].sample == "emily_en"  # the English sample, not the first with a name


def test_you_focus(demo: Path) -> None:
    assert not findings(demo, "you-focus")
    edit(demo, f"{INVOICE}/en/sms.txt", "Questions? Reply to this text.",
         "We are pleased: we billed our account and our team and we thank us.")
    found = findings(demo, "you-focus", templates=["invoice_ready"], channels=["sms"])
    assert found and found[0].locale == "en"
    policy(demo, "[rules.you-focus]\nmin_we = 50\n")
    assert not findings(demo, "you-focus", templates=["invoice_ready"], channels=["sms"])


def test_missing_translation(demo: Path) -> None:
    assert not findings(demo, "missing-translation")
    (demo / f"{INVOICE}/ar/sms.txt").unlink()
    found = findings(demo, "missing-translation")
    assert [(f.locale, f.channel, f.path) for f in found] == [
        ("ar", "sms", f"{INVOICE}/ar/sms.txt")]


def test_untranslated_text(demo: Path) -> None:
    assert not findings(demo, "untranslated-text")
    edit(demo, f"{INVOICE}/he/email.mjml", "אם כבר שילמת, אין צורך לעשות דבר.",
         "If you have already paid, you don't need to do anything.")
    found = findings(demo, "untranslated-text")
    assert [(f.locale, f.path, f.line) for f in found] == [
        ("he", f"{INVOICE}/he/email.mjml", 8)]


def test_untranslated_sentence_inside_a_hebrew_paragraph(demo: Path) -> None:
    # Not a copy of any English line: one English sentence pasted after a Hebrew one.
    edit(demo, f"{INVOICE}/he/email.mjml", "אם כבר שילמת, אין צורך לעשות דבר.",
         "אם כבר שילמת, אין צורך לעשות דבר. Your plan renews next month at the same price.")
    found = findings(demo, "untranslated-text")
    assert [f.message for f in found] == [
        'not translated: "Your plan renews next month at the same price."']
    row = (demo / INVOICE / "he/email.mjml").read_text(encoding="utf-8").splitlines()[7]
    assert (found[0].line, found[0].column) == (8, row.index("Your plan") + 1)


def test_brand_names_and_codes_in_hebrew_are_not_untranslated(demo: Path) -> None:
    edit(demo, f"{INVOICE}/he/email.mjml", "אם כבר שילמת, אין צורך לעשות דבר.",
         "אם כבר שילמת ב-Northwind Telecom Ltd, אין צורך לעשות דבר. Northwind Telecom.")
    assert not findings(demo, "untranslated-text")


def test_english_sentence_in_a_german_sms_is_found_by_its_words(demo: Path) -> None:
    edit(demo, "missive.toml", 'locales = ["en", "he", "ar"]',
         'locales = ["en", "he", "ar", "de"]')
    for path in (demo / INVOICE / "en").iterdir():
        write(demo, f"{INVOICE}/de/{path.name}", path.read_text(encoding="utf-8"))
    write(demo, f"{INVOICE}/de/sms.txt",
          "Northwind: Ihre Rechnung {{ invoice_number }} über {{ amount_due|money(currency) }} "
          "ist am {{ due_date|date }} fällig. Please pay it before the due date to avoid fees. "
          "Zahlen: {{ pay_url }} Fragen? Antworten Sie auf diese Nachricht.")
    found = [f for f in findings(demo, "untranslated-text", templates=["invoice_ready"])
             if f.path == f"{INVOICE}/de/sms.txt"]
    assert [f.message for f in found] == [
        'not translated: "Please pay it before the due date to avoid fees."']
