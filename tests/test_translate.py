"""The translators' round trip: export he as XLIFF and PO, edit as a translator would,
import back; refused units are named and every other byte stays as it was."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from lxml import etree

from app.core.paths import demo_project_dir
from app.core.project import Project
from app.core.translate import collect

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
PRE = "invoice_ready:email.preheader"        # retranslated
SMS = "invoice_ready:sms.body"               # one word changed
BROKEN = "payment_received:email.subject"    # a placeholder broken
STALE = "delivery_update:email.preheader"    # its English source changes after export
HE = {PRE: ("בדקה אחת", "תוך דקה"), SMS: ("שאלות?", "יש שאלה?"),
      STALE: ("השליח יתקשר", "השליח שלנו יתקשר")}


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _edit_xliff(path: Path) -> None:
    tree = etree.parse(str(path))
    for unit in tree.iterfind(".//x:trans-unit", NS):
        target = unit.find("x:target", NS)
        uid = unit.get("id")
        if uid in HE:
            old, new = HE[uid]
            nodes = [target, *target.iter()]
            for node in nodes:
                if node.text and old in node.text and node is target:
                    node.text = node.text.replace(old, new)
                if node is not target and node.tail and old in node.tail:
                    node.tail = node.tail.replace(old, new)
        if uid == BROKEN:
            code = target.find("x:x", NS)
            previous = code.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + (code.tail or "")
            else:
                target.text = (target.text or "") + (code.tail or "")
            target.remove(code)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def _edit_po(path: Path) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        uid = entry.msgctxt.rpartition("@")[0]
        if uid in HE:
            entry.msgstr = entry.msgstr.replace(*HE[uid])
        if uid == BROKEN:
            head, _, rest = entry.msgstr.partition("}}")  # misspell the first placeholder
            entry.msgstr = head.replace("_", "", 1) + "}}" + rest
    po.save(str(path))


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_round_trip_imports_edits_and_names_the_refused(tmp_path: Path, cli, fmt: str) -> None:
    root = tmp_path / "demo"
    shutil.copytree(demo_project_dir(), root)
    out = tmp_path / f"he.{fmt}"
    assert cli("translate", "export", root, "--locale", "he", "--format", fmt,
               "--out", out).code == 0
    if fmt == "xliff":
        _edit_xliff(out)
    else:
        assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(out)]).returncode == 0
        _edit_po(out)
    en_pre = root / "templates/delivery_update/en/email.toml"
    en_pre.write_text(en_pre.read_text(encoding="utf-8").replace(
        "Your courier will call", "Your courier calls"), encoding="utf-8")
    before = _files(root)

    result = cli("translate", "import", root, out)
    assert result.code == 1
    lines = result.out.strip().splitlines()
    refused = {line.split("refused ")[1].split(":")[0] + ":" + line.split("refused ")[1]
               .split(":")[1] for line in lines if " refused " in line}
    assert refused == {BROKEN, STALE}, result.out
    assert "placeholder" in next(line for line in lines if BROKEN in line)
    assert "stale" in next(line for line in lines if STALE in line)
    assert lines[-1].startswith("he: 2 imported, ") and lines[-1].endswith(", 2 refused")

    after = _files(root)
    changed = {name for name in before.keys() | after.keys()
               if before.get(name) != after.get(name)}
    # Only the two translated texts change, and the translation record (which units are
    # translations of today's source) grows.
    assert {c for c in changed if not c.startswith("translations/")} == {
        "templates/invoice_ready/he/email.toml", "templates/invoice_ready/he/sms.txt"}
    assert "translations/invoice_ready.json" in changed
    for name, (uid, (old, new)) in {"templates/invoice_ready/he/email.toml": (PRE, HE[PRE]),
                                    "templates/invoice_ready/he/sms.txt": (SMS, HE[SMS])
                                    }.items():
        assert after[name] == before[name].replace(old.encode(), new.encode()), uid
    check = cli("check", root)
    assert check.code == 0, check.out[-2000:]
    states = {u.id: u.state for u in collect(Project.load(root), "he")}
    assert states[PRE] == states[SMS] == "translated" and states[STALE] == "stale"


def test_export_names_limits_notes_and_protects_codes(tmp_path: Path, demo: Path,
                                                      cli) -> None:
    out = tmp_path / "ar.xlf"
    assert cli("translate", "export", demo, "--locale", "ar", "--format",
               "xliff", "--out", out, "--template", "invoice_ready").code == 0
    tree = etree.parse(str(out))
    subject = tree.find(".//x:trans-unit[@id='invoice_ready:email.subject']", NS)
    assert subject.get("maxwidth") == "60" and subject.get("size-unit") == "char"
    codes = [x.get("equiv-text") for x in subject.find("x:source", NS)]
    assert "{{ amount_due|money(currency) }}" in codes
    assert {f.get("original") for f in tree.iterfind(".//x:file", NS)} == {
        "templates/invoice_ready"}
    sms = tree.find(".//x:trans-unit[@id='invoice_ready:sms.body']", NS)
    assert "SMS" in sms.find("x:note", NS).text
    bold = tree.find(".//x:trans-unit[@id='invoice_ready:email.body.text4']/x:source/x:g", NS)
    assert bold.get("ctype") == "bold"


def test_status_and_bad_files_are_one_line(tmp_path: Path, cli) -> None:
    result = cli("translate", "status", demo_project_dir(), "--format", "json")
    rows = __import__("json").loads(result.out)
    assert {(r["locale"], r["template"]) for r in rows} >= {("he", "invoice_ready"),
                                                          ("ar", "login_code")}
    bad = tmp_path / "bad.xlf"
    bad.write_text("<xliff version='1.2'><file")
    result = cli("translate", "import", demo_project_dir(), bad)
    assert result.code != 0 and "not readable XML" in result.err
    assert len(result.err.strip().splitlines()) <= 2


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_plural_forms_travel_in_the_target_languages_forms(tmp_path: Path, demo: Path, cli,
                                                          fmt: str) -> None:
    out = tmp_path / f"ar.{fmt}"
    assert cli("translate", "export", demo, "--locale", "ar", "--format", fmt, "--out",
               out).code == 0
    uid = "delivery_update:email.body.text2#plural1"
    if fmt == "xliff":
        tree = etree.parse(str(out))
        group = tree.find(f".//x:group[@id='{uid}']", NS)
        forms = [tu.get("id").rpartition("[")[2][:-1]
                 for tu in group.iterfind("x:trans-unit", NS)]
        assert forms == ["zero", "one", "two", "few", "many", "other"]
        few = group.find("x:trans-unit[@id='" + uid + "[few]']/x:target", NS)
        assert few[0].get("equiv-text") == "{n}" and few[0].tail == " قطع"
        few[0].tail = " قطع صغيرة"
        tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    else:
        assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(out)]).returncode == 0
        po = polib.pofile(str(out))
        assert "nplurals=6" in po.metadata["Plural-Forms"]
        entry = next(e for e in po if e.msgctxt.startswith(uid + "@"))
        assert (entry.msgid, entry.msgid_plural) == ("{n} item", "{n} items")
        assert len(entry.msgstr_plural) == 6 and entry.msgstr_plural[3] == "{n} قطع"
        entry.msgstr_plural[3] = "{n} قطع صغيرة"
        po.save(str(out))
    mjml = demo / "templates/delivery_update/ar/email.mjml"
    before = mjml.read_text(encoding="utf-8")
    result = cli("translate", "import", demo, out)
    assert result.code == 0, result.out
    assert result.out.strip().splitlines()[-1].startswith("ar: 1 imported")
    after = mjml.read_text(encoding="utf-8")
    assert after == before.replace('few="{n} قطع"', 'few="{n} قطع صغيرة"')
    email = Project.load(demo)
    from app.core.render import Renderer
    text = Renderer(email).render("delivery_update", "ar", "email",
                                  dict(email.samples["omar_ar"].data, item_count=4)).text
    assert "(4 قطع صغيرة)" in text
