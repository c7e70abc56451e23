"""WhatsApp: rendered text, Meta's positional parameters, and what the field may hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.project import Project
from app.core.render import Renderer
from app.kernel.bidi import LRI, PDI
from app.kernel.errors import ContentError


def _write(demo: Path, text: str, locale: str = "en") -> Project:
    path = demo / "templates" / "invoice_ready" / locale / "whatsapp.toml"
    path.write_text(text, encoding="utf-8")
    return Project.load(demo)


def test_placeholders_become_positional_parameters(demo: Path) -> None:
    project = _write(demo, '''header = "Invoice {{ invoice_number }}"
body = "Hi {{ first_name }}, you owe {{ amount_due|money(currency) }} by {{ due_date|date }}."
footer = "Northwind"

[[buttons]]
type = "url"
text = "Pay now"
url = "https://northwind.example/pay/{{ invoice_number }}"
''')
    data = dict(project.samples["dana_he"].data, first_name="Dana")
    msg = Renderer(project).render("invoice_ready", "en", "whatsapp", data)
    assert msg.template["header"] == "Invoice {{1}}"
    assert msg.template["body"] == "Hi {{1}}, you owe {{2}} by {{3}}."
    assert msg.template["buttons"][0]["url"] == "https://northwind.example/pay/{{1}}"
    assert [(p.component, p.position, p.expression) for p in msg.parameters] == [
        ("header", 1, "invoice_number"),
        ("body", 1, "first_name"),
        ("body", 2, "amount_due|money(currency)"),
        ("body", 3, "due_date|date"),
        ("button:0", 1, "invoice_number"),
    ]
    assert msg.parameters[2].example == "₪1,234.50"
    assert msg.body == "Hi Dana, you owe ₪1,234.50 by Dec 15, 2026."
    assert msg.buttons[0].url == "https://northwind.example/pay/INV-2026-1042"
    assert msg.category == "UTILITY"


def test_logic_is_refused_with_its_position(demo: Path) -> None:
    project = _write(demo, 'body = """Hi,\nyou owe {% if amount_due %}money{% endif %}."""\n')
    with pytest.raises(ContentError) as info:
        Renderer(project).render("invoice_ready", "en", "whatsapp",
                                 project.samples["dana_he"].data)
    assert "{% %}" in info.value.message
    assert info.value.location.line == 2
    assert info.value.location.column == 9


def test_hebrew_values_are_isolated_but_url_parameters_are_not(demo_project: Project) -> None:
    data = demo_project.samples["dana_he"].data
    msg = Renderer(demo_project).render("invoice_ready", "he", "whatsapp", data)
    assert f"{LRI}{data['invoice_number']}{PDI}" in msg.header
    url_params = [p for p in msg.parameters if p.component.startswith("button")]
    assert url_params and all(LRI not in p.example for p in url_params)
    assert msg.buttons[0].url.endswith(data["invoice_number"])


def test_button_label_cannot_hold_a_placeholder(demo: Path) -> None:
    project = _write(demo, 'body = "Hi there, pay now."\n\n[[buttons]]\ntype = "quick_reply"\n'
                           'text = "Pay {{ amount_due }}"\n')
    with pytest.raises(ContentError, match="button labels"):
        Renderer(project).render("invoice_ready", "en", "whatsapp",
                                 project.samples["dana_he"].data)
