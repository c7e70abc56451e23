"""Sentences of the core that the studio can translate: English everywhere, with their
template and values kept for the catalogs."""

from __future__ import annotations

import json
import pickle

from app.core.checks.model import Finding
from app.core.message_text import Message, msg


def test_a_message_is_the_english_string_and_keeps_its_template() -> None:
    text = msg("'{name}' is required by {template} but missing", name="due_date",
               template="invoice_ready")
    assert text == "'due_date' is required by invoice_ready but missing"
    assert isinstance(text, str) and text.template.startswith("'{name}'")
    assert text.args == {"name": "due_date", "template": "invoice_ready"}
    # without values the template is the text: braces stay as written
    assert msg("use {{ }} only") == "use {{ }} only"
    assert msg("{n:,} units", n=1234) == "1,234 units"


def test_a_message_survives_worker_processes_and_json() -> None:
    text = msg("SMS is {n} messages", n=3)
    back = pickle.loads(pickle.dumps(text))
    assert isinstance(back, Message) and back == text and back.args == {"n": 3}
    finding = Finding(rule="sms-segments", severity="warning", message=text,
                      hint=msg("shorten it to {most}", most=2))
    data = json.loads(json.dumps(finding.to_dict()))
    assert data["message"] == "SMS is 3 messages"
    assert (data["message_id"], data["message_args"]) == ("SMS is {n} messages", {"n": 3})
    assert (data["hint_id"], data["hint_args"]) == ("shorten it to {most}", {"most": 2})
    plain = Finding(rule="x", severity="info", message="plain").to_dict()
    assert "message_id" not in plain and "hint_id" not in plain
