#pragma once

// Writes screenshots of real windows as PNGs into <build>/screenshots/<language>/ and checks each:
// it exists, has the window's size within sensible bounds, and is not blank.
#include <QDir>
#include <QImage>
#include <QMap>
#include <QSet>
#include <QWidget>
#include <QtTest>

class ScreenshotSet
{
public:
    explicit ScreenshotSet(const QString &language)
        : m_dir(QDir(qEnvironmentVariable("PETREL_BINARY_DIR")).filePath(QStringLiteral("screenshots/") + language))
    {
    }

    QString directory() const { return m_dir; }
    QString pathOf(const QString &name) const { return QDir(m_dir).filePath(name + QStringLiteral(".png")); }
    QMap<QString, QImage> images() const { return m_images; }

    // Shows the window, lets it lay itself out, grabs it and writes <name>.png. Failures are
    // reported through QtTest (the caller checks QTest::currentTestFailed()).
    void take(const QString &name, QWidget &window)
    {
        QVERIFY(QDir().mkpath(m_dir));
        window.show();
        window.raise();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(200); // queued layouts and the message view's document settle first
        const QImage image = window.grab().toImage();
        const QString path = pathOf(name);
        QFile::remove(path);
        QVERIFY2(image.save(path, "PNG"), qPrintable(path));

        const QImage written(path);
        QVERIFY2(!written.isNull(), qPrintable(path + QStringLiteral(" cannot be read back")));
        QCOMPARE(written.size(), window.size() * window.devicePixelRatio());
        QVERIFY2(written.width() >= 400 && written.width() <= 2000 && written.height() >= 300 && written.height() <= 1400,
                 qPrintable(QStringLiteral("%1: %2x%3").arg(path).arg(written.width()).arg(written.height())));
        // A blank or one-colour grab (nothing painted) has a handful of colours; text rendered
        // with antialiasing, icons and frames give hundreds.
        const int colours = distinctColours(written);
        QVERIFY2(colours >= 100, qPrintable(QStringLiteral("%1: only %2 colours").arg(path).arg(colours)));
        m_images.insert(name, written);
    }

    static int distinctColours(const QImage &image)
    {
        const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
        QSet<QRgb> seen;
        for (int y = 0; y < rgb.height(); ++y) {
            const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
            for (int x = 0; x < rgb.width(); ++x)
                seen.insert(line[x]);
        }
        return int(seen.size());
    }

    static qsizetype differingPixels(const QImage &a, const QImage &b)
    {
        if (a.size() != b.size())
            return qsizetype(a.width()) * a.height();
        const QImage x = a.convertToFormat(QImage::Format_RGB32), y = b.convertToFormat(QImage::Format_RGB32);
        qsizetype differing = 0;
        for (int row = 0; row < x.height(); ++row) {
            const auto *l = reinterpret_cast<const QRgb *>(x.constScanLine(row));
            const auto *r = reinterpret_cast<const QRgb *>(y.constScanLine(row));
            for (int col = 0; col < x.width(); ++col)
                differing += l[col] != r[col];
        }
        return differing;
    }

private:
    QString m_dir;
    QMap<QString, QImage> m_images;
};
