"""The SMS channel: ``sms.txt`` rendered, then its encoding and segment count (GSM 03.38)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...kernel.bidi import tidy_urls, with_base_direction
from ...kernel.sms_segments import SmsAnalysis, analyze
from .base import RenderJob, StudioChannel


@dataclass
class SmsMessage:
    """A rendered SMS and how it will travel: encoding, segments, units."""

    text: str
    sender: str
    analysis: SmsAnalysis
    channel: str = "sms"

    @property
    def encoding(self) -> str:
        """"GSM-7" or "UCS-2"."""
        return self.analysis.encoding

    @property
    def segments(self) -> int:
        """How many messages the carrier bills."""
        return self.analysis.segments

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON form (docs/cli.md)."""
        return {
            "text": self.text,
            "encoding": self.analysis.encoding,
            "segments": self.analysis.segments,
            "units": self.analysis.units,
            "sender": self.sender,
            "part_units": list(self.analysis.part_units),
            "forcing_ucs2": [{"index": i, "char": c, "codepoint": f"U+{ord(c):04X}"}
                             for i, c in self.analysis.forcing_ucs2],
        }


class SmsChannel(StudioChannel):
    """Renders ``sms.txt``."""

    name = "sms"

    def render(self, job: RenderJob) -> SmsMessage:
        """Render the SMS for one data set; surrounding whitespace is not sent."""
        text = job.engine.render_file(job.name("sms.txt"), job.context).strip()
        rtl = job.context["message"]["rtl"]
        text = with_base_direction(tidy_urls(text, rtl), rtl)
        return SmsMessage(text=text, sender=job.config.sender.sms_sender, analysis=analyze(text))


CHANNEL = SmsChannel()
