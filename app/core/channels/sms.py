"""The SMS channel: ``sms.txt`` rendered, then its encoding and segment count (GSM 03.38)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...kernel.bidi import tidy_urls, with_base_direction
from ...kernel.channels.sms import Sms
from ...kernel.sms_segments import SmsAnalysis, analyze
from .base import RenderJob, StudioChannel


@dataclass
class SmsMessage(Sms):
    """The runtime's :class:`~app.kernel.channels.sms.Sms` as the studio renders it: the
    same message, plus its whole analysis (which characters force UCS-2) for the checks
    and the counters, and the studio's JSON form (docs/cli.md)."""

    analysis: SmsAnalysis = field(kw_only=True, repr=False, compare=False)

    @classmethod
    def of(cls, text: str, sender: str) -> SmsMessage:
        """The message for a rendered text, analysed once."""
        analysis = analyze(text)
        return cls(text=text, encoding=analysis.encoding, segments=analysis.segments,
                   units=analysis.units, part_units=list(analysis.part_units), sender=sender,
                   analysis=analysis)

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
        return SmsMessage.of(text, job.config.sender.sms_sender)


CHANNEL = SmsChannel()
