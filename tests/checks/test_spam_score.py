"""spam-score with the real SpamAssassin (``spamassassin -L -t``), and the demo's goldens."""

from __future__ import annotations

import email
import os
from email import policy as email_policy
from pathlib import Path

import pytest

from app.core import spamassassin
from app.core.export import export_project
from app.core.export.exporter import export_time
from app.core.project import Project

from .helpers import edit, findings, policy

needs_sa = pytest.mark.skipif(spamassassin.executable() is None,
                              reason="SpamAssassin is not installed (scripts/system-deps.sh)")
HIDDEN_TEXT = {"HTML_FONT_LOW_CONTRAST", "LONG_INVISIBLE_TEXT", "LONGLN_LOW_CONTRAST",
               "NORDNS_LOW_CONTRAST", "HTML_FONT_TINY_NORDNS", "HTML_ENTITY_ASCII_TINY",
               "TVD_VIS_HIDDEN"}


@pytest.fixture(autouse=True)
def _fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every test scores with SpamAssassin itself, not with a score cached by an earlier run.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(spamassassin, "_MEMORY", {})


@needs_sa
def test_demo_goldens_score_below_one_without_hidden_text(demo: Path) -> None:
    result = export_project(Project.load(demo), None, allow_warnings=True,
                            moment=export_time("2026-11-29T09:00:00Z"))
    paths = sorted(p for p in result.files if p.endswith(".eml"))
    assert len(paths) >= 30
    reports = spamassassin.score_messages([result.files[p] for p in paths])
    for path, report in zip(paths, reports, strict=True):
        assert report is not None, path
        assert report.score < 1.0, (path, report)
        assert not HIDDEN_TEXT & {h.rule for h in report.hits}, (path, report)
        message = email.message_from_bytes(result.files[path], policy=email_policy.default)
        for header in ("Date", "Message-ID", "From", "Reply-To", "To", "MIME-Version",
                       "Content-Language"):
            assert message[header], (path, header)
        assert message["Message-ID"].endswith("@northwind.example>")
        assert message.get_content_type() == "multipart/alternative"
        kinds = [p.get_content_type() for p in message.iter_parts()]
        assert kinds == ["text/plain", "text/html"]
        assert "List-Unsubscribe" not in message  # the demo's templates are operational


@needs_sa
def test_hebrew_subject_caps_is_explained_not_blamed(demo: Path) -> None:
    found = findings(demo, "spam-score", templates=["invoice_ready"], channels=["email"],
                     locales=["he", "en"])
    he = [f for f in found if f.locale == "he"]
    total = [f for f in he if f.message.startswith("Spam score")]
    assert len(total) == 1 and total[0].message.startswith("Spam score 0.5")
    assert total[0].severity == "info"
    caps = [f for f in he if "capitals" in f.message]
    assert len(caps) == 1
    assert "no lower case" in caps[0].message and "false alarm" in caps[0].message
    assert "nothing to change" in caps[0].hint
    en = [f for f in found if f.locale == "en"]
    assert [f.message for f in en] == ["Spam score 0.0 (SpamAssassin, offline; 5 is spam)"]


@needs_sa
def test_hidden_text_is_explained_with_a_fix_and_thresholds_come_from_policy(
        demo: Path) -> None:
    edit(demo, "templates/invoice_ready/en/email.mjml",
         "{% endblock %}",
         '<mj-text color="#fefefe">Best offer best price click now limited time</mj-text>\n'
         "{% endblock %}")
    policy(demo, "[rules.spam-score]\nwarn_at = 0.5\nerror_at = 3.0\n")
    found = findings(demo, "spam-score", templates=["invoice_ready"], channels=["email"],
                     locales=["en"])
    low = [f for f in found if "coloured almost like its background" in f.message]
    assert len(low) == 1 and "+0.7 points" in low[0].message
    assert "colour that stands out" in low[0].hint
    total = next(f for f in found if f.message.startswith("Spam score"))
    assert total.severity == "warning"  # 0.7 or more, above warn_at = 0.5


def test_without_spamassassin_one_info_says_how_to_install(
        demo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "no-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    found = findings(demo, "spam-score")
    assert len(found) == 1
    assert found[0].severity == "info"
    assert "apt-get install spamassassin" in found[0].message
    assert os.environ["PATH"] == str(empty)


def test_report_parsing_reads_multiline_descriptions() -> None:
    text = ("Content analysis details:   (3.3 points, 5.0 required)\n\n"
            " pts rule name              description\n"
            "---- ---------------------- --------------------------------------------------\n"
            " 0.7 HTML_FONT_LOW_CONTRAST BODY: HTML font color similar or identical to\n"
            "                            background\n"
            " 2.4 REPLYTO_WITHOUT_TO_CC  No description available.\n\n")
    report = spamassassin.parse_report(text)
    assert report is not None and report.score == 3.3
    assert report.hits[0].description.endswith("identical to background")
    assert [h.rule for h in report.hits] == ["HTML_FONT_LOW_CONTRAST", "REPLYTO_WITHOUT_TO_CC"]
