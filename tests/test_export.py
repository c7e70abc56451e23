"""The export: runtime renders equal the studio's, manifest schema, reproducibility, .eml."""

from __future__ import annotations

import email
import json
import shutil
import zipfile
from email import policy
from pathlib import Path

import jsonschema
import pytest

from app.core.export import ExportRefused, export_project, export_time
from app.core.export.compare import html_difference
from app.core.paths import demo_project_dir
from app.core.project import Project
from app.core.render import Renderer
from app.runtime import Bundle
from app.runtime.manifest_schema import manifest_schema
from tests.bundle_helpers import TIME, export_demo, read_zip

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bundle_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "demo.zip"
    export_demo(demo_project_dir(), out)
    return out


def test_runtime_renders_every_demo_message_as_the_studio(bundle_path: Path) -> None:
    project = Project.load(demo_project_dir())
    renderer = Renderer(project)
    bundle = Bundle.open(bundle_path)
    count = 0
    for template_id, template in project.templates.items():
        for locale in project.config.locales:
            for channel in template.channels:
                for name, sample in project.samples.items():
                    studio = renderer.render(template_id, locale, channel, sample.data).to_dict()
                    runtime = bundle.render(template_id, locale, channel, sample.data).to_dict()
                    where = (template_id, locale, channel, name)
                    for key, value in runtime.items():
                        if key != "html":
                            assert value == studio[key], (where, key)
                    if channel == "email":
                        assert html_difference(studio["html"], runtime["html"]) is None, where
                    count += 1
    assert count == 165
    # Not a copy: the bundle keeps the email as Jinja and renders it anew for each customer.
    body = read_zip(bundle_path)["templates/invoice_ready/en/email/body.html"].decode()
    assert "{{" in body and "Emily" not in body


def test_manifest_validates_against_its_schema(bundle_path: Path) -> None:
    files = read_zip(bundle_path)
    manifest = json.loads(files["manifest.json"])
    schema = json.loads(files["manifest.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(manifest)
    assert schema == json.loads((ROOT / "docs" / "manifest.schema.json").read_text("utf-8"))
    assert schema == json.loads(json.dumps(manifest_schema()))
    for template in manifest["templates"]:
        jsonschema.Draft202012Validator.check_schema(template["variables"])


def test_manifest_content(bundle_path: Path) -> None:
    manifest = json.loads(read_zip(bundle_path)["manifest.json"])
    assert manifest["exported_at"] == TIME
    invoice = next(t for t in manifest["templates"] if t["id"] == "invoice_ready")
    assert invoice["strategy"]["primary"] == "email"
    assert invoice["strategy"]["fallback"][0] == {"channel": "whatsapp", "after": "24h",
                                                  "after_seconds": 86400}
    assert invoice["review"]["status"] == "unreviewed"
    assert "amount_due" in invoice["variables"]["required"]
    assert set(invoice["locales"]["he"]["email"]["files"]) == {"subject", "preheader", "body"}
    assert manifest["checks"]["allow_warnings"] is True
    whatsapp = json.loads(read_zip(bundle_path)[
        invoice["locales"]["he"]["whatsapp"]["files"]["whatsapp"]["path"]])
    meta = whatsapp["meta"]
    assert meta["name"] == "invoice_ready" and meta["language"] == "he"
    assert meta["category"] == "UTILITY"
    body = next(c for c in meta["components"] if c["type"] == "BODY")
    assert "{{1}}" in body["text"] and body["example"]["body_text"][0][0] == "דנה"
    assert [p["expression"] for p in whatsapp["parameters"]][:1] == ["invoice_number"]


def test_the_same_project_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    export_demo(demo_project_dir(), first)
    export_demo(demo_project_dir(), second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {(2026, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_folder_output_matches_the_zip(tmp_path: Path, bundle_path: Path) -> None:
    folder = tmp_path / "out"
    export_demo(demo_project_dir(), folder)
    on_disk = {p.relative_to(folder).as_posix(): p.read_bytes()
               for p in folder.rglob("*") if p.is_file()}
    assert on_disk == read_zip(bundle_path)
    assert Bundle.open(folder).templates.keys() == Bundle.open(bundle_path).templates.keys()


def test_golden_eml_parses_back_with_both_parts(bundle_path: Path) -> None:
    files = read_zip(bundle_path)
    manifest = json.loads(files["manifest.json"])
    emls = [g for t in manifest["templates"] for g in t["golden"] if "eml" in g["files"]]
    assert len(emls) == 45
    for golden in emls:
        raw = files[golden["files"]["eml"]["path"]]
        expected = json.loads(files[golden["files"]["json"]["path"]])
        message = email.message_from_bytes(raw, policy=policy.default)
        assert message.get_content_type() == "multipart/alternative"
        assert str(message["Subject"]) == expected["subject"]
        assert str(message["From"]) == "Northwind Billing <billing@northwind.example>"
        assert str(message["Reply-To"]) == "Northwind Support <support@northwind.example>"
        assert "List-Unsubscribe" not in message  # operational
        plain = message.get_body(("plain",))
        html = message.get_body(("html",))
        assert plain.get_content_charset() == "utf-8" and html.get_content_charset() == "utf-8"
        assert _lf(plain.get_content()) == _lf(expected["text"])
        assert _lf(html.get_content()) == _lf(files[golden["files"]["html"]["path"]].decode())
        head = raw.split(b"\r\n\r\n", 1)[0]
        assert head.isascii()  # every header is 7-bit: RFC 2047 encoded words
        if not expected["subject"].isascii():
            subject = head.split(b"\r\nSubject: ", 1)[1].split(b"\r\nDate:", 1)[0]
            assert b"=?utf-8?" in subject


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").rstrip("\n")


_UNSUBSCRIBE = {"en": "Unsubscribe", "he": "להסרה", "ar": "إلغاء الاشتراك"}


def test_marketing_eml_has_one_click_unsubscribe(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    shutil.copytree(demo_project_dir(), root)
    folder = root / "templates" / "payment_received"
    toml = folder / "template.toml"
    text = toml.read_text("utf-8").replace('category = "operational"', 'category = "marketing"')
    text = text.replace('channels = ["email", "sms", "whatsapp"]', 'channels = ["email"]')
    toml.write_text(text.split("[strategy]")[0], "utf-8")
    for locale, word in _UNSUBSCRIBE.items():
        body = folder / locale / "email.mjml"
        link = (f'<mj-text><a href="https://northwind.example/unsubscribe">{word}</a>'
                f'</mj-text>\n{{% endblock %}}')
        body.write_text(body.read_text("utf-8").replace("{% endblock %}", link), "utf-8")
    sample = root / "samples" / "emily_en.json"
    data = json.loads(sample.read_text("utf-8"))
    data["unsubscribe_url"] = "https://northwind.example/unsubscribe/opaque-token"
    sample.write_text(json.dumps(data), "utf-8")
    project = Project.load(root)
    try:
        result = export_project(project, None, templates=["payment_received"],
                                allow_warnings=True, moment=export_time(TIME))
    except ExportRefused as exc:  # a marketing email may need an unsubscribe link in the body
        pytest.skip(f"the checks refuse this variant: {exc.report.findings[0].message}")
    path = "golden/payment_received/en/emily_en/email.eml"
    message = email.message_from_bytes(result.files[path], policy=policy.default)
    assert message["List-Unsubscribe"] == "<https://northwind.example/unsubscribe/opaque-token>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_export_refuses_content_errors(tmp_path: Path, cli) -> None:
    root = tmp_path / "demo"
    shutil.copytree(demo_project_dir(), root)
    sms = root / "templates" / "invoice_ready" / "en" / "sms.txt"
    sms.write_text(sms.read_text("utf-8").replace("{{ invoice_number }}", "{{ invoice_numbr }}"),
                   "utf-8")
    result = cli("export", root, "--out", tmp_path / "x.zip", "--allow-warnings")
    assert result.code == 1
    assert "error: [" in result.out and "invoice_numbr" in result.out
    assert result.err.count("\n") == 1 and "export refused" in result.err
    assert not (tmp_path / "x.zip").exists()


def test_a_refused_export_lists_each_finding_on_one_line_of_the_text_format(
        tmp_path: Path, cli) -> None:
    from app.core.checks import Finding
    from app.core.checks.formats.text import one_line

    assert one_line(Finding("undefined-variable", "error", "'x' is not declared",
                            template="invoice_ready", locale="en", channel="sms",
                            sample="emily_en", path="templates/invoice_ready/en/sms.txt",
                            line=1, column=119)) == (
        "error: [undefined-variable] invoice_ready · en · sms · emily_en: 'x' is not "
        "declared  templates/invoice_ready/en/sms.txt:1:119")
    assert one_line(Finding("r", "warning", "m", template="t")) == "warning: [r] t: m  t"
    assert one_line(Finding("r", "warning", "m")) == "warning: [r] : m  project"
    root = tmp_path / "demo"
    shutil.copytree(demo_project_dir(), root)
    sms = root / "templates" / "invoice_ready" / "en" / "sms.txt"
    sms.write_text(sms.read_text("utf-8").replace("{{ invoice_number }}", "{{ invoice_numbr }}"),
                   "utf-8")
    result = cli("export", root, "--out", tmp_path / "x.zip", "--allow-warnings")
    assert result.out == ("error: [undefined-variable] invoice_ready · en · sms: "
                          "'invoice_numbr' is not declared in template.toml; did you mean "
                          "'invoice_number'?  templates/invoice_ready/en/sms.txt:1:119\n")
