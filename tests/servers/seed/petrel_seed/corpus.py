"""Words the generator builds messages from: sentences, names, subjects and file names per language.

Every language lists only characters its charsets can carry; corpus_errors() proves it, so a new
sentence that KOI8-R or ISO-2022-JP cannot encode fails the self-test instead of a seeding run.
"""

# language -> sentences. Each sentence is short so wrapped lines stay far below 998 octets.
SENTENCES = {
    "en": [
        "Thanks for sending the figures over so quickly.",
        "I had a look at the draft and left a few comments in the margin.",
        "Could we move Thursday's call to Friday morning instead?",
        "The build on the release branch is green again after the fix to the linker flags.",
        "Please find the minutes of yesterday's meeting below.",
        "We still need a decision on the budget for the second quarter.",
        "The warehouse confirmed that the shipment left on Monday.",
        "Let me know if anything in the contract looks odd to you.",
        "I will be out of the office until the 14th, with limited access to mail.",
        "The new printer on the third floor finally works with the laptops.",
        "Our customer asked whether the export can also produce CSV files.",
        "Attached are the slides from the workshop, as promised.",
        "Nobody has claimed the umbrella left in meeting room B.",
        "The quarterly report is due at the end of next week.",
        "Server maintenance is scheduled for Saturday night between two and four.",
        "I think the second option is cheaper in the long run.",
        "Please double-check the invoice numbers before we send them out.",
        "The train was late again, so I missed the first half of the talk.",
        "Can you review the pull request before lunch?",
        "Happy birthday, and enjoy the long weekend!",
    ],
    "de": [
        "Vielen Dank für die schnelle Rückmeldung.",
        "Können wir das Treffen auf nächsten Dienstag verschieben?",
        "Die Übersicht über alle offenen Posten hänge ich an.",
        "Bitte prüfe noch einmal die Größe der Dateien.",
        "Der Zug nach München fällt heute leider aus.",
        "Schöne Grüße aus dem Büro in Köln.",
        "Die Straße vor dem Gebäude wird ab Montag gesperrt.",
        "Wir müssen die Änderungen bis Freitag abschließen.",
        "Das Protokoll der Besprechung findest du weiter unten.",
        "Für Rückfragen stehe ich gern zur Verfügung.",
        "Über das Wochenende ist der Server nicht erreichbar.",
        "Die Heizung im zweiten Stock läuft wieder.",
    ],
    "fr": [
        "Merci beaucoup pour votre réponse rapide.",
        "Je vous envoie ci-joint le compte rendu de la réunion.",
        "Pourriez-vous vérifier les coordonnées du fournisseur ?",
        "La livraison est prévue pour la fin de la semaine.",
        "Nous avons déjà reçu la facture de décembre.",
        "Le café de la cafétéria est enfin redevenu buvable.",
        "Je serai en congé à partir du 3 août.",
        "Veuillez agréer mes salutations distinguées.",
        "Le théâtre a annulé la représentation de jeudi.",
        "Voilà les chiffres du trimestre, à première vue très encourageants.",
    ],
    "es": [
        "Muchas gracias por la información.",
        "¿Podemos hablar mañana por la tarde?",
        "El informe anual está casi terminado.",
        "La reunión se celebrará en la sala de conferencias del señor Muñoz.",
        "Te envío el presupuesto revisado con los cambios de última hora.",
        "¡Qué buena noticia! Enhorabuena al equipo.",
        "El envío llegará a La Coruña el miércoles.",
        "Saludos cordiales desde Málaga.",
    ],
    # Typography that exists in windows-1252 but not in ISO-8859-1 (0x80-0x9F).
    "en-1252": [
        "The price is now 249 € per seat — including support.",
        "She called it “the best quarter we’ve had” in the meeting…",
        "Our partner in Zürich wants the œuvre complète by March.",
        "The ‘quick fix’ turned into a three-week project – again.",
        "Bullet points: • scope • budget • timeline™.",
        "Mr. Šimek from the Brno office sends his regards.",
        "Let’s meet at the café — 10 o’clock works for me.",
        "The “final” version is attached; the previous one had typos…",
    ],
    "ru": [
        "Спасибо за быстрый ответ.",
        "Давайте перенесём встречу на четверг.",
        "Отчёт за третий квартал во вложении.",
        "Пожалуйста, проверьте номера счетов ещё раз.",
        "Сервер будет недоступен в субботу ночью.",
        "Поздравляю с днём рождения!",
        "Поезд из Москвы опаздывает на два часа.",
        "Мы получили ваш заказ и отправим его завтра.",
        "Прошу подтвердить получение письма.",
        "С уважением и наилучшими пожеланиями.",
    ],
    "ja": [
        "いつもお世話になっております。",
        "会議の議事録を添付いたします。",
        "来週の打ち合わせの日程について、ご確認をお願いいたします。",
        "お見積書を送付いたしますので、ご査収ください。",
        "サーバーのメンテナンスは土曜日の夜に予定しています。",
        "ご不明な点がございましたら、お気軽にお問い合わせください。",
        "東京駅の近くで待ち合わせしましょう。",
        "資料の修正版をお送りします。",
        "今後ともよろしくお願い申し上げます。",
        "本日は大変ありがとうございました。",
    ],
    # UTF-8 only: scripts and symbols no legacy charset here carries.
    "mixed": [
        "Zażółć gęślą jaźń — the Polish pangram survived the export.",
        "Καλημέρα! Η συνάντηση είναι στις δέκα.",
        "我们下周一开会讨论新的预算。",
        "שלום, המסמך מצורף.",
        "مرحبا، التقرير جاهز للمراجعة.",
        "Deploy went fine 🚀 and the dashboards are green ✅.",
        "Ελέγξτε το συνημμένο αρχείο παρακαλώ.",
        "Čeština, slovenčina a magyar ékezetek: ő ű ř ů.",
        "The café in Reykjavík serves þorramatur on Fridays 🍽️.",
        "안녕하세요, 회의 자료를 보내드립니다.",
    ],
}

# Languages each charset may carry.
CHARSET_LANGUAGES = {
    "us-ascii": ["en"],
    "utf-8": ["en", "de", "fr", "es", "ru", "ja", "mixed", "en-1252"],
    "iso-8859-1": ["de", "fr", "es"],
    "windows-1252": ["en-1252", "fr", "de"],
    "koi8-r": ["ru"],
    "iso-2022-jp": ["ja"],
}

# Python codec names for the MIME charset names written into the messages.
CODECS = {
    "us-ascii": "ascii",
    "utf-8": "utf-8",
    "iso-8859-1": "latin-1",
    "windows-1252": "cp1252",
    "koi8-r": "koi8_r",
    "iso-2022-jp": "iso2022_jp",
}

GREETINGS = {
    "en": ["Hi {name},", "Hello {name},", "Dear {name},", "Hey {name}!"],
    "de": ["Hallo {name},", "Liebe Grüße vorab, {name},", "Sehr geehrte Damen und Herren,"],
    "fr": ["Bonjour {name},", "Chère {name},", "Madame, Monsieur,"],
    "es": ["Hola {name}:", "Estimado {name}:"],
    "en-1252": ["Hi {name} —", "Dear {name},"],
    "ru": ["Здравствуйте, {name}!", "Добрый день, {name}."],
    "ja": ["{name}様", "{name}さん"],
    "mixed": ["Hi {name} 👋", "Γεια σου {name},"],
}

CLOSINGS = {
    "en": ["Best regards,", "Cheers,", "Thanks,", "Kind regards,"],
    "de": ["Viele Grüße", "Mit freundlichen Grüßen", "Bis bald"],
    "fr": ["Cordialement,", "Bien à vous,", "À bientôt,"],
    "es": ["Un saludo,", "Atentamente,"],
    "en-1252": ["Best — ", "Cheers…"],
    "ru": ["С уважением,", "Всего доброго,"],
    "ja": ["よろしくお願いいたします。", "以上です。"],
    "mixed": ["Pozdrawiam,", "Με εκτίμηση,"],
}

# (display name, local part, language). Names match the language so their charsets can carry them.
PEOPLE = [
    ("Alice Walker", "alice.walker", "en"),
    ("Bob O'Neill", "bob", "en"),
    ("Smith, John", "john.smith", "en"),
    ("Priya Natarajan", "priya", "en"),
    ("Jürgen Müller", "j.mueller", "de"),
    ("Grete Weiß", "grete", "de"),
    ("Jörg Schäfer", "schaefer", "de"),
    ("François Lefèvre", "francois", "fr"),
    ("Hélène Dubois", "helene.dubois", "fr"),
    ("José Núñez", "jose", "es"),
    ("María Peña", "maria.pena", "es"),
    ("Zoë Œhlenschläger", "zoe", "en-1252"),
    ("Tomáš Šťastný", "tomas", "mixed"),
    ("Иван Петров", "ivan.petrov", "ru"),
    ("Ольга Смирнова", "olga", "ru"),
    ("Дмитрий Кузнецов", "dima", "ru"),
    ("山田太郎", "yamada", "ja"),
    ("佐藤花子", "sato.hanako", "ja"),
    ("鈴木一郎", "suzuki", "ja"),
    ("Αλέξης Παπαδόπουλος", "alexis", "mixed"),
    ("王小明", "wang", "mixed"),
    ("Łukasz Żółtowski", "lukasz", "mixed"),
    ("Build Bot", "noreply", "en"),
    ("", "billing", "en"),
]

DOMAINS = ["example.com", "example.org", "example.net", "mail.example.de", "firma.example",
           "entreprise.example.fr", "company.example.jp", "kontora.example.ru", "lists.example.org"]

SUBJECTS = {
    "en": ["Quarterly report", "Meeting notes from Tuesday", "Invoice 2023-0417",
           "Question about the export", "Lunch on Friday?", "Server maintenance this weekend",
           "Your order has shipped", "Draft contract for review", "Holiday schedule",
           "Build failed on main", "Welcome aboard!", "Slides from the workshop"],
    "de": ["Besprechung am Dienstag", "Rechnung für März", "Änderungen am Vertrag",
           "Grüße aus Köln", "Urlaubsplanung für August", "Übersicht der offenen Posten"],
    "fr": ["Compte rendu de la réunion", "Facture de décembre", "Congés d'été",
           "Réponse à votre demande", "Livraison prévue vendredi"],
    "es": ["Informe anual", "Reunión del miércoles", "Presupuesto revisado",
           "¡Enhorabuena al equipo!"],
    "en-1252": ["“Final” numbers — please check", "Prices in € for 2024", "Café meeting…"],
    "ru": ["Отчёт за квартал", "Встреча в четверг", "Счёт на оплату", "Поздравление",
           "Заказ отправлен"],
    "ja": ["会議の議事録", "お見積書の送付", "打ち合わせの日程について", "資料の修正版",
           "サーバーメンテナンスのお知らせ"],
    "mixed": ["Zażółć gęślą jaźń", "Συνάντηση αύριο", "新预算讨论", "Deploy 🚀 done",
              "Résumé — Übersicht — Сводка — 概要"],
}

# Attachment base names by language; the extension is added by the attachment kind.
FILE_NAMES = {
    "en": ["report", "minutes", "invoice-2023-0417", "slides", "contract draft", "photo"],
    "de": ["Übersicht", "Protokoll Besprechung", "Rechnung März", "Änderungen", "Straßenplan"],
    "fr": ["compte rendu", "facture décembre", "présentation", "reçu"],
    "es": ["informe año", "presupuesto señor Muñoz"],
    "en-1252": ["prices €", "œuvre complète"],
    "ru": ["отчёт", "счёт на оплату", "фотография"],
    "ja": ["議事録", "お見積書", "資料"],
    "mixed": ["zażółć", "συνημμένο", "预算", "résumé — 概要 — сводка"],
}

MAILERS = ["Thunderbird 115.4.1", "Apple Mail (2.3731)", "Microsoft Outlook 16.0",
           "Evolution 3.46.4", "KMail/5.22", "Roundcube Webmail/1.6.5", "mutt/2.2.9",
           "Becky! ver. 2.81", "The Bat! 10.4"]

LISTS = [("dev", "Developers <dev.lists.example.org>"), ("announce", "<announce.example.net>"),
         ("café", "Café Society <cafe.lists.example.org>")]


def corpus_errors():
    """Every sentence, greeting, subject and name is encodable in each charset that claims it."""
    errors = []
    for charset, languages in CHARSET_LANGUAGES.items():
        codec = CODECS[charset]
        for lang in languages:
            texts = (SENTENCES[lang] + GREETINGS[lang] + CLOSINGS[lang] + SUBJECTS[lang]
                     + FILE_NAMES[lang] + [p[0] for p in PEOPLE if p[2] == lang])
            for text in texts:
                try:
                    text.encode(codec)
                except UnicodeEncodeError as e:
                    errors.append(f"{charset}/{lang}: {text!r}: {e}")
    return errors
