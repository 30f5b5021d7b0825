#include "Localisation.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>

namespace Petrel::Ui {

namespace {

// Where qt_add_translations (translations/CMakeLists.txt) puts the compiled catalogues.
const QString catalogueDir = QStringLiteral(":/petrel/translations");

// The translators installed now; kept so a second install() (tests switch languages) replaces them.
std::unique_ptr<QTranslator> &petrelTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

std::unique_ptr<QTranslator> &qtTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

void uninstall(std::unique_ptr<QTranslator> &translator)
{
    if (translator)
        QCoreApplication::removeTranslator(translator.get());
    translator.reset();
}

} // namespace

QLocale Localisation::chosenLocale(const QString &requested)
{
    QString code = requested.trimmed();
    if (code.isEmpty())
        code = qEnvironmentVariable("PETREL_LANG").trimmed();
    return code.isEmpty() ? QLocale::system() : QLocale(code);
}

QString Localisation::install(const QLocale &locale)
{
    uninstall(petrelTranslator());
    uninstall(qtTranslator());
    // A code Qt does not know becomes the C locale: keep numbers and dates as they were then.
    if (locale.language() != QLocale::C)
        QLocale::setDefault(locale);

    auto petrel = std::make_unique<QTranslator>();
    // load(QLocale, ...) tries each of the locale's UI languages in turn: de_AT finds petrel_de.
    // Any language without a catalogue gets English, whose catalogue has the plural forms only.
    if (!petrel->load(locale, QStringLiteral("petrel"), QStringLiteral("_"), catalogueDir)
        && !petrel->load(QStringLiteral("petrel_en"), catalogueDir))
        return QStringLiteral("en");
    const QString active = petrel->language().section(QLatin1Char('_'), 0, 0);
    QCoreApplication::installTranslator(petrel.get());
    petrelTranslator() = std::move(petrel);
    // Qt's own strings only alongside Petrel's: an English Petrel with German "Abbrechen" buttons
    // would be worse than either.
    if (active != QLatin1String("en")) {
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt.get());
            qtTranslator() = std::move(qt);
        }
    }
    return active;
}

QStringList Localisation::availableLanguages()
{
    QStringList languages{QStringLiteral("en")};
    const QStringList files = QDir(catalogueDir).entryList({QStringLiteral("petrel_*.qm")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QString code = file.mid(7, file.size() - 7 - 3); // "petrel_" … ".qm"
        if (!languages.contains(code))
            languages << code;
    }
    return languages;
}

} // namespace Petrel::Ui
