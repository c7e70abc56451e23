"""The studio's settings: one typed schema with defaults, one QSettings adapter.

Nothing else reads QSettings by key; widgets get a :class:`StudioSettings` and hand a
changed copy back to :class:`SettingsStore.save`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from ..core.devices import DEFAULT_DEVICE, DEVICES


@dataclass
class StudioSettings:
    """Everything the studio remembers between sessions."""

    ui_language: str = ""          # "" follows the system's language
    reviewer_name: str = ""        # used when approving and commenting
    signing_key: str = ""          # SSH private key that signs approvals (ssh-keygen -Y)
    last_project: str = ""
    device: str = DEFAULT_DEVICE   # a key of app.core.devices.DEVICES
    dark: bool = False             # prefers-color-scheme: dark
    forced_dark: bool = False      # a mail app's forced dark mode
    images_off: bool = False
    side_by_side: bool = False
    geometry: bytes = b""
    window_state: bytes = b""
    state_direction: str = ""      # "ltr" or "rtl": a mirrored window keeps its own layout
    splitter_state: bytes = b""
    send_test_to: str = ""         # File → Send test…: never the password
    send_test_server: str = ""
    send_test_security: str = "starttls"
    send_test_user: str = ""


class SettingsStore:
    """Reads and writes :class:`StudioSettings` with QSettings (an ini file if given)."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self._qsettings = QSettings("Missive", "Missive Studio")
        else:
            self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def load(self) -> StudioSettings:
        """The stored settings; missing or malformed values get their defaults."""
        result = StudioSettings()
        for spec in fields(StudioSettings):
            raw = self._qsettings.value(spec.name)
            if raw is None:
                continue
            default = getattr(result, spec.name)
            try:
                value = _convert(raw, default)
            except (TypeError, ValueError):
                continue
            setattr(result, spec.name, value)
        if result.device not in DEVICES:
            result.device = DEFAULT_DEVICE
        return result

    def save(self, settings: StudioSettings) -> None:
        """Store every field and write to disk now."""
        for spec in fields(StudioSettings):
            value = getattr(settings, spec.name)
            if isinstance(value, bytes):
                value = QByteArray(value)
            self._qsettings.setValue(spec.name, value)
        self._qsettings.sync()


def _convert(raw: object, default: object) -> object:
    if isinstance(default, bool):
        if isinstance(raw, str):
            return raw.lower() in ("1", "true", "yes")
        return bool(raw)
    if isinstance(default, bytes):
        if isinstance(raw, QByteArray):
            return bytes(raw.data())
        if isinstance(raw, bytes | bytearray):
            return bytes(raw)
        raise TypeError(raw)
    return str(raw)
