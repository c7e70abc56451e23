"""The email preview's devices as the studio shows them: the table is the core's
(:mod:`app.core.devices`); here are the label in the interface's language and the zoom
that fits a device into the preview column."""

from __future__ import annotations

from ...core.devices import DEVICES, Device
from ..i18n import _


def device_label(device: Device) -> str:
    """``"Phone (375 px)"`` in the interface's language."""
    return _("{device} ({width} px)").format(device=_(device.label), width=device.width)


def fit_zoom(device: Device, available: int) -> float:
    """The zoom that fits the device (with its bezel) into ``available`` pixels (≤ 1)."""
    needed = device.width + 2 * device.bezel
    if available <= 0 or available >= needed:
        return 1.0
    return max(0.25, (available - 2 * device.bezel) / device.width)


__all__ = ["DEVICES", "Device", "device_label", "fit_zoom"]
