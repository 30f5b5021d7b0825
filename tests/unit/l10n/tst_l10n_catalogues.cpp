// The German and French catalogues are complete and current: every text lupdate finds in the
// sources today is there, translated, with the placeholders of the English text, and nothing else
// is (no unfinished, vanished or obsolete entries). A string added to the code without a
// translation fails here with its text and file; `cmake --build <dir> --target petrel_lupdate`
// adds it to the .ts files for translating.
#include "TsCatalogue.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace L10nTest;

namespace {

QStringList listFromDefine(const char *joined)
{
    return QString::fromUtf8(joined).split(QLatin1Char('|'), Qt::SkipEmptyParts);
}

// The messages lupdate extracts from the sources now, with the file each comes from.
QList<TsMessage> extractFromSources(bool pluralOnly, QString *error)
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("extracted.ts"));
    QStringList args = listFromDefine(PETREL_TR_SOURCE_DIRS);
    args << QStringLiteral("-extensions") << QStringLiteral("cpp,h") << QStringLiteral("-no-obsolete")
         << QStringLiteral("-locations") << QStringLiteral("absolute") << QStringLiteral("-no-ui-lines");
    if (pluralOnly)
        args << QStringLiteral("-pluralonly");
    args << QStringLiteral("-ts") << out;
    QProcess lupdate;
    lupdate.start(QStringLiteral(PETREL_LUPDATE), args);
    if (!lupdate.waitForFinished(120000) || lupdate.exitCode() != 0) {
        *error = QStringLiteral("lupdate failed: %1 %2").arg(lupdate.errorString(),
                                                             QString::fromUtf8(lupdate.readAllStandardError()));
        return {};
    }
    TsFile ts = readTs(out);
    *error = ts.error;
    for (TsMessage &m : ts.messages) // lupdate writes them relative to the .ts file
        m.location = QDir::cleanPath(dir.filePath(m.location));
    return ts.messages;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(?:[1-9]|n)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const QString p = it.next().captured();
        if (!found.contains(p))
            found << p;
    }
    found.sort();
    return found;
}

// Problems of one catalogue against the extracted messages, one line each.
QStringList problemsOf(const QString &path, const QList<TsMessage> &extracted)
{
    const TsFile ts = readTs(path);
    if (!ts.error.isEmpty())
        return {ts.error};
    const QString name = QFileInfo(path).fileName();
    QStringList problems;
    QHash<QString, TsMessage> inCode;
    for (const TsMessage &m : extracted)
        inCode.insert(m.key(), m);
    QSet<QString> inCatalogue;
    for (const TsMessage &m : ts.messages) {
        inCatalogue.insert(m.key());
        if (!inCode.contains(m.key()))
            problems << QStringLiteral("%1: no longer in the sources: %2").arg(name, m.describe());
        if (!m.type.isEmpty())
            problems << QStringLiteral("%1: %2 translation: %3").arg(name, m.type, m.describe());
        if (m.translations.isEmpty() || m.translations.contains(QString()))
            problems << QStringLiteral("%1: empty translation: %2").arg(name, m.describe());
        const QStringList wanted = placeholders(m.source);
        for (const QString &t : m.translations) {
            if (!t.isEmpty() && placeholders(t) != wanted)
                problems << QStringLiteral("%1: placeholders %2 instead of %3 in \"%4\" for %5")
                                .arg(name, placeholders(t).join(QLatin1Char(',')),
                                     wanted.join(QLatin1Char(',')), t, m.describe());
        }
    }
    for (const TsMessage &m : extracted) {
        if (!inCatalogue.contains(m.key()))
            problems << QStringLiteral("%1: not translated (run the petrel_lupdate target): %2")
                            .arg(name, m.describe());
    }
    return problems;
}

} // namespace

class L10nCataloguesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsWhatLupdateWrites();
    void germanAndFrenchAreCompleteAndCurrent();
    void englishHasEveryPluralForm();
    void aNewUntranslatedStringIsNamedWithItsFile();
};

void L10nCataloguesTest::readsWhatLupdateWrites()
{
    QString error;
    const QList<TsMessage> extracted = extractFromSources(false, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // A guard against an extraction that silently finds nothing (wrong folders, wrong options).
    QVERIFY2(extracted.size() > 100, qPrintable(QString::number(extracted.size())));
    bool sawMainWindowPlural = false;
    for (const TsMessage &m : extracted) {
        QVERIFY2(!m.location.isEmpty(), qPrintable(m.describe()));
        if (m.context == QLatin1String("Petrel::Ui::MainWindow") && m.source == QLatin1String("%n account(s)"))
            sawMainWindowPlural = m.numerus;
    }
    QVERIFY(sawMainWindowPlural);
}

void L10nCataloguesTest::germanAndFrenchAreCompleteAndCurrent()
{
    QString error;
    const QList<TsMessage> extracted = extractFromSources(false, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList problems;
    for (const QString &path : listFromDefine(PETREL_TS_FILES))
        problems << problemsOf(path, extracted);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void L10nCataloguesTest::englishHasEveryPluralForm()
{
    QString error;
    const QList<TsMessage> plurals = extractFromSources(true, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!plurals.isEmpty());
    const QStringList problems = problemsOf(QStringLiteral(PETREL_TS_PLURALS), plurals);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void L10nCataloguesTest::aNewUntranslatedStringIsNamedWithItsFile()
{
    // What a developer sees after adding tr("...") without refreshing the catalogues.
    QString error;
    QList<TsMessage> extracted = extractFromSources(false, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    TsMessage added;
    added.context = QStringLiteral("Petrel::Ui::AccountWizard");
    added.source = QStringLiteral("Set up %1");
    added.location = QStringLiteral("/src/ui/accounts/AccountWizard.cpp");
    extracted << added;
    const QStringList problems = problemsOf(listFromDefine(PETREL_TS_FILES).first(), extracted);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().contains(QLatin1String("\"Set up %1\"")), qPrintable(problems.first()));
    QVERIFY2(problems.first().contains(QLatin1String("AccountWizard.cpp")), qPrintable(problems.first()));
}

QTEST_GUILESS_MAIN(L10nCataloguesTest)
#include "tst_l10n_catalogues.moc"
