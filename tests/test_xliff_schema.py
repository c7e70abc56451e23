"""Exported XLIFF validates against the shipped OASIS XLIFF 1.2 strict schema (real lxml
XMLSchema, no network), and a broken file is named as broken, line by line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from app.core.project import Project
from app.core.translate import collect, write_xliff
from app.core.translate.xliff import read_xliff
from app.core.translate.xliff_schema import schema_dir, validate_xliff, xliff_schema

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}

# A template with every kind of code: logic, placeholders, a plural, paired formatting
# (italic, link, a span) and a line break.
CART = {
    "template.toml": 'title = "Your cart"\ncategory = "operational"\nchannels = ["email"]\n'
                     '[variables.first_name]\ntype = "string"\nrequired = false\n'
                     '[variables.item_count]\ntype = "number"\n'
                     '[variables.cart_url]\ntype = "string"\n',
    "en/email.toml": 'subject = "{{ item_count|plural(one=\\"{n} item\\", other=\\"{n} items\\") }}'
                     ' waiting in your cart"\npreheader = "Saved for 7 days."\n',
    "en/email.mjml": '{% extends "layouts/base.mjml" %}\n{% block content %}\n'
                     '        <mj-text>{% if first_name %}Hi {{ first_name }},{% else %}Hello,'
                     '{% endif %}</mj-text>\n'
                     '        <mj-text>You left <em>{{ item_count|plural(one="{n} item", '
                     'other="{n} items") }}</em> in your <a href="{{ cart_url }}">cart</a>.'
                     '<br />They are <strong>saved</strong> for '
                     '<span style="color:#0b6">7 days</span>.</mj-text>\n{% endblock %}\n',
    "he/email.toml": 'subject = "{{ item_count|plural(one=\\"פריט אחד\\", two=\\"שני פריטים\\",'
                     ' other=\\"{n} פריטים\\") }} מחכים בעגלה"\npreheader = "שמורים 7 ימים."\n',
    "he/email.mjml": '{% extends "layouts/base.mjml" %}\n{% block content %}\n'
                     '        <mj-text>{% if first_name %}שלום {{ first_name }},{% else %}שלום,'
                     '{% endif %}</mj-text>\n'
                     '        <mj-text>השארת <em>{{ item_count|plural(one="פריט אחד", '
                     'two="שני פריטים", other="{n} פריטים") }}</em> '
                     '<a href="{{ cart_url }}">בעגלה</a>.<br />הם <strong>שמורים</strong> '
                     '<span style="color:#0b6">7 ימים</span>.</mj-text>\n{% endblock %}\n',
    "ar/email.toml": 'subject = "سلتك بانتظارك"\npreheader = "محفوظة لمدة 7 أيام."\n',
    "ar/email.mjml": '{% extends "layouts/base.mjml" %}\n{% block content %}\n'
                     '        <mj-text>{% if first_name %}مرحبًا {{ first_name }}،{% else %}'
                     'مرحبًا،{% endif %}</mj-text>\n'
                     '        <mj-text>تركت <em>{{ item_count|plural(zero="لا قطع", '
                     'one="قطعة واحدة", two="قطعتان", few="{n} قطع", many="{n} قطعة", '
                     'other="{n} قطعة") }}</em> في <a href="{{ cart_url }}">سلتك</a>.<br />'
                     'إنها <strong>محفوظة</strong> لمدة <span style="color:#0b6">7 أيام</span>.'
                     '</mj-text>\n{% endblock %}\n',
}


def _schema_problems(path: Path) -> list[str]:
    return validate_xliff(path.read_bytes())


def _export(cli, project: Path, locale: str, out: Path, *more: str) -> etree._ElementTree:
    result = cli("translate", "export", project, "--locale", locale, "--format", "xliff",
                 "--out", out, *more)
    assert result.code == 0, result.err
    return etree.parse(str(out))


def test_the_shipped_schema_is_the_strict_oasis_one() -> None:
    files = sorted(p.name for p in schema_dir().iterdir() if not p.name.startswith("."))
    assert files == ["README.md", "xliff-core-1.2-strict.xsd", "xml.xsd"]
    root = etree.parse(str(schema_dir() / "xliff-core-1.2-strict.xsd")).getroot()
    assert root.get("targetNamespace") == NS["x"]
    # It still imports xml.xsd by its http address: the resolver, not an edit, keeps
    # validation off the network.
    imports = root.findall("{http://www.w3.org/2001/XMLSchema}import")
    assert [i.get("schemaLocation") for i in imports] == ["http://www.w3.org/2001/xml.xsd"]
    assert isinstance(xliff_schema(), etree.XMLSchema)


@pytest.mark.parametrize("locale", ["he", "ar"])
def test_the_demo_exports_valid_xliff(demo: Path, tmp_path: Path, cli, locale: str) -> None:
    out = tmp_path / f"{locale}.xlf"
    tree = _export(cli, demo, locale, out)
    assert _schema_problems(out) == []
    # What made it worth validating is there: targets, codes, limits, plural groups.
    assert len(tree.findall(".//x:trans-unit/x:target", NS)) > 40
    assert tree.find(".//x:g[@ctype='bold']", NS) is not None
    assert tree.find(".//x:x[@equiv-text]", NS) is not None
    assert tree.find(".//x:trans-unit[@maxwidth][@size-unit='char']", NS) is not None
    assert tree.find(".//x:group[@restype='x-gettext-plurals']", NS) is not None
    assert tree.getroot().find("x:file", NS).get("target-language") == locale


def test_a_template_with_plurals_and_inline_codes_exports_valid_xliff(
        demo: Path, tmp_path: Path, cli) -> None:
    folder = demo / "templates" / "cart_reminder"
    for name, text in CART.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    for locale in ("he", "ar"):
        out = tmp_path / f"cart-{locale}.xlf"
        tree = _export(cli, demo, locale, out, "--template", "cart_reminder")
        assert _schema_problems(out) == [], locale
        ctypes = {g.get("ctype") for g in tree.iterfind(".//x:source//x:g", NS)}
        assert {"italic", "link", "bold", "x-span"} <= ctypes
        assert tree.find(".//x:source/x:x[@ctype='lb']", NS) is not None
        assert tree.find(".//x:source/x:x[@ctype='x-jinja-logic']", NS) is not None
        groups = tree.findall(".//x:group[@restype='x-gettext-plurals']", NS)
        forms = {"he": 3, "ar": 6}[locale]
        assert groups and all(len(g.findall("x:trans-unit", NS)) == forms for g in groups)


def test_an_underscore_locale_is_written_as_a_language_tag_and_read_back(
        demo: Path, tmp_path: Path, cli) -> None:
    config = demo / "missive.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'locales = ["en", "he", "ar"]', 'locales = ["en", "he", "ar", "en_GB"]'),
        encoding="utf-8")
    for template in (demo / "templates").iterdir():
        shutil.copytree(template / "en", template / "en_GB")
    shutil.copytree(demo / "partials" / "en", demo / "partials" / "en_GB")
    out = tmp_path / "en_GB.xlf"
    tree = _export(cli, demo, "en_GB", out, "--template", "login_code")
    assert tree.getroot().find("x:file", NS).get("target-language") == "en-GB"
    assert _schema_problems(out) == []
    target = tree.find(".//x:trans-unit[@id='login_code:sms.body']/x:target", NS)
    code = target[0]                              # the text follows the {{ code }} code
    assert code.tail.startswith(" is your Northwind login code")
    code.tail = code.tail.replace("login code", "sign-in code")
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    result = cli("translate", "import", demo, out)
    assert result.code == 0, result.out + result.err
    sms = (demo / "templates/login_code/en_GB/sms.txt").read_text(encoding="utf-8")
    assert "your Northwind sign-in code" in sms


def test_the_source_hash_travels_in_xliff_vocabulary(demo: Path) -> None:
    units = collect(Project.load(demo), "he")
    data = write_xliff(units, "en", "he")
    assert b"urn:missive-studio" not in data and validate_xliff(data) == []
    _, read = read_xliff(data, "he.xlf")
    hashes = {u.id: u.hash for u in read}
    assert all(hashes[u.id] == u.hash for u in units if u.source_text.strip())
    # A file exported before the hash moved (a mis:source-hash attribute) still reads.
    old = (b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" '
           b'xmlns:mis="urn:missive-studio:xliff" version="1.2"><file original="t" '
           b'datatype="plaintext" source-language="en" target-language="he"><body>'
           b'<trans-unit id="a:b" mis:source-hash="abc123"><source>Hi</source></trans-unit>'
           b'</body></file></xliff>')
    assert read_xliff(old, "old.xlf")[1][0].hash == "abc123"


BROKEN = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file original="templates/x" datatype="plaintext" source-language="en" target-language="he">
    <body>
      <trans-unit id="x:ok">
        <source>Fine</source>
        <target state="translated">בסדר</target>
      </trans-unit>
      <trans-unit>
        <source>No id</source>
      </trans-unit>
      <trans-unit id="x:late">
        <note>notes come after the target</note>
        <source>Late</source>
      </trans-unit>
      <trans-unit id="x:state">
        <source>Done</source>
        <target state="done">גמור</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_a_broken_file_is_invalid_with_each_problem_on_its_line() -> None:
    problems = validate_xliff(BROKEN.encode())
    assert problems, "a trans-unit without id must not validate"
    lines = {p.split(":", 1)[0] for p in problems}
    assert "line 9" in lines                              # the trans-unit without id
    assert any(p.startswith("line 9") and "'id' is required" in p for p in problems)
    assert "line 13" in lines                             # note before source
    assert any(p.startswith("line 18") and "'done'" in p for p in problems)  # bad state
    assert all("{urn:oasis" not in p for p in problems)


def test_undeclared_extension_attributes_and_bad_xml_are_refused() -> None:
    good = BROKEN.split("<trans-unit>")[0] + "</body></file></xliff>"
    assert validate_xliff(good.encode()) == []
    foreign = good.replace('<trans-unit id="x:ok">',
                           '<trans-unit id="x:ok" xmlns:m="urn:m" m:hash="1">')
    assert any("m}hash" in p or "hash" in p for p in validate_xliff(foreign.encode()))
    problems = validate_xliff(b"<xliff version='1.2'><file")
    assert len(problems) == 1 and problems[0].startswith("line 1: not well-formed XML")


def test_an_export_with_nothing_to_translate_is_still_valid(demo: Path, tmp_path: Path,
                                                            cli) -> None:
    out = tmp_path / "he-stale.xlf"
    tree = _export(cli, demo, "he", out, "--only", "stale")
    assert tree.find(".//x:trans-unit", NS) is None
    assert _schema_problems(out) == []
    assert tree.getroot().find("x:file", NS).get("target-language") == "he"
