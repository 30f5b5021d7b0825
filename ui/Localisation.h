#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

namespace Petrel::Ui {

// Chooses the language of the user interface and installs the matching translations: Petrel's own
// catalogue (embedded in the binary, built from translations/*.ts) and, when the system has it,
// Qt's own (qtbase_*.qm under QLibraryInfo::TranslationsPath) for standard buttons and dialogs.
// A language without a catalogue leaves the interface in English, silently.
class Localisation
{
public:
    // The locale asked for: `requested` (from --lang) if set, else $PETREL_LANG, else the system's.
    // A code Qt does not know ("xx") still yields a locale, so the caller falls back to English.
    static QLocale chosenLocale(const QString &requested = QString());

    // Replaces whatever an earlier call installed. Returns the language code whose Petrel
    // catalogue is now active ("de", "fr"), or "en" when the interface stays in English.
    // Also makes `locale` the default QLocale, so dates and sizes follow the chosen language.
    static QString install(const QLocale &locale);

    // The languages Petrel has a catalogue for, English first ("en", "de", "fr").
    static QStringList availableLanguages();
};

} // namespace Petrel::Ui
