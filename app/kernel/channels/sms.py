"""The SMS channel: one text, its encoding and billed segments (GSM 03.38)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..bidi import strip_markers, tidy_urls, with_base_direction
from ..sms_segments import analyze
from .spec import N_, BundleView, ChannelSpec


@dataclass
class Sms:
    """A rendered SMS with its encoding (GSM-7 or UCS-2) and billed segments."""

    text: str
    encoding: str
    segments: int
    units: int
    part_units: list[int]
    sender: str
    channel: str = "sms"

    def to_dict(self) -> dict[str, Any]:
        """JSON form: text, encoding, segments, units, part_units, sender."""
        return {"text": self.text, "encoding": self.encoding, "segments": self.segments,
                "units": self.units, "part_units": list(self.part_units), "sender": self.sender}


def render(view: BundleView, files: Mapping[str, str], context: dict[str, Any]) -> Sms:
    """``sms.txt`` rendered, its surrounding whitespace dropped, its direction set."""
    rtl = bool(context["message"]["rtl"])
    text = view.render_file(files["sms"], context).strip()
    text = with_base_direction(tidy_urls(text, rtl), rtl)
    analysis = analyze(text)
    return Sms(text=text, encoding=analysis.encoding, segments=analysis.segments,
               units=analysis.units, part_units=list(analysis.part_units),
               sender=view.manifest["sender"].get("sms_sender", ""))


def as_text(d: Mapping[str, Any]) -> str:
    """The text, then how it travels."""
    return f"{d['text']}\n\n[{d['encoding']}, {d['segments']} segment(s), {d['units']} units]"


def gist(d: Mapping[str, Any]) -> str:
    """Its encoding, segments and first 60 characters."""
    return f"{d['encoding']} ×{d['segments']}  {strip_markers(d['text'])[:60]}"


SPEC = ChannelSpec(
    name="sms",
    label=N_("SMS"),
    files=("sms.txt",),
    message=Sms,
    bundle_files={"sms": "sms.txt"},
    main_role="sms",
    golden_fields=("text", "encoding", "segments", "units", "part_units"),
    output_fields=("text", "sender"),
    render=render,
    sender_field="sms_sender",
    as_text=as_text,
    gist=gist,
    by_default=True,
    plain_spaces=True,
)
