"""The preview devices: one table that the studio's pickers, the review grid, the proof
and the command line's ``--device`` choices all read. Adding a device is one row here.

A device is the width a mail app gives the email (CSS pixels, so the email's media
queries apply as on that screen) plus how the studio draws it: the frame around the live
preview and the size of a review-grid thumbnail. The label is marked for the studio's
catalogs; the studio shows it with the width (``"Phone (375 px)"``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .message_text import N_


@dataclass(frozen=True)
class Device:
    """A preview device preset."""

    key: str                      # the name in settings and on the command line
    label: str                    # N_()-marked: translated when shown
    width: int                    # the email's viewport, CSS px
    bezel: int = 2                # the frame around the live preview, px
    top_bezel: int = 0            # the frame's top edge if thicker (a phone's speaker)
    radius: int = 4               # the frame's corner radius, px
    frame_color: str = "#afb8c1"  # the frame's colour
    thumbnail: tuple[int, int] = (176, 224)  # a review-grid cell's picture, px
    in_proof: bool = False        # shown in the proof unless --device picks one

    @property
    def frame_top(self) -> int:
        """The frame's top edge (the bezel unless the device has a thicker top)."""
        return self.top_bezel or self.bezel


# Desktop is 640 px, the email's own width with a margin, not a whole window: it is
# above MJML's 480 px and the usual 600 px breakpoints (so the desktop layout shows),
# prints at 100 % on an A4 proof page (714 CSS px; 800 px would print a 12 px footer
# below 8 pt) and fits the studio's preview column without zooming out.
DEVICES: dict[str, Device] = {device.key: device for device in (
    Device("phone", N_("Phone"), 375, bezel=10, top_bezel=20, radius=28,
           frame_color="#1f2328", thumbnail=(176, 224), in_proof=True),
    Device("tablet", N_("Tablet"), 768, bezel=14, radius=18, frame_color="#1f2328",
           thumbnail=(236, 188)),
    Device("desktop", N_("Desktop"), 640, thumbnail=(256, 176), in_proof=True),
)}
DEFAULT_DEVICE = "phone"


def device(key: str | None) -> Device:
    """The device called ``key``; the default device for an unknown or empty key."""
    return DEVICES.get(key or "", DEVICES[DEFAULT_DEVICE])


def proof_devices() -> tuple[str, ...]:
    """The devices a proof shows when none is chosen."""
    return tuple(key for key, d in DEVICES.items() if d.in_proof)


__all__ = ["DEFAULT_DEVICE", "DEVICES", "Device", "device", "proof_devices"]
