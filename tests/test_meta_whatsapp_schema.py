"""The WhatsApp send payloads against Meta's own OpenAPI description (vendored part).

Every ``whatsapp.send.json`` of the demo's bundle must be a valid body of Meta's
``POST /{Version}/{Phone-Number-ID}/messages`` for a template, as Meta's description
types it (tests/data/meta-whatsapp); the self-transcribed schema in
tests/test_runtime_payloads.py adds the Cloud API's prose rules that the description
does not encode.
"""

from __future__ import annotations

import copy
import json

import pytest

from app.core.paths import demo_project_dir
from app.runtime import Bundle
from tests.bundle_helpers import export_demo
from tests.meta_schema import META_DOCUMENT, meta_errors, without_errata


@pytest.fixture(scope="module")
def payloads(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    out = tmp_path_factory.mktemp("meta") / "demo.zip"
    export_demo(demo_project_dir(), out)
    bundle = Bundle.open(out)
    return [json.loads(bundle.files[g["files"]["send"]["path"]])
            for t in bundle.manifest["templates"] for g in t["golden"]
            if g["channel"] == "whatsapp"]


def _messages(errors: list) -> str:
    return "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


def test_every_demo_send_payload_is_a_valid_meta_template_message(payloads: list[dict]) -> None:
    assert len(payloads) >= 12
    kinds = set()
    for payload in payloads:
        assert not meta_errors(payload), _messages(meta_errors(payload))
        kinds |= {(c["type"], c.get("sub_type")) for c in payload["template"]["components"]}
    assert kinds == {("header", None), ("body", None), ("button", "url")}


def test_metas_own_template_example_validates() -> None:
    # The errata (README) are right only if Meta's own request example passes.
    for name, example in META_DOCUMENT["x-examples"].items():
        assert not meta_errors(example), f"{name}: {_messages(meta_errors(example))}"


@pytest.mark.parametrize(("change", "where", "words"), [
    (lambda p: p["template"]["components"][1]["parameters"][0].pop("text"),
     "template/components/1/parameters/0", "'text' is a required property"),
    (lambda p: p["template"]["components"][1]["parameters"][0].update(type="txt"),
     "template/components/1/parameters/0/type", "is not one of"),
    (lambda p: p["template"]["components"][2].update(index=0),
     "template/components/2/index", "is not of type 'string'"),
    (lambda p: p["template"]["components"][2].pop("sub_type"),
     "template/components/2", "'sub_type' is a required property"),
    (lambda p: p["template"]["language"].pop("code"),
     "template/language", "'code' is a required property"),
    (lambda p: p.pop("recipient_type"), "", "'recipient_type' is a required property"),
    (lambda p: p.update(type="text"), "type", "is not one of ['template']"),
])
def test_a_broken_payload_is_refused_where_it_breaks(payloads: list[dict], change, where: str,
                                                     words: str) -> None:
    payload = copy.deepcopy(next(p for p in payloads
                                 if p["template"]["name"] == "invoice_ready"))
    change(payload)
    errors = meta_errors(payload)
    found = {("/".join(map(str, e.absolute_path)), e.message) for e in errors}
    assert any(path == where and words in message for path, message in found), found


def test_the_errata_are_what_stands_between_metas_text_and_its_examples(
        payloads: list[dict]) -> None:
    published = without_errata()
    paths = {"/".join(map(str, e.absolute_path)) for e in meta_errors(payloads[0], published)}
    assert paths == {"template/language"} | {
        f"template/components/{i}/index" for i, c in
        enumerate(payloads[0]["template"]["components"]) if c["type"] == "button"}
    example = next(iter(META_DOCUMENT["x-examples"].values()))
    assert meta_errors(example, published)  # Meta's own example fails Meta's text as published
