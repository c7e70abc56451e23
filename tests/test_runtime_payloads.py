"""What a bundle gives a sending system: typed data checked by schema, WhatsApp send bodies."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from app.core.paths import demo_project_dir
from app.runtime import Bundle, DataError
from tests.bundle_helpers import export_demo, read_zip, write_zip
from tests.meta_schema import meta_errors

SEND_SCHEMA = json.loads((Path(__file__).parent / "data" / "whatsapp-send-template.schema.json")
                         .read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    out = tmp_path_factory.mktemp("bundle") / "demo.zip"
    export_demo(demo_project_dir(), out)
    return Bundle.open(write_zip(out.with_name("copy.zip"), read_zip(out)))


@pytest.mark.parametrize(("template", "key", "bad", "words"), [
    ("invoice_ready", "currency", "shekels", "ISO 4217 currency code"),
    ("invoice_ready", "currency", "ZZZ", "ISO 4217 currency code"),
    ("invoice_ready", "due_date", "2026-13-01", "ISO date"),
    ("invoice_ready", "due_date", "15/12/2026", "ISO date"),
    ("invoice_ready", "pay_url", "northwind.example/pay", "URL"),
    ("invoice_ready", "pay_url", "javascript:alert(1)", "URL"),
    ("delivery_update", "phone", "052-555-0142", "E.164"),
    ("delivery_update", "phone", "+972 52 555 0142 555 555 555", "E.164"),
    ("delivery_update", "delivery_start", "2026-11-23T14:00:00", "with its zone"),
])
def test_bad_data_is_refused_by_the_schema_with_its_path(bundle: Bundle, template: str,
                                                         key: str, bad: str, words: str) -> None:
    data = dict(bundle.sample("dana_he"), **{key: bad})
    with pytest.raises(DataError) as info:
        bundle.render(template, "he", "sms", data)
    text = str(info.value)
    assert f"data.{key}" in text and words in text and "\n" not in text
    assert "'ILS'" not in text  # the currency list is named, not recited


def test_good_data_in_every_type_still_renders(bundle: Bundle) -> None:
    data = dict(bundle.sample("dana_he"), currency="usd".upper(), due_date="2027-01-31",
                pay_url="https://northwind.example/pay?x=1")
    assert "$" in bundle.render("invoice_ready", "en", "sms", data).text
    delivery = dict(bundle.sample("dana_he"), phone="+1 (650) 555-1234",
                    delivery_start="2026-11-23T14:00Z", delivery_end="2026-11-23 16:00+0200")
    assert bundle.render("delivery_update", "en", "sms", delivery).text


def test_every_whatsapp_golden_has_a_send_payload_meta_accepts(bundle: Bundle) -> None:
    goldens = [(t["id"], g) for t in bundle.manifest["templates"] for g in t["golden"]
               if g["channel"] == "whatsapp"]
    assert len(goldens) >= 12
    for template_id, golden in goldens:
        stored = json.loads(bundle.files[golden["files"]["send"]["path"]])
        jsonschema.validate(stored, SEND_SCHEMA)
        assert not meta_errors(stored), [e.message for e in meta_errors(stored)]
        sample = bundle.sample(golden["sample"])
        assert stored == bundle.whatsapp_send_payload(template_id, golden["locale"], sample,
                                                      stored["to"])
        message = bundle.render(template_id, golden["locale"], "whatsapp", sample)
        sent = [p["text"] for c in stored["template"]["components"] for p in c["parameters"]]
        if message.category != "AUTHENTICATION":
            assert len(sent) == len(message.parameters)
        assert stored["template"]["name"] == template_id


def test_send_payload_in_order_with_the_code_to_copy(bundle: Bundle) -> None:
    invoice = bundle.whatsapp_send_payload("invoice_ready", "he", bundle.sample("dana_he"),
                                           "+972525550142")
    kinds = [(c["type"], c.get("index")) for c in invoice["template"]["components"]]
    assert kinds == [("header", None), ("body", None), ("button", "0")]
    body = invoice["template"]["components"][1]["parameters"]
    assert body[0]["text"] == "דנה" and "1,234.50" in body[1]["text"]
    # The URL suffix holds only what a browser should see: no direction characters.
    assert invoice["template"]["components"][2]["parameters"][0]["text"] == "INV-2026-1042"
    code = bundle.whatsapp_send_payload("login_code", "ar", bundle.sample("omar_ar"),
                                        "+971501234567")
    components = code["template"]["components"]
    digits = bundle.sample("omar_ar")["code"]
    assert components[0] == {"type": "body", "parameters": [{"type": "text", "text": digits}]}
    assert components[-1]["sub_type"] == "url"
    assert components[-1]["parameters"][0]["text"] == digits
    jsonschema.validate(code, SEND_SCHEMA)


def test_conformance_runner_passes_the_demo_and_names_a_broken_case(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.bundle_helpers import rewrite

    out = tmp_path / "demo.zip"
    export_demo(demo_project_dir(), out)
    run = subprocess.run([sys.executable, "-m", "app.runtime", "conformance", str(out)],
                         capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert run.returncode == 0, run.stdout + run.stderr
    last = run.stdout.strip().splitlines()[-1]
    assert last.startswith("conformance: ") and last.endswith(" passed, 0 failed")
    assert int(last.split()[1]) >= 150
    files = read_zip(out)
    name = "golden/invoice_ready/he/dana_he/sms.json"
    golden = json.loads(files[name])
    golden["text"] = golden["text"].replace("1,234.50", "1,234.05")
    broken = write_zip(tmp_path / "broken.zip",
                       rewrite(files, name, json.dumps(golden, ensure_ascii=False).encode()))
    run = subprocess.run([sys.executable, "-m", "app.runtime", "conformance", str(broken)],
                         capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert run.returncode == 1
    assert "FAIL invoice_ready/he/sms/dana_he: text differs" in run.stdout
    assert run.stdout.strip().endswith(" passed, 1 failed")


def test_one_bundle_serves_many_threads(bundle: Bundle) -> None:
    from concurrent.futures import ThreadPoolExecutor

    jobs = [(t, locale, channel, sample)
            for t in ("invoice_ready", "delivery_update", "payment_received", "login_code")
            for locale in ("en", "he", "ar") for channel in ("email", "sms", "whatsapp")
            for sample in ("dana_he", "omar_ar")
            if channel in bundle.template(t)["locales"][locale]]

    def render(job: tuple[str, str, str, str]) -> dict:
        template, locale, channel, sample = job
        return bundle.render(template, locale, channel, bundle.sample(sample)).to_dict()

    alone = [render(job) for job in jobs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(render, jobs * 4))
    assert together == alone * 4
