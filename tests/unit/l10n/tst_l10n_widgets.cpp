// The catalogues reach real widgets: with German or French installed the main window's menus,
// actions, folder tree and status bar, the composer's labels and Qt's own standard buttons speak
// that language; a language without a catalogue leaves everything in English.
#include "UiTestProfile.h"

#include "Localisation.h"
#include "MainWindow.h"
#include "actions/MessageActions.h"
#include "compose/ComposerWindow.h"
#include "models/FolderTreeModel.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QStatusBar>
#include <QtTest>

using namespace Petrel;

namespace {

const QChar nbsp(0x00a0);

QStringList menuTitles(Ui::MainWindow &window)
{
    QStringList titles;
    for (QAction *a : window.menuBar()->actions())
        titles << a->text();
    return titles;
}

QStringList labelTexts(QWidget &widget)
{
    QStringList texts;
    for (QLabel *label : widget.findChildren<QLabel *>())
        texts << label->text();
    for (QPushButton *button : widget.findChildren<QPushButton *>())
        texts << button->text();
    return texts;
}

QStringList folderNames(Ui::MainWindow &window)
{
    QStringList names;
    QAbstractItemModel *model = window.folderModel();
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, 0, parent);
            names << index.data().toString();
            walk(index);
        }
    };
    walk({});
    return names;
}

QString cancelText()
{
    QDialogButtonBox box(QDialogButtonBox::Cancel);
    return box.button(QDialogButtonBox::Cancel)->text();
}

} // namespace

class L10nWidgetsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanupTestCase();
    void germanWidgetsSpeakGerman();
    void frenchWidgetsSpeakFrench();
    void unknownLanguageStaysEnglish();
    void regionalLocalesFindTheirLanguage();
    void languageComesFromTheOptionThenTheEnvironment();

private:
    void makeProfile();
    std::unique_ptr<UiTestProfile> m_profile;
};

void L10nWidgetsTest::init()
{
    m_profile = std::make_unique<UiTestProfile>();
    m_profile->addPop3Account(QStringLiteral("Home"));
}

void L10nWidgetsTest::cleanupTestCase()
{
    Ui::Localisation::install(QLocale(QLocale::English));
}

void L10nWidgetsTest::germanWidgetsSpeakGerman()
{
    QCOMPARE(Ui::Localisation::install(QLocale(QLocale::German, QLocale::Germany)), QStringLiteral("de"));
    Ui::MainWindow window(m_profile->path());
    QCOMPARE(menuTitles(window),
             (QStringList{QStringLiteral("&Datei"), QStringLiteral("&Bearbeiten"), QStringLiteral("&Ansicht"),
                          QStringLiteral("&Nachricht")}));
    QCOMPARE(window.messageActions()->reply()->text(), QStringLiteral("&Antworten"));
    QCOMPARE(window.messageActions()->newMessage()->text(), QStringLiteral("&Neue Nachricht"));
    QCOMPARE(window.checkMailAction()->text(), QStringLiteral("E-Mails &abrufen"));
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("1 Konto")); // the plural form
    const QStringList folders = folderNames(window);
    QVERIFY2(folders.contains(QStringLiteral("Alle Posteingänge")), qPrintable(folders.join(QLatin1Char('|'))));
    QVERIFY2(folders.contains(QStringLiteral("Posteingang")), qPrintable(folders.join(QLatin1Char('|'))));
    QVERIFY2(folders.contains(QStringLiteral("Entwürfe")), qPrintable(folders.join(QLatin1Char('|'))));
    QVERIFY2(folders.contains(QStringLiteral("Papierkorb")), qPrintable(folders.join(QLatin1Char('|'))));

    Ui::ComposerWindow composer(Store::defaultDatabasePath(m_profile->path()));
    const QStringList texts = labelTexts(composer);
    for (const QString &expected : {QStringLiteral("Von:"), QStringLiteral("An:"), QStringLiteral("Betreff:"),
                                    QStringLiteral("Senden"), QStringLiteral("Entwurf speichern")})
        QVERIFY2(texts.contains(expected), qPrintable(expected + QStringLiteral(" not in ") + texts.join(QLatin1Char('|'))));
    QCOMPARE(composer.windowTitle(), QStringLiteral("Neue Nachricht"));
    // Qt's own catalogue (qt6-translations-l10n) translates the standard buttons.
    QCOMPARE(cancelText(), QStringLiteral("Abbrechen"));
}

void L10nWidgetsTest::frenchWidgetsSpeakFrench()
{
    QCOMPARE(Ui::Localisation::install(QLocale(QLocale::French, QLocale::France)), QStringLiteral("fr"));
    Ui::MainWindow window(m_profile->path());
    QCOMPARE(menuTitles(window),
             (QStringList{QStringLiteral("&Fichier"), QStringLiteral("É&dition"), QStringLiteral("&Affichage"),
                          QStringLiteral("&Message")}));
    QCOMPARE(window.messageActions()->reply()->text(), QStringLiteral("&Répondre"));
    QCOMPARE(window.messageActions()->replyAll()->text(), QStringLiteral("Répondre à &tous"));
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("1 compte"));
    const QStringList folders = folderNames(window);
    QVERIFY2(folders.contains(QStringLiteral("Boîte de réception")), qPrintable(folders.join(QLatin1Char('|'))));
    QVERIFY2(folders.contains(QStringLiteral("Brouillons")), qPrintable(folders.join(QLatin1Char('|'))));

    Ui::ComposerWindow composer(Store::defaultDatabasePath(m_profile->path()));
    const QStringList texts = labelTexts(composer);
    for (const QString &expected : {QString(QStringLiteral("De") + nbsp + QLatin1Char(':')),
                                    QString(QStringLiteral("Objet") + nbsp + QLatin1Char(':')), QStringLiteral("Envoyer")})
        QVERIFY2(texts.contains(expected), qPrintable(expected + QStringLiteral(" not in ") + texts.join(QLatin1Char('|'))));
    QCOMPARE(cancelText(), QStringLiteral("Annuler"));
}

void L10nWidgetsTest::unknownLanguageStaysEnglish()
{
    // First German, so the test also proves that switching back removes the German catalogue.
    Ui::Localisation::install(QLocale(QLocale::German));
    QCOMPARE(Ui::Localisation::install(QLocale(QStringLiteral("xx"))), QStringLiteral("en"));
    Ui::MainWindow window(m_profile->path());
    QCOMPARE(menuTitles(window),
             (QStringList{QStringLiteral("&File"), QStringLiteral("&Edit"), QStringLiteral("&View"),
                          QStringLiteral("&Message")}));
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("1 account")); // English plural, not "(s)"
    const QStringList folders = folderNames(window);
    QVERIFY2(folders.contains(QStringLiteral("Unified Inbox")), qPrintable(folders.join(QLatin1Char('|'))));
    QVERIFY2(folders.contains(QStringLiteral("Inbox")), qPrintable(folders.join(QLatin1Char('|'))));
    QCOMPARE(cancelText(), QStringLiteral("Cancel"));

    // A real language Petrel has no catalogue for: English too.
    QCOMPARE(Ui::Localisation::install(QLocale(QLocale::Japanese, QLocale::Japan)), QStringLiteral("en"));
    Ui::MainWindow japanese(m_profile->path());
    QCOMPARE(menuTitles(japanese).first(), QStringLiteral("&File"));
}

void L10nWidgetsTest::regionalLocalesFindTheirLanguage()
{
    QCOMPARE(Ui::Localisation::install(QLocale(QLocale::German, QLocale::Austria)), QStringLiteral("de"));
    QCOMPARE(Ui::Localisation::install(QLocale(QLocale::French, QLocale::Canada)), QStringLiteral("fr"));
    QCOMPARE(Ui::Localisation::install(QLocale(QLocale::English, QLocale::UnitedKingdom)), QStringLiteral("en"));
    const QStringList languages = Ui::Localisation::availableLanguages();
    QCOMPARE(languages, (QStringList{QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr")}));
}

void L10nWidgetsTest::languageComesFromTheOptionThenTheEnvironment()
{
    qputenv("PETREL_LANG", "fr");
    QCOMPARE(Ui::Localisation::chosenLocale().language(), QLocale::French);
    QCOMPARE(Ui::Localisation::chosenLocale(QStringLiteral("de")).language(), QLocale::German);
    qunsetenv("PETREL_LANG");
    QCOMPARE(Ui::Localisation::chosenLocale().name(), QLocale::system().name());
}

QTEST_MAIN(L10nWidgetsTest)
#include "tst_l10n_widgets.moc"
