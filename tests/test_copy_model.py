"""The copy model: blocks in reading order with stable ids, runs, shared text, and
writing one block (what is refused, and that nothing else changes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.copy import (
    CopyError,
    build_deck,
    edit_block,
    insertable_placeholders,
    placeholder_for,
    runs_to_text,
    write_block,
)
from app.core.copy.toml_strings import encode, find_strings
from app.core.model import Variable
from app.core.project import Project
from app.core.render import Renderer
from tests.copy_helpers import make_copy_project, sample_data


@pytest.fixture
def rich(tmp_path: Path) -> Project:
    return Project.load(make_copy_project(tmp_path / "p"))


def test_demo_blocks_in_reading_order(demo_project: Project) -> None:
    deck = build_deck(demo_project, "payment_received", "en")
    ids = [b.id for b in deck.blocks]
    assert ids[:4] == ["email.subject", "email.preheader", "email.layout-base.text1",
                       "email.body.text1"]
    # the body comes inside the layout, the footer partial after it, then SMS, WhatsApp
    assert ids.index("email.body.button1") < ids.index("email.partial-footer.text1")
    assert ids[-6:] == ["sms.body", "whatsapp.header", "whatsapp.body", "whatsapp.footer",
                        "whatsapp.button1", "whatsapp.button1.url"]
    body = deck.block("email.body.text4")
    assert body.text.startswith("Paid on {{ paid_at|datetime('medium', timezone) }}.")
    assert body.path == "templates/payment_received/en/email.mjml"
    assert (body.line, body.column) == (6, 18)
    source = (demo_project.root / body.path).read_text(encoding="utf-8")
    assert source[body.start:body.end] == body.text
    kinds = [(r.kind, r.bold) for r in body.runs]
    assert ("placeholder", True) in kinds  # <strong>{{ receipt_number }}</strong>


def test_logic_is_one_token_described_in_words_with_branch_blocks(demo_project: Project) -> None:
    deck = build_deck(demo_project, "payment_received", "he")
    greeting = deck.block("email.body.text1")
    assert [r.kind for r in greeting.runs] == ["logic"]
    logic = greeting.runs[0]
    assert logic.text == "if first name is known"
    assert logic.branches == ("email.body.text1.if1.then", "email.body.text1.if1.else")
    then = deck.block("email.body.text1.if1.then")
    assert then.text == "שלום {{ first_name }}," and then.condition == "if first name is known"
    assert deck.block("email.body.text1.if1.else").condition == "otherwise"
    assert then.direction == "rtl" and deck.direction == "rtl"


def test_shared_blocks_name_the_templates_they_touch(demo_project: Project) -> None:
    deck = build_deck(demo_project, "invoice_ready", "ar")
    footer = deck.block("email.partial-footer.text1")
    assert footer.shared and footer.path == "partials/ar/footer.mjml"
    assert footer.used_by == ("delivery_update", "invoice_ready", "payment_received")
    assert not deck.block("email.body.text2").shared
    link = [r for r in footer.runs if r.href is not None]
    assert link and link[0].href == "{{ sender.support_url }}"


def test_rich_email_lists_columns_tables_buttons_images_raw(rich: Project) -> None:
    deck = build_deck(rich, "order_summary", "he", channel="email")
    by_id = deck.by_id()
    assert by_id["email.body.image2.alt"].text == "קופסאות ארוזות ומוכנות & יוצאות לדרך"
    assert by_id["email.body.text3.2"].text.startswith("אנחנו אורזים")
    assert [by_id[f"email.body.table1.cell{n}"].text for n in (1, 2, 3)] == \
        ["פריט", "כמות", "מחיר"]
    assert by_id["email.body.button2.link"].text == \
        "https://northwind.example/help?topic=orders&from=email"
    assert by_id["email.body.raw1"].kind == "raw"
    words = [r.text for r in by_id["email.body.text4"].runs if r.kind == "logic"]
    assert words == ["if tier is 'gold'"]
    assert "email.body.text4.if1.elif1" in by_id
    assert all(b.channel == "email" for b in deck.blocks)
    assert deck.blocks[-1].id == "email.text.if1.else"


def test_ids_survive_edits_of_other_blocks_and_markup(rich: Project) -> None:
    before = [b.id for b in build_deck(rich, "order_summary", "en").blocks]
    path = rich.root / "templates/order_summary/en/email.mjml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('<mj-text font-weight="bold">Delivery</mj-text>',
                        '<mj-text font-weight="bold" color="#111111"   >Delivery soon</mj-text>')
    text = text.replace("<mj-column width=\"50%\">", "<mj-column width=\"50%\" padding=\"4px\">")
    path.write_text(text, encoding="utf-8")
    write_block(rich, "order_summary", "en", "email.body.text8", "Paid by card.")
    assert [b.id for b in build_deck(rich, "order_summary", "en").blocks] == before


def test_runs_give_back_the_text(rich: Project) -> None:
    for locale in ("en", "he", "ar"):
        for block in build_deck(rich, "order_summary", locale).blocks:
            assert runs_to_text(block.runs, block.format) == block.text, block.id


@pytest.mark.parametrize(("block", "text", "reason"), [
    ("email.subject", "Order {{ order_number", "'{{' at character 7 is never closed"),
    ("email.subject", "Order {{ ordr_number }}", "uses 'ordr_number', which this template"),
    ("email.subject", "Order {{ order_number ) }}", "not a placeholder Jinja can read"),
    ("email.subject", "Order {{ order_total|money<(currency) }}", "is not a placeholder: insert"),
    ("email.subject", "Order {{ order_number.__class__ }}", "is not a placeholder"),
    ("email.body.text2", "Hi {{ first_name }}", "changes the logic (if first name is known"),
    ("email.body.text2", "{% if first_name %}Hi{% else %}Hello,{% endif %}", "changes the logic"),
    ("email.body.text3", "Thanks <strong>a lot", "<strong> is opened but never closed"),
    ("email.body.text3", "Thanks</mj-text><mj-text>x", "</mj-text> cannot go inside a text"),
    ("email.body.text3", "Thanks <p>x</p>", "<p> cannot go inside a text"),
    ("email.body.text3", "Thanks <b", "'<' starts a tag that is never finished"),
    ("email.body.text3", "תודה/> רבה", "a '>' in the text stops the MJML compiler"),
    ("email.body.text3", "הגדרות > חשבון", "a '>' in the text stops the MJML compiler"),
    ("email.body.text3", "Thanks <strong=>x</strong>", "is not well formed"),
    ("email.body.text5", "", "would empty this block"),
    ("whatsapp.body", "{% if x %}y{% endif %}", "WhatsApp text cannot hold {% … %} logic"),
    ("whatsapp.footer", "Northwind {{ order_number }}", "fixed text: it cannot hold"),
])
def test_breaking_texts_are_refused_with_one_line(rich: Project, block: str, text: str,
                                                  reason: str) -> None:
    deck = build_deck(rich, "order_summary", "en")
    with pytest.raises(CopyError) as err:
        edit_block(rich, deck, block, text)
    assert reason in str(err.value)
    assert "\n" not in str(err.value)


def test_writing_a_block_changes_only_its_span_and_renders(rich: Project) -> None:
    root = rich.root
    files = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    edits = {
        "email.body.text4.if1.then": "Gold members: <strong>free</strong> delivery & returns.",
        "email.body.button1.link": 'https://northwind.example/o/{{ order_number }}?a=1&b="2"',
        "email.body.image2.alt": "Boxes, packed",
        "email.body.table1.cell1": "Product",
        "email.preheader": "It's packed \\ \"ready\"",
        "whatsapp.button2": "Talk to Dana's team",
        "whatsapp.body": "Line one\n\nLine \"\"\" two {{ order_number }}",
        "sms.body.if1.then": "thank you {{ first_name }}!",
    }
    for block_id, text in edits.items():
        edit = write_block(rich, "order_summary", "en", block_id, text)
        path = root / edit.path
        files_now = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
        assert {p for p in files_now if files_now[p] != files[p]} == {path}
        old, new = files[path].decode(), files_now[path].decode()
        assert new[:edit.start] == old[:edit.start]
        assert new[edit.start + len(edit.replacement):] == old[edit.end:]
        assert build_deck(rich, "order_summary", "en").block(block_id).text == text.strip()
        files = files_now
    renderer = Renderer(Project.load(root))
    data = sample_data(root, "order_summary")
    email = renderer.render("order_summary", "en", "email", data)
    # MJML keeps a bare & as written (valid HTML5 before a space); no inliner re-serialises it
    assert "free</strong> delivery &amp; returns." in email.html or \
        "free</strong> delivery & returns." in email.html
    assert email.preheader == "It's packed \\ \"ready\""
    assert renderer.render("order_summary", "en", "whatsapp", data)


def test_shared_write_goes_to_the_partial(demo: Path) -> None:
    project = Project.load(demo)
    edit = write_block(project, "invoice_ready", "he", "email.partial-footer.text2", "טקסט חדש")
    assert edit.path == "partials/he/footer.mjml"
    other = build_deck(project, "payment_received", "he")
    assert other.block("email.partial-footer.text2").text == "טקסט חדש"


def test_placeholders_for_declared_variables(rich: Project) -> None:
    assert placeholder_for(Variable("total", "money", currency="currency")) == \
        "{{ total|money(currency) }}"
    assert placeholder_for(Variable("total", "money", currency="ILS")) == \
        "{{ total|money('ILS') }}"
    assert placeholder_for(Variable("due", "date")) == "{{ due|date }}"
    assert placeholder_for(Variable("at", "datetime")) == "{{ at|datetime }}"
    assert placeholder_for(Variable("url", "url")) == "{{ url }}"
    choices = {c.name: c.source for c in insertable_placeholders(rich.template("order_summary"))}
    assert choices["order_total"] == "{{ order_total|money(currency) }}"
    assert choices["ordered_at"] == "{{ ordered_at|date }}"
    deck = build_deck(rich, "order_summary", "en")
    edit_block(rich, deck, "email.body.text8", f"Total {choices['order_total']} on "
                                               f"{choices['ordered_at']}.")


@pytest.mark.parametrize("style", ["basic", "ml_basic", "literal", "ml_literal"])
@pytest.mark.parametrize("value", ["plain", "it's", 'say "hi"', "a\\b", "two\nlines",
                                   "tab\there", 'ends with "', "''' and \"\"\"", "\nlead"])
def test_toml_strings_encode_round_trip(style: str, value: str) -> None:
    import tomllib
    literal = encode(value, style)
    assert tomllib.loads(f"k = {literal}\n")["k"] == value
    found = find_strings(f"# c\nk = {literal}  # note\n")
    assert found[0].value == value and found[0].key == ("k",)


def test_a_letter_before_slash_gt_is_one_line_not_a_crash() -> None:
    """mrml panics on 'א/>' or 'שלום > עולם' in text (a Rust slice inside a character); the
    pipeline says so in one line instead of letting the panic through."""
    from app.core.email_pipeline import MjmlError, compile_mjml
    source = ("<mjml><mj-body><mj-section><mj-column><mj-text>הזמ/>נה</mj-text></mj-column>"
              "</mj-section></mj-body></mjml>")
    with pytest.raises(MjmlError) as err:
        compile_mjml(source, fonts=None, path="x.mjml")
    assert str(err.value).startswith("x.mjml:1:52: MJML could not be compiled")
