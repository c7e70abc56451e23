"""The words of the issue's subscription_renewal template, in en, he and ar, by block.

Used by the CLI test (written into the files) and the studio's acceptance test (typed
into the wizard, the forms and the Copy view). Keys name the placeholder they replace.
Every placeholder is written as the Copy view inserts it for the declared variable
(app.core.copy.placeholder_for), so the studio test can insert it without typing code.
"""

from __future__ import annotations

VARIABLES = [  # (name, type, required, currency)
    ("amount", "money", True, "currency"),
    ("currency", "string", True, None),
    ("renewal_date", "date", True, None),
    ("manage_url", "url", True, None),
]

SAMPLE_VALUES = {"amount": "49.90", "renewal_date": "2026-12-15",
                 "manage_url": "https://northwind.example/account/subscription"}

MANAGE_URL = "{{ manage_url }}"
WHATSAPP_URL = "https://northwind.example/account/subscription"

COPY = {
    "en": {
        "the subject": "Your subscription renews on {{ renewal_date|date }}",
        "the preheader, the line shown after the subject":
            "{{ amount|money(currency) }} will be charged. Change or cancel any time before.",
        "the greeting": "Hello,",
        "what this message is about":
            "Your Northwind subscription renews on {{ renewal_date|date }}, and we "
            "will charge {{ amount|money(currency) }} to your saved payment method.",
        "the button label": "Manage subscription",
        "what happens next, and how to reach a person":
            "Nothing else to do if you want to keep it. Questions? Reply to this email and "
            "a person from our team will answer.",
        "the SMS text":
            "Northwind: your subscription renews on {{ renewal_date|date }} for "
            "{{ amount|money(currency) }}. Manage it: {{ manage_url }} Questions? Reply to "
            "this text.",
        "the header": "Subscription renewal",
        "the message":
            "Hello, your Northwind subscription renews on "
            "{{ renewal_date|date }} for {{ amount|money(currency) }}.\n\nQuestions? "
            "Reply here and a person from our team will help.",
        "the footer": "Northwind Telecom",
        "whatsapp button": "Manage subscription",
    },
    "he": {
        "the subject": "המנוי שלך מתחדש ב-{{ renewal_date|date }}",
        "the preheader, the line shown after the subject":
            "יחויב סכום של {{ amount|money(currency) }}. אפשר לשנות או לבטל בכל עת לפני כן.",
        "the greeting": "שלום,",
        "what this message is about":
            "המנוי שלך ב-Northwind מתחדש ב-{{ renewal_date|date }}, ונחייב "
            "{{ amount|money(currency) }} באמצעי התשלום השמור שלך.",
        "the button label": "ניהול המנוי",
        "what happens next, and how to reach a person":
            "אם ברצונך להמשיך, אין צורך לעשות דבר. יש שאלות? אפשר להשיב למייל הזה ונציג "
            "מהצוות שלנו יענה.",
        "the SMS text":
            "Northwind: המנוי שלך מתחדש ב-{{ renewal_date|date }} בסך "
            "{{ amount|money(currency) }}. לניהול: {{ manage_url }} שאלות? השיבו כאן.",
        "the header": "חידוש המנוי",
        "the message":
            "שלום, המנוי שלך ב-Northwind מתחדש ב-"
            "{{ renewal_date|date }} בסך {{ amount|money(currency) }}.\n\nיש שאלות? "
            "אפשר להשיב כאן ונציג מהצוות שלנו יעזור.",
        "the footer": "Northwind תקשורת",
        "whatsapp button": "ניהול המנוי",
    },
    "ar": {
        "the subject": "يتجدد اشتراكك في {{ renewal_date|date }}",
        "the preheader, the line shown after the subject":
            "سيتم خصم {{ amount|money(currency) }}. يمكنك التغيير أو الإلغاء في أي وقت قبل ذلك.",
        "the greeting": "مرحبًا،",
        "what this message is about":
            "يتجدد اشتراكك في Northwind في {{ renewal_date|date }}، وسنخصم "
            "{{ amount|money(currency) }} من وسيلة الدفع المحفوظة لديك.",
        "the button label": "إدارة الاشتراك",
        "what happens next, and how to reach a person":
            "لا داعي لفعل أي شيء إذا أردت الاستمرار. هل لديك أسئلة؟ رد على هذه الرسالة "
            "وسيجيبك أحد أفراد فريقنا.",
        "the SMS text":
            "Northwind: يتجدد اشتراكك في {{ renewal_date|date }} بمبلغ "
            "{{ amount|money(currency) }}. للإدارة: {{ manage_url }} أسئلة؟ رد هنا.",
        "the header": "تجديد الاشتراك",
        "the message":
            "مرحبًا، يتجدد اشتراكك في Northwind في "
            "{{ renewal_date|date }} بمبلغ {{ amount|money(currency) }}.\n\nهل لديك "
            "أسئلة؟ رد هنا وسيساعدك أحد أفراد فريقنا.",
        "the footer": "Northwind للاتصالات",
        "whatsapp button": "إدارة الاشتراك",
    },
}
