"""Device presets for the email preview: the width a mail app gives the email."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_


@dataclass(frozen=True)
class Device:
    """A preset: its key, label, CSS width in pixels, and bezel thickness."""

    key: str
    label: str
    width: int
    bezel: int


DEVICES: dict[str, Device] = {
    "phone": Device("phone", N_("Phone (375 px)"), 375, 10),
    "tablet": Device("tablet", N_("Tablet (768 px)"), 768, 14),
    "desktop": Device("desktop", N_("Desktop (800 px)"), 800, 2),
}


def fit_zoom(device: Device, available: int) -> float:
    """The zoom that fits the device (with its bezel) into ``available`` pixels (≤ 1)."""
    needed = device.width + 2 * device.bezel
    if available <= 0 or available >= needed:
        return 1.0
    return max(0.25, (available - 2 * device.bezel) / device.width)
