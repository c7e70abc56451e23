"""WhatsApp: Meta's template rules, checked before the template is submitted or sent.

Source: ../shared/reference/whatsapp-rules.md, which summarises Meta's pages with their
tags: [M-OV] template fundamentals, [M-CMP] components, [M-REV] template review,
[M-CAT] categorization, [M-AUTH] authentication templates, [M-ERR] error codes, [TW]
Twilio's Content API. Each check's docstring names the section it enforces.

What Meta stores is the template form (``message.template``: ``{{1}}``, ``{{2}}``… in
place of our expressions), the same for every sample, so structural findings are reported
once; what the sending system sends are the parameter values, which differ per sample, so
value findings name the sample.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from ....kernel.bidi import strip_markers
from ....kernel.channels.whatsapp import SPEC
from ....kernel.whatsapp_params import SLOT, placeholders, strip_comments
from ...tomlfile import find_key_line
from ..model import Issue, Message, msg
from ..registry import N_, rule
from ..scopes import VariantScope
from .rendering import WHATSAPP_LOGIC

NAME = re.compile(r"^[a-z0-9_]{1,512}$")
HEADER_MAX, BODY_MAX, FOOTER_MAX, LABEL_MAX = (SPEC.limits[k] for k in ("header", "body",
                                                                   "footer", "button"))
URL_MAX, PHONE_MAX = 2000, 20
BUTTONS_MAX = 10
PER_TYPE_MAX = {"quick_reply": 10, "url": 2, "phone": 1, "copy_code": 1}
TYPE_NAMES = {"quick_reply": "quick-reply", "url": "URL", "phone": "phone",
              "copy_code": "copy-code"}
AUTH_PARAM_MAX = 15
EXPIRY_MINUTES = (1, 90)
_INVISIBLE = "\u200e\u200f\u061c"
_FORMATTING = "*_~` \n\t"


# --- where things are in whatsapp.toml -----------------------------------------------------

def _file(scope: VariantScope) -> tuple[str, str]:
    path = next(iter(scope.files), "")
    return path, scope.files.get(path, "")


def _button_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), 1)
            if line.strip().startswith("[[buttons]]")]


def field_at(scope: VariantScope, key: str, needle: str = "", button: int = -1
             ) -> dict[str, Any]:
    """Where ``needle`` is written in field ``key`` (or in button ``button``) of the
    variant's whatsapp.toml; the field's own line when the needle isn't found."""
    path, text = _file(scope)
    if button >= 0:
        lines = _button_lines(text)
        line = lines[button] if button < len(lines) else 0
        if key != "buttons":
            sub = find_key_line("\n".join(text.splitlines()[line:]), (key,)) if line else 0
            line = line + sub if sub else line
    else:
        line = find_key_line(text, (key,))
    if not line:
        return {"path": path, "line": 0, "column": 0}
    start = sum(len(x) + 1 for x in text.splitlines()[:line - 1])
    index = text.find(needle, start) if needle else -1
    if index < 0:
        return {"path": path, "line": line, "column": 1}
    return {"path": path, "line": text.count("\n", 0, index) + 1,
            "column": index - (text.rfind("\n", 0, index) + 1) + 1}


def source_fields(scope: VariantScope) -> dict[str, Any]:
    """whatsapp.toml as written (comments in placeholders removed); {} if unreadable."""
    _, text = _file(scope)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return {}
    out: dict[str, Any] = {}
    for key in ("header", "body", "footer"):
        value = data.get(key, "")
        out[key] = strip_comments(value) if isinstance(value, str) else ""
    buttons = data.get("buttons", [])
    out["buttons"] = [b for b in buttons if isinstance(b, dict)] if isinstance(
        buttons, list) else []
    return out


def _component_source(fields: dict[str, Any], component: str) -> tuple[str, int]:
    """The source text of a parameter's component, and the button index (-1 if none)."""
    if component.startswith("button:"):
        index = int(component.split(":", 1)[1])
        buttons = fields.get("buttons", [])
        url = buttons[index].get("url", "") if index < len(buttons) else ""
        return str(url), index
    return str(fields.get(component, "")), -1


def param_at(scope: VariantScope, fields: dict[str, Any], component: str,
             position: int) -> dict[str, Any]:
    """Where the ``position``-th placeholder of ``component`` is written."""
    text, button = _component_source(fields, component)
    holders = placeholders(text)
    needle = text[holders[position - 1].start:holders[position - 1].end] \
        if 0 < position <= len(holders) else ""
    key = "url" if button >= 0 else component
    return field_at(scope, key, needle, button)


def _visible(text: str) -> str:
    return strip_markers(text).translate({ord(c): None for c in _INVISIBLE})


def _length(text: str) -> tuple[int, int]:
    """Characters as code points, and as UTF-16 units (emoji count twice)."""
    return len(text), len(text.encode("utf-16-le")) // 2


def _label(component: str) -> str:
    return component.capitalize()


def _count(value: int) -> str:
    return f"{value:,}"


def _length_issues(scope: VariantScope, component: str, template_text: str,
                   rendered: dict[str, str], limit: int) -> Iterator[Issue]:
    """The template form over the limit (once), else the longest sample's text."""
    where = field_at(scope, component)
    chars, units = _length(template_text)
    if chars > limit:
        yield Issue(msg("{component} is {length} characters; Meta allows {most}",
                        component=_label(component), length=_count(chars),
                        most=_count(limit)), **where)
        return
    if units > limit:
        yield Issue(msg("{component} is {length} UTF-16 units (emoji count twice); Meta "
                        "allows {most} characters and may count units",
                        component=_label(component), length=_count(units),
                        most=_count(limit)),
                    severity="warning", **where)
        return
    if not rendered:
        return
    sample, text = max(rendered.items(), key=lambda item: _length(item[1]))
    chars, units = _length(text)
    if chars > limit:
        yield Issue(msg("{component} is {length} characters with sample {sample}'s values; "
                        "Meta allows {most}", component=_label(component),
                        length=_count(chars), sample=sample, most=_count(limit)),
                    sample=sample, **where)
    elif units > limit:
        yield Issue(msg("{component} is {length} UTF-16 units with sample {sample}'s values "
                        "(emoji count twice); Meta allows {most} characters and may count "
                        "units", component=_label(component), length=_count(units),
                        sample=sample, most=_count(limit)),
                    sample=sample, severity="warning", **where)


def _is_auth(scope: VariantScope) -> bool:
    return scope.template.category == "authentication"


# --- whatsapp-limits -----------------------------------------------------------------------

@rule("whatsapp-limits", "error",
      N_("Within Meta's limits for template names, lengths and buttons"),
      N_("shorten the text or change the buttons as the message says; Meta rejects the "
         "template otherwise"),
      channels=("whatsapp",),
      doc="""
**Violation:** a header of 72 characters ("Your Northwind invoice INV-2026-1042 for
November is ready to view and pay"), a footer with the customer's name in it, a button
labelled "Pay your November invoice now" (29 characters), three link buttons, or
"Call us" between two quick replies.
**Fix:** keep the header to 60 characters with at most one value in it ("Invoice
{{ invoice_number }}"), the body to 1,024, the footer to 60 characters of fixed text
("Northwind Telecom"), and button labels to 25 ("Pay now"). Use at most 10 buttons:
up to 2 link buttons (a value only at the very end of the link), one phone button, and
quick replies side by side (all before or all after the other buttons). The copy-code
button belongs to authentication (login code) templates only, and those take no other
button. In an authentication template the footer may say when the code expires
("This code expires in {{ code_minutes }} minutes."): Meta writes that line itself from
a fixed number of minutes, 1 to 90.
""")
def whatsapp_limits(scope: VariantScope) -> Iterator[Issue]:
    """whatsapp-rules.md §1 "Name" [M-OV]: ``^[a-z0-9_]{1,512}$``. §2 components
    [M-CMP]: text header ≤60 characters with at most 1 parameter; body required, ≤1024;
    footer ≤60 with no parameters (derived; BSP validators reject them); buttons: ≤10 in
    all, quick replies ≤10, URL ≤2, phone ≤1, copy code ≤1, labels ≤25, phone number ≤20,
    URL ≤2000 with one variable "appended to the end of the URL string"; quick replies
    form one contiguous group ("invalid combination" otherwise). §2 AUTHENTICATION
    [M-AUTH]: the only button is the OTP (copy code) button, and the footer is Meta's
    preset "This code expires in N minutes." from ``code_expiration_minutes`` (1–90,
    fixed at creation), so there one placeholder is accepted in the footer when every
    sample gives the same whole number 1–90. Lengths count code points of what the reader
    sees (direction isolates the renderer adds are left out) and warn when UTF-16 units
    would exceed (§6); filled-in text over a limit is refused at send time as well
    ([M-ERR] 132005, hydrated text too long)."""
    template_id = scope.template.id
    if not NAME.match(template_id):
        yield Issue(msg("Template name '{name}' is not a valid WhatsApp name "
                        "(lowercase letters, digits and underscores, at most 512)",
                        name=template_id[:40]),
                    path=scope.rel(scope.template.source_path))
    if not scope.ok:
        return
    message = scope.ok[0].message
    meta = message.template
    fields = source_fields(scope)
    auth = _is_auth(scope)

    def rendered(part: str) -> dict[str, str]:
        return {r.sample: _visible(getattr(r.message, part)) for r in scope.ok}

    # Header: one parameter, 60 characters.
    header_params = [p for p in message.parameters if p.component == "header"]
    if len(header_params) > 1:
        yield Issue(msg("Header has {count} parameters; Meta allows 1",
                        count=len(header_params)),
                    **param_at(scope, fields, "header", 2))
    if meta["header"]:
        yield from _length_issues(scope, "header", meta["header"], rendered("header"),
                                  HEADER_MAX)
    # Body: required, 1,024 characters.
    if not meta["body"].strip():
        yield Issue(msg("Body is empty; Meta requires one"), **field_at(scope, "body"))
    else:
        yield from _length_issues(scope, "body", meta["body"], rendered("body"), BODY_MAX)
    # Footer: 60 characters of fixed text (the expiry line in authentication templates).
    footer_params = [p for p in message.parameters if p.component == "footer"]
    if footer_params:
        yield from _footer_parameters(scope, fields, footer_params, auth)
    if meta["footer"]:
        yield from _length_issues(scope, "footer", meta["footer"], rendered("footer"),
                                  FOOTER_MAX)
    yield from _buttons(scope, message, auth)


def _footer_parameters(scope: VariantScope, fields: dict[str, Any], params: list[Any],
                       auth: bool) -> Iterator[Issue]:
    where = param_at(scope, fields, "footer", 1)
    if not auth or len(params) > 1:
        names = ", ".join(f"{{{{ {p.expression} }}}}" for p in params)
        yield Issue(msg("Footer has a parameter ({placeholders}); Meta's footer is fixed text",
                        placeholders=names),
                    **where,
                    hint=msg("move the value into the body; keep the footer the same for "
                             "everyone"))
        return
    values = {}
    for result in scope.ok:
        param = next(p for p in result.message.parameters if p.component == "footer")
        values[result.sample] = _visible(param.example).strip()
    low, high = EXPIRY_MINUTES
    for sample, value in values.items():
        if not value.isdigit() or not low <= int(value) <= high:
            yield Issue(msg("The code-expiry footer says '{value}' minutes with sample "
                            "{sample}; Meta's code_expiration_minutes is a whole number from "
                            "{low} to {high}", value=value, sample=sample, low=low, high=high),
                        sample=sample, **where)
            return
    if len(set(values.values())) > 1:
        shown = ", ".join(sorted(set(values.values()), key=int))
        yield Issue(msg("The code-expiry footer varies between samples ({minutes} minutes); "
                        "Meta fixes code_expiration_minutes when the template is created",
                        minutes=shown),
                    **where)


def _buttons(scope: VariantScope, message: Any, auth: bool) -> Iterator[Issue]:
    buttons = message.buttons
    if not buttons:
        return
    if len(buttons) > BUTTONS_MAX:
        yield Issue(msg("{count} buttons; Meta allows {most}", count=len(buttons),
                        most=BUTTONS_MAX),
                    **field_at(scope, "buttons", button=BUTTONS_MAX))
    kinds = [b.type for b in buttons]
    for kind, most in PER_TYPE_MAX.items():
        indexes = [i for i, k in enumerate(kinds) if k == kind]
        if len(indexes) > most:
            yield Issue(msg("{count} {kind} buttons; Meta allows {most}",
                            count=len(indexes), kind=TYPE_NAMES[kind], most=most),
                        **field_at(scope, "buttons", button=indexes[most]))
    groups = [k == "quick_reply" for k in kinds]
    changes = sum(a != b for a, b in pairwise(groups))
    if changes > 1:
        order = ", ".join(TYPE_NAMES[k] for k in kinds)
        split = next(i for i in range(1, len(groups)) if groups[i] != groups[i - 1])
        yield Issue(msg("Quick replies are split by other buttons ({order}); Meta wants them "
                        "side by side, before or after the others", order=order),
                    **field_at(scope, "buttons", button=split + 1))
    for index, button in enumerate(buttons):
        where = field_at(scope, "buttons", button=index)
        label = _visible(button.text)
        chars, _ = _length(label)
        if not label.strip():
            yield Issue(msg("Button {number} has no label", number=index + 1), **where)
        elif chars > LABEL_MAX:
            yield Issue(msg("Button label '{label}' is {length} characters; Meta allows "
                            "{most}", label=label, length=chars, most=LABEL_MAX),
                        **field_at(scope, "text", button.text, index))
        if button.type == "copy_code" and not auth:
            yield Issue(msg("Copy-code button '{label}' is for authentication templates "
                            "only; this one is {category}", label=label,
                            category=scope.template.category), **where)
        if auth and button.type != "copy_code":
            yield Issue(msg("Authentication templates take only the copy-code button, not a "
                            "{kind} button ('{label}')", kind=TYPE_NAMES[button.type],
                            label=label), **where)
        if button.type == "url":
            yield from _url_button(scope, index, button)
        if button.type == "phone":
            digits = button.phone.strip()
            if not digits:
                yield Issue(msg("Phone button '{label}' has no phone number", label=label),
                            **where)
            elif len(digits) > PHONE_MAX:
                yield Issue(msg("Phone button number '{number}' is {length} characters; "
                                "Meta allows {most}", number=digits, length=len(digits),
                                most=PHONE_MAX), **field_at(scope, "phone", digits, index))


def _url_button(scope: VariantScope, index: int, button: Any) -> Iterator[Issue]:
    url_template = button.url_template
    slots = list(SLOT.finditer(url_template))
    where = field_at(scope, "url", "{{", index)
    if len(slots) > 1:
        yield Issue(msg("Link button '{label}' has {count} values in its URL; Meta allows 1, "
                        "at the end", label=button.text, count=len(slots)), **where)
    elif slots and slots[0].end() != len(url_template.rstrip()):
        yield Issue(msg("Link button '{label}' has a value in the middle of its URL "
                        "({url}); Meta allows one only at the very end", label=button.text,
                        url=url_template), **where)
    if not url_template.strip():
        yield Issue(msg("Link button '{label}' has no URL", label=button.text),
                    **field_at(scope, "buttons", button=index))
    longest = max(scope.ok, key=lambda r: len(r.message.buttons[index].url)
                  if index < len(r.message.buttons) else 0)
    url = longest.message.buttons[index].url if index < len(longest.message.buttons) else ""
    if len(url) > URL_MAX:
        yield Issue(msg("Link button '{label}' URL is {length:,} characters with sample "
                        "{sample}'s values; Meta allows {most:,}", label=button.text,
                        length=len(url), sample=longest.sample, most=URL_MAX),
                    sample=longest.sample, **field_at(scope, "url", button=index))


# --- whatsapp-parameters -------------------------------------------------------------------

def _bare(text: str) -> str:
    """Text without WhatsApp formatting markers and whitespace at its ends."""
    return text.strip(_FORMATTING)


@rule("whatsapp-parameters", "error", N_("Placeholders and their values are ones Meta accepts"),
      N_("put words around each value, use {{ }} only, and make the sending system give "
         "single-line values"),
      channels=("whatsapp",),
      doc="""
**Violation:** a body that opens or closes with a value ("{{ first_name }}, your order
has shipped", "… your code is {{ code }}"), two values side by side ("{{ amount }}
{{ currency }}"), an `{% if %}` in a WhatsApp field, a value every sample leaves empty,
or a sample whose address has a line break in it, a tab, or five spaces in a row.
**Fix:** write words before the first value and after the last ("Hi {{ first_name }},
your order has shipped." / "Your code is {{ code }}. It expires in 10 minutes."), join
values with words ("{{ amount }} in {{ currency }}"), or format them in one placeholder
(`{{ amount|money(currency) }}`); give WhatsApp's text no logic (make a second template
instead); and have the sending system send values on one line. Authentication templates
are Meta's own text ("*{{ code }}* is your verification code."), which may start with
the code; their values are at most 15 characters.
""")
def whatsapp_parameters(scope: VariantScope) -> Iterator[Issue]:
    """whatsapp-rules.md §3 [M-REV] rule 5 ("cannot start or end with a parameter") and
    [TW] ("two variables appear adjacent"); trailing punctuation after a final parameter
    is a warning (derived: "no source says"). The doc format (project-format.md) forbids
    ``{% %}`` logic because Meta fills parameters by position (§1 parameter_format).
    §1 [M-OV][M-REV]: "Every parameter needs an example value". §4 send time: error
    132018 "Param text cannot have new-line/tab characters or more than 4 consecutive
    spaces", and [TW] 63013 refuses empty values. §2 [M-AUTH]: authentication parameters
    "are also restricted to 15 characters", and Meta's preset body starts with the code,
    so that start is not reported there. Formatting markers (``*_~```) around a
    placeholder don't count as words."""
    for result in scope.renders:
        error = result.error
        if error is not None and WHATSAPP_LOGIC in error.message:
            loc = error.location
            yield Issue(msg("WhatsApp text uses {% %} logic; Meta fills placeholders by "
                            "position and can't run it"), path=loc.path if loc else "",
                        line=loc.line if loc else 0, column=loc.column if loc else 0,
                        hint=error.hint)
            break
    if not scope.ok:
        if not scope.renders:
            yield Issue(msg("No sample gives the placeholders an example value; Meta needs "
                            "one for each"), **field_at(scope, "body"))
        return
    message = scope.ok[0].message
    fields = source_fields(scope)
    auth = _is_auth(scope)
    body = message.template["body"]
    slots = list(SLOT.finditer(body))
    if slots:
        before = body[:slots[0].start()]
        after = body[slots[-1].end():]
        if not _bare(before) and not auth:
            yield Issue(msg("Body starts with a placeholder; Meta rejects a template that "
                            "starts with a value"), **param_at(scope, fields, "body", 1))
        if not _bare(after):
            yield Issue(msg("Body ends with a placeholder; Meta rejects a template that ends "
                            "with a value"), **param_at(scope, fields, "body", len(slots)))
        elif not any(ch.isalnum() for ch in after):
            yield Issue(msg("Body ends with a placeholder and only '{text}' after it; "
                            "Meta may still see a value at the end", text=_bare(after)),
                        severity="warning",
                        **param_at(scope, fields, "body", len(slots)))
    for component in ("header", "body", "footer"):
        text = message.template[component]
        numbers = list(SLOT.finditer(text))
        for first, second in pairwise(numbers):
            if not text[first.end():second.start()].strip():
                exprs = [p.expression for p in message.parameters if p.component == component]
                pair = " and ".join(f"{{{{ {e} }}}}" for e in exprs[
                    numbers.index(first):numbers.index(first) + 2])
                yield Issue(msg("{component} has two placeholders side by side ({pair}); "
                                "Meta rejects adjacent values", component=_label(component),
                                pair=pair),
                            **param_at(scope, fields, component, numbers.index(second) + 1))
    yield from _values(scope, fields, auth)


def _values(scope: VariantScope, fields: dict[str, Any], auth: bool) -> Iterator[Issue]:
    keys = [(p.component, p.position, p.expression) for p in scope.ok[0].message.parameters]
    empty_everywhere: set[tuple[str, int]] = set()
    for component, position, expression in keys:
        values = [_visible(p.example) for r in scope.ok for p in r.message.parameters
                  if (p.component, p.position) == (component, position)]
        if not any(v.strip() for v in values):
            empty_everywhere.add((component, position))
            yield Issue(msg("{component} placeholder {{{{ {expression} }}}} has no "
                            "example value: every sample leaves it empty",
                            component=_where(component), expression=expression),
                        **param_at(scope, fields, component, position))
    for result in scope.ok:
        for param in result.message.parameters:
            if (param.component, param.position) in empty_everywhere:
                continue
            value = _visible(param.example)
            names = {"component": _where(param.component), "expression": param.expression,
                     "sample": result.sample}
            problem = _value_problem(value, names)
            if problem is None and auth and len(value) > AUTH_PARAM_MAX:
                problem = msg("{component} value of {{{{ {expression} }}}} is {length} "
                              "characters; authentication values may have {most} with sample "
                              "{sample}; Meta refuses it when sending", length=len(value),
                              most=AUTH_PARAM_MAX, **names)
            if problem is not None:
                yield Issue(problem, sample=result.sample,
                            **param_at(scope, fields, param.component, param.position))


def _where(component: str) -> str:
    if component.startswith("button:"):
        return f"Button {int(component.split(':')[1]) + 1} URL"
    return _label(component)


def _value_problem(value: str, names: dict[str, Any]) -> Message | None:
    """The finding for a value Meta refuses when sending, or None; ``names`` are the
    component, expression and sample the sentence names."""
    if not value.strip():
        return msg("{component} value of {{{{ {expression} }}}} is empty with sample "
                   "{sample}; Meta refuses it when sending", **names)
    if "\n" in value or "\r" in value:
        return msg("{component} value of {{{{ {expression} }}}} has a line break with sample "
                   "{sample}; Meta refuses it when sending", **names)
    if "\t" in value:
        return msg("{component} value of {{{{ {expression} }}}} has a tab with sample "
                   "{sample}; Meta refuses it when sending", **names)
    run = max((len(m.group(0)) for m in re.finditer(r" {5,}", value)), default=0)
    if run:
        return msg("{component} value of {{{{ {expression} }}}} has {spaces} spaces in a row "
                   "(4 at most) with sample {sample}; Meta refuses it when sending",
                   spaces=run, **names)
    return None
