"""client-support on real renders, against the real vendored caniemail data file."""

from __future__ import annotations

import json
from pathlib import Path

from app.core.caniemail import DATA_PATH, DEFAULT_CLIENTS
from app.core.email_features import html_uses

from .helpers import edit, findings, policy

HE = {"templates": ["invoice_ready"], "channels": ["email"], "locales": ["he"]}
RAW = json.loads(DATA_PATH.read_text("utf-8"))
FEATURES = {f["slug"]: f for f in RAW["data"]}


def _names(client: str) -> str:
    family, platform = client.split(".")
    family_name = RAW["nicenames"]["family"][family]
    platform_name = RAW["nicenames"]["platform"][platform]
    return platform_name if family_name.split()[0].lower() in platform_name.lower() \
        else f"{family_name} {platform_name}"


def _expected(slug: str, clients: tuple[str, ...] = DEFAULT_CLIENTS) -> tuple[list, list]:
    """Straight from the JSON: the target clients whose latest tested version says n / a."""
    no, partly = [], []
    for client in clients:
        family, platform = client.split(".")
        versions = FEATURES[slug]["stats"].get(family, {}).get(platform)
        if not versions:
            continue
        latest = list(versions.values())[-1]
        if latest.startswith("n"):
            no.append(_names(client))
        elif latest.startswith("a"):
            partly.append(_names(client))
    return no, partly


OWN: frozenset[str] = frozenset()


def _clients_in(message: str) -> list[str]:
    head = message.split(" supported in ", 1)[1]
    head = head.split(": ", 1)[0] if "partly" in message else head.split(" (final", 1)[0]
    return head.split(", ")


def test_the_vendored_file_is_caniemail_with_its_licence() -> None:
    assert len(RAW["data"]) > 250 and RAW["api_version"]
    licence = (DATA_PATH.parent / "caniemail-LICENSE.txt").read_text("utf-8")
    assert licence.count("MIT License") == 2 and "HTeuMeuLeu" in licence
    source = (DATA_PATH.parent / "caniemail-SOURCE.md").read_text("utf-8")
    assert "caniemail` 2.0.2" in source


def test_demo_findings_match_caniemail_for_the_features_it_uses(demo: Path) -> None:
    found = findings(demo, "client-support", **HE)
    from app.core.checks.rules.client_support import mjml_own_features

    global OWN
    OWN = mjml_own_features(frozenset(FEATURES))
    checked = 0
    for slug in ("css-border-radius", "css-at-media-prefers-color-scheme", "html-dir",
                 "html-style", "css-important", "css-selector-child", "html-lang",
                 "html-target", "css-height", "css-white-space", "css-at-media"):
        title = FEATURES[slug]["title"]
        mine = [f for f in found if f.message.startswith(f"'{title}' ")]
        no, partly = _expected(slug)
        assert no or partly, slug  # the demo uses only features with something to say
        warning = [f for f in mine if f.severity == "warning"]
        info = [f for f in mine if f.severity == "info"]
        if slug in OWN:  # what MJML writes itself: only the author's own uses are named
            assert not info, slug
            if not warning:
                continue
        assert (_clients_in(warning[0].message) if warning else []) == no, slug
        if slug not in OWN:
            assert (_clients_in(info[0].message) if info else []) == partly, slug
        checked += 1
    assert checked >= 5
    dark = next(f for f in found if "prefers-color-scheme" in f.message)
    assert dark.path == "layouts/base.mjml" and dark.line == 17  # the @media line
    assert "Gmail Desktop Webmail" in dark.message and "final HTML line" in dark.message
    rtl = next(f for f in found if f.message.startswith("'dir attribute'"))
    assert "Outlook Windows" in rtl.message and "Buggy on anchor" in rtl.message


def test_policy_picks_the_clients_and_silences_features(demo: Path) -> None:
    policy(demo, '[rules.client-support]\nclients = ["apple-mail.ios", "gmail.mobile-webmail"]'
                 '\nignore = ["html-dir"]\n')
    edit(demo, "templates/invoice_ready/he/email.mjml", "{% endblock %}",
         '<mj-text><div style="direction:rtl;display:flex">x</div></mj-text>\n'
         "{% endblock %}")
    found = findings(demo, "client-support", **HE)
    dark = [f for f in found if "prefers-color-scheme" in f.message]
    assert [_clients_in(f.message) for f in dark] == [["Gmail Mobile Webmail"]]  # not Apple
    assert all(set(_clients_in(f.message)) <= {"Gmail Mobile Webmail", "Apple Mail iOS"}
               for f in found)
    assert not any(f.message.startswith("'dir attribute'") for f in found)  # silenced
    direction = [f for f in found if f.message.startswith("'direction'")]
    assert len(direction) == 1 and direction[0].severity == "info"
    assert "Gmail Mobile Webmail" in direction[0].message
    assert "entire email" in direction[0].message  # caniemail's note #1


def test_features_are_read_from_style_blocks_and_inline_styles_with_lines() -> None:
    html = ("<!doctype html>\n<html dir=\"rtl\">\n<head><style>\n.a > b { color: red; }\n"
            "@media (prefers-color-scheme: dark) { .a { display:flex !important; } }\n"
            "</style></head>\n<body>\n<!--[if mso]><table bgcolor=\"red\"></table><![endif]-->\n"
            "<div style=\"border-radius:4px; width: calc(100% - 2px)\">x</div>\n</body></html>")
    uses = {u.slug: html.count("\n", 0, u.offset) + 1 for u in html_uses(html, FEATURES)}
    assert uses["html-doctype"] == 1 and uses["html-dir"] == 2 and uses["html-style"] == 3
    assert uses["css-selector-child"] == 4
    assert uses["css-at-media-prefers-color-scheme"] == 5 and uses["css-display-flex"] == 5
    assert uses["css-important"] == 5
    assert uses["css-border-radius"] == 9 and uses["css-unit-calc"] == 9
    assert uses["css-unit-percent"] == 9
    assert "html-table" not in uses  # inside Outlook's conditional comment: on purpose
