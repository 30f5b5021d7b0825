#include "DecodingTest.h"

#include "mime/FileNameSanitizer.h"

using namespace Petrel::Mime;

void DecodingTest::sanitizeFileName_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("report.pdf") << QStringLiteral("report.pdf");
    QTest::newRow("unicode kept") << QString::fromUtf8("Grüße 日本.pdf") << QString::fromUtf8("Grüße 日本.pdf");
    QTest::newRow("parent traversal") << QStringLiteral("../../etc/passwd") << QStringLiteral("passwd");
    QTest::newRow("windows traversal") << QStringLiteral("..\\..\\Windows\\system.ini") << QStringLiteral("system.ini");
    QTest::newRow("slash inside") << QStringLiteral("a/b.txt") << QStringLiteral("b.txt");
    QTest::newRow("backslash inside") << QStringLiteral("a\\b.txt") << QStringLiteral("b.txt");
    QTest::newRow("only dots") << QStringLiteral("..") << QStringLiteral("attachment");
    QTest::newRow("trailing separator") << QStringLiteral("dir/") << QStringLiteral("attachment");
    QTest::newRow("dots inside") << QStringLiteral("a..b.txt") << QStringLiteral("a.b.txt");
    QTest::newRow("hidden file") << QStringLiteral(".bashrc") << QStringLiteral("bashrc");
    QTest::newRow("CON.txt") << QStringLiteral("CON.txt") << QStringLiteral("_CON.txt");
    QTest::newRow("con lowercase") << QStringLiteral("con") << QStringLiteral("_con");
    QTest::newRow("nul.tar.gz") << QStringLiteral("nul.tar.gz") << QStringLiteral("_nul.tar.gz");
    QTest::newRow("COM1") << QStringLiteral("COM1.log") << QStringLiteral("_COM1.log");
    QTest::newRow("LPT9") << QStringLiteral("lpt9") << QStringLiteral("_lpt9");
    QTest::newRow("COMPUTER is fine") << QStringLiteral("COMPUTER.txt") << QStringLiteral("COMPUTER.txt");
    QTest::newRow("NUL char") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b")) << QStringLiteral("ab");
    QTest::newRow("control chars") << QStringLiteral("a\tb\nc\x7f.txt") << QStringLiteral("abc.txt");
    QTest::newRow("reserved chars") << QStringLiteral("what?<is>:this|*\".txt") << QStringLiteral("what__is__this___.txt");
    QTest::newRow("trailing dots and spaces") << QStringLiteral("name. . .") << QStringLiteral("name");
    QTest::newRow("leading spaces") << QStringLiteral("   spaced.txt  ") << QStringLiteral("spaced.txt");
    QTest::newRow("bidi override") << QString(QStringLiteral("invoice") + QChar(0x202E) + QStringLiteral("fdp.exe"))
                                   << QStringLiteral("invoicefdp.exe");
    QTest::newRow("empty") << QString() << QStringLiteral("attachment");
    QTest::newRow("only spaces") << QStringLiteral("   ") << QStringLiteral("attachment");
    QTest::newRow("extension only") << QStringLiteral(".pdf") << QStringLiteral("pdf");
}

void DecodingTest::sanitizeFileName()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(Petrel::Mime::sanitizeFileName(input), expected);
}

void DecodingTest::sanitizeLongNames()
{
    const QString longAscii = QString(300, QLatin1Char('a')) + QStringLiteral(".pdf");
    const QString ascii = Petrel::Mime::sanitizeFileName(longAscii);
    QVERIFY(ascii.size() <= 150);
    QVERIFY(ascii.endsWith(QLatin1String("aaa.pdf")));

    // 300 CJK characters are 900 UTF-8 bytes: the result must fit a 255-byte file name.
    QString longCjk;
    for (int i = 0; i < 300; ++i)
        longCjk += QChar(0x65E5);
    const QString cjk = Petrel::Mime::sanitizeFileName(longCjk + QStringLiteral(".docx"));
    QVERIFY(cjk.toUtf8().size() <= 255);
    QVERIFY(cjk.endsWith(QLatin1String(".docx")));
    QVERIFY(cjk.startsWith(QChar(0x65E5)));

    // Surrogate pairs are never split.
    QString emoji;
    for (int i = 0; i < 200; ++i)
        emoji += QString::fromUtf8("😀");
    const QString cut = Petrel::Mime::sanitizeFileName(emoji);
    QVERIFY(!cut.isEmpty());
    QVERIFY(cut.toUtf8().size() <= 255);
    QVERIFY(!cut.back().isHighSurrogate());
    QCOMPARE(QString::fromUtf8(cut.toUtf8()), cut);

    // A long extension is not treated as one worth keeping.
    const QString longExt = Petrel::Mime::sanitizeFileName(QStringLiteral("x.") + QString(300, QLatin1Char('e')));
    QVERIFY(longExt.size() <= 150);
    QVERIFY(longExt.startsWith(QLatin1String("x.")));
}

QTEST_GUILESS_MAIN(DecodingTest)
