"""What SpamAssassin's rules mean, in a copywriter's words, and what to do about each.

Each entry is (what happened, how to fix it); ``{points}`` is the rule's score. Rules not
listed here get the generic sentence with SpamAssassin's own description.
"""

from __future__ import annotations

from ..registry import N_

EXPLAINED: dict[str, tuple[str, str]] = {
    "SUBJ_ALL_CAPS": (
        N_("Spam filters think the subject is written in capitals (+{points} points)"),
        N_("write the subject in normal sentence case")),
    "MISSING_HEADERS": (
        N_("The message has no 'To' line, as mass mailings often do (+{points} points)"),
        N_("the sending system must put the customer's address in 'To' "
           "(the studio's test messages do)")),
    "REPLYTO_WITHOUT_TO_CC": (
        N_("The message has a reply address but nobody in 'To' or 'Cc' (+{points} points)"),
        N_("the sending system must put the customer's address in 'To'")),
    "MISSING_DATE": (
        N_("The message has no date (+{points} points)"),
        N_("the sending system must add a 'Date' line when it sends")),
    "MISSING_MID": (
        N_("The message has no Message-ID (+{points} points)"),
        N_("the sending system must add a 'Message-ID' on your own domain")),
    "HTML_FONT_LOW_CONTRAST": (
        N_("Some text is coloured almost like its background, a trick spammers use to hide "
           "words (+{points} points)"),
        N_("give all text a colour that stands out from its background; don't hide text "
           "by colouring it")),
    "MPART_ALT_DIFF": (
        N_("The plain-text version says something different from the designed version "
           "(+{points} points)"),
        N_("let the studio derive the plain text from the email, or make both say the "
           "same")),
    "MPART_ALT_DIFF_COUNT": (
        N_("The plain-text version has far fewer words than the designed version "
           "(+{points} points)"),
        N_("let the studio derive the plain text from the email, or make both say the "
           "same")),
    "MIME_HTML_ONLY": (
        N_("The message has no plain-text version (+{points} points)"),
        N_("send the plain-text part too (the studio's messages always include it)")),
    "EMPTY_MESSAGE": (
        N_("The message has almost no text (+{points} points)"),
        N_("write the message in words, not only in pictures")),
    "HTML_IMAGE_ONLY_04": (
        N_("The email is mostly pictures with very little text (+{points} points)"),
        N_("write the key facts as text; use pictures only to support them")),
    "HTML_IMAGE_ONLY_08": (
        N_("The email is mostly pictures with very little text (+{points} points)"),
        N_("write the key facts as text; use pictures only to support them")),
    "HTML_IMAGE_ONLY_12": (
        N_("The email is mostly pictures with very little text (+{points} points)"),
        N_("write the key facts as text; use pictures only to support them")),
    "HTML_IMAGE_ONLY_16": (
        N_("The email is mostly pictures with very little text (+{points} points)"),
        N_("write the key facts as text; use pictures only to support them")),
    "HTML_IMAGE_ONLY_20": (
        N_("The email is mostly pictures with very little text (+{points} points)"),
        N_("write the key facts as text; use pictures only to support them")),
    "HTML_IMAGE_ONLY_24": (
        N_("The email is mostly pictures with very little text (+{points} points)"),
        N_("write the key facts as text; use pictures only to support them")),
    "HTML_IMAGE_ONLY_28": (
        N_("The email is mostly pictures with very little text (+{points} points)"),
        N_("write the key facts as text; use pictures only to support them")),
    "HTML_SHORT_LINK_IMG_1": (
        N_("A short email whose link is a picture (+{points} points)"),
        N_("add a sentence of text and a text link or button")),
    "HTML_FONT_SIZE_HUGE": (
        N_("Some text is huge, as in shouting adverts (+{points} points)"),
        N_("keep headings at a normal size (up to about 32px)")),
    "UPPERCASE_50_75": (
        N_("Half the text is in capitals (+{points} points)"),
        N_("write in sentence case; keep capitals for names and codes")),
    "UPPERCASE_75_100": (
        N_("Nearly all the text is in capitals (+{points} points)"),
        N_("write in sentence case; keep capitals for names and codes")),
    "FREEMAIL_FROM": (
        N_("The sender is a free webmail address (+{points} points)"),
        N_("send from an address on your own domain")),
    "DEAR_SOMETHING": (
        N_("The greeting 'Dear …' without a name is typical of spam (+{points} points)"),
        N_("greet the customer by name, or just say 'Hello'")),
    "LOTS_OF_MONEY": (
        N_("The text talks about large sums of money, as scams do (+{points} points)"),
        N_("state amounts plainly and only where needed")),
}
GENERIC = (N_("SpamAssassin rule {rule} added {points} points: {description}"),
           N_("change the wording or markup this rule points at, then check again"))
RTL_CAPS = N_("Spam filters count this subject as written in capitals (+{points} points), "
              "because Hebrew and Arabic letters have no lower case; a known false "
              "alarm for right-to-left subjects")
RTL_CAPS_HINT = N_("nothing to change in the subject; the points are counted in the total")
