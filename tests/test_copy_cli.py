"""``missive copy`` lists blocks (text and JSON); ``missive copy set`` writes one or refuses
with exit 1 and one line."""

from __future__ import annotations

import json
from pathlib import Path


def test_copy_lists_blocks_as_text(cli, demo: Path) -> None:
    result = cli("copy", demo, "--template", "payment_received", "--locale", "he")
    assert result.code == 0, result.err
    assert result.out.startswith("payment_received · he (rtl)\n\nemail\n")
    assert "  email.body.text1.if1.else   branch              " \
           "templates/payment_received/he/email.mjml:3  [otherwise]" in result.out
    assert "[shared by delivery_update, invoice_ready, payment_received]" in result.out
    assert "\nsms\n" in result.out and "\nwhatsapp\n" in result.out
    assert "קבלה {{ receipt_number }} מחכה לך בכל עת." in result.out


def test_copy_json_one_channel(cli, demo: Path) -> None:
    result = cli("copy", demo, "--template", "invoice_ready", "--locale", "ar",
                 "--channel", "whatsapp", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["direction"] == "rtl"
    ids = [b["id"] for b in data["blocks"]]
    assert ids == ["whatsapp.header", "whatsapp.body", "whatsapp.footer", "whatsapp.button1",
                   "whatsapp.button1.url"]
    header = data["blocks"][0]
    assert header["file"] == "templates/invoice_ready/ar/whatsapp.toml" and header["line"] == 1
    assert {"kind": "placeholder", "text": "invoice_number"} in header["runs"]
    assert header["limit"] == 60


def test_copy_set_writes_one_block(cli, demo: Path) -> None:
    path = demo / "templates/payment_received/he/email.mjml"
    before = path.read_text(encoding="utf-8")
    result = cli("copy", "set", demo, "--template", "payment_received", "--locale", "he",
                 "--block", "email.body.text1.if1.else", "--text", "שלום רב,")
    assert result.code == 0, result.err
    assert result.out == ("templates/payment_received/he/email.mjml:3:95: "
                          "email.body.text1.if1.else written\n")
    assert path.read_text(encoding="utf-8") == before.replace("{% else %}שלום,{% endif %}",
                                                              "{% else %}שלום רב,{% endif %}")
    check = cli("check", demo, "--template", "payment_received")
    assert check.code == 0, check.out


def test_copy_set_refuses_broken_logic_with_one_line(cli, demo: Path) -> None:
    path = demo / "templates/payment_received/en/email.mjml"
    before = path.read_bytes()
    result = cli("copy", "set", demo, "--template", "payment_received", "--locale", "en",
                 "--block", "email.body.text1", "--text", "Hi {{ first_name }},")
    assert result.code == 1
    assert result.err == ("missive: error: templates/payment_received/en/email.mjml:3:18: the "
                          "text changes the logic (if first name is known; otherwise): keep "
                          "every {% … %} tag exactly as it is and edit the texts around and "
                          "between them\n")
    broken = cli("copy", "set", demo, "--template", "payment_received", "--locale", "en",
                 "--block", "email.subject", "--text", "Paid {{ amount_paid|money(currency)")
    assert broken.code == 1 and broken.err.count("\n") == 1
    assert "'{{' at character 6 is never closed" in broken.err
    assert path.read_bytes() == before


def test_copy_usage_errors(cli, demo: Path) -> None:
    unknown = cli("copy", "set", demo, "--template", "payment_received", "--locale", "en",
                  "--block", "email.nope", "--text", "x")
    assert unknown.code == 1 and "no block 'email.nope'" in unknown.err
    missing = cli("copy", "set", demo, "--template", "payment_received", "--locale", "en")
    assert missing.code == 2 and "needs --block BLOCK_ID and --text TEXT" in missing.err
    locale = cli("copy", demo, "--template", "payment_received", "--locale", "fr")
    assert locale.code == 2 and "no locale 'fr'" in locale.err
