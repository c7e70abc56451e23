"""whatsapp-category: promotional wording in a utility or authentication template.

Sources: ../shared/reference/whatsapp-rules.md (section numbers in the docstring)."""


from __future__ import annotations

import re
from collections.abc import Iterator

from ....kernel.whatsapp_params import SLOT, positional
from ..model import Issue, msg
from ..registry import N_, rule
from ..scopes import VariantScope
from .whatsapp import field_at, source_fields

# ---------------------------------------------------------------------

PROMOTIONAL = {
    "en": ["sale", "discount", "discounts", "% off", "offer", "offers", "deals",
           "free gift", "buy now", "shop now", "limited time", "promo code", "coupon",
           "don't miss", "upgrade now", "special price"],
    "he": ["מבצע", "מבצעים", "הנחה", "הנחות", "מתנה", "קופון", "קנו עכשיו",
           "לזמן מוגבל", "במחיר מיוחד"],
    "ar": ["خصم", "خصومات", "عرض خاص", "عروض", "تخفيضات", "هدية", "كوبون",
           "اشتر الآن", "لفترة محدودة"],
}
# Prefixes written as one word with the next (Hebrew ו/ב/ה/ל…, Arabic و/ب/ال…).
_PREFIX = {"he": "[ובכלמשה]{0,3}", "ar": "(?:[وفبلك]?(?:ال)?)"}
CATEGORY_NAMES = {"operational": "UTILITY", "authentication": "AUTHENTICATION"}


def _word_pattern(word: str, language: str) -> re.Pattern[str]:
    left = r"(?<!\w)" + _PREFIX.get(language, "") if word[:1].isalnum() else ""
    right = r"(?!\w)" if word[-1:].isalnum() else ""
    return re.compile(left + re.escape(word) + right, re.I)


def _fixed_texts(scope: VariantScope) -> list[tuple[str, str, int]]:
    """(text, field, button index) of what Meta reviews: the fields with ``{{n}}`` in
    place of expressions, and the button labels."""
    fields = source_fields(scope)
    out = [(positional(fields.get(k, "")), k, -1) for k in ("header", "body", "footer")]
    for index, button in enumerate(fields.get("buttons", [])):
        out.append((str(button.get("text", "")), "text", index))
    return out


@rule("whatsapp-category", "warning", N_("Operational and login templates carry no promotion"),
      N_("take the promotion out, or make it a separate marketing template"),
      settings={"words": PROMOTIONAL},
      channels=("whatsapp",),
      doc="""
**Violation:** a payment receipt that ends "Enjoy 20% off your next top-up!", or a
delivery update with "Don't miss our winter sale" (in Hebrew "מבצע", "הנחה"; in Arabic
"خصم", "عروض"). Meta re-files such a utility or login-code template as marketing: it
costs more, needs the customer's marketing consent, and may not be delivered.
**Fix:** keep the message to the receipt or the delivery; send the offer as its own
marketing template to customers who agreed to receive them. The word lists per language
are in policy.toml (`[rules.whatsapp-category] words`).
""")
def whatsapp_category(scope: VariantScope) -> Iterator[Issue]:
    """whatsapp-rules.md §1 "Category" [M-OV][M-CAT]: "a template submitted as UTILITY
    that Meta judges promotional is approved as MARKETING"; mixed utility and marketing
    content counts as MARKETING; UTILITY must be non-promotional. Authentication
    templates are Meta's preset text [M-AUTH] and take no promotion either. The words
    are looked for in what Meta reviews (fields and button labels as written, values
    left out), per language, with Hebrew and Arabic prefixes attached."""
    category = CATEGORY_NAMES.get(scope.template.category)
    if category is None:
        return
    words = scope.settings["words"].get(scope.language, [])
    seen: set[str] = set()
    for text, key, button in _fixed_texts(scope):
        for word in words:
            match = _word_pattern(word, scope.language).search(text)
            if not match or word.casefold() in seen:
                continue
            seen.add(word.casefold())
            found = match.group(0)
            yield Issue(msg("'{word}' is promotional wording in a {category} template; "
                            "Meta files such templates as MARKETING", word=found,
                            category=category.lower()),
                        **field_at(scope, key, found if not SLOT.search(found) else "",
                                   button))
