"""The translators' round trip: XLIFF 1.2 and PO out and in, and translation status.

    units = collect(project, "he")                  # every block, source beside target
    write_xliff(units, "en", "he") / write_po(units, name, "en", "he")
    report = import_translations(project, Path("he.xlf"))
    status(project)                                 # per locale and template: counts

Placeholders and Jinja logic are protected codes; a unit whose codes differ from the
source, or whose source changed since export, is refused alone (see ``importer``).
"""

from __future__ import annotations

from .importer import ImportReport, import_translations
from .plural import PluralUnit, plural_units
from .po import write_po
from .state import baseline
from .status import status
from .units import STATES, Unit, collect
from .xliff import write_xliff

__all__ = ["STATES", "ImportReport", "PluralUnit", "Unit", "baseline", "collect",
           "import_translations", "plural_units", "status", "write_po", "write_xliff"]
