// render-icon: draws the SVG application icon at one size into a PNG, for the hicolor icon theme
// sizes that packages install. Uses Qt's SVG image plugin, so it needs no SVG library of its own.
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 4) {
        QTextStream(stderr) << "usage: render-icon INPUT.svg SIZE OUTPUT.png\n";
        return 2;
    }
    bool ok = false;
    const int size = args.at(2).toInt(&ok);
    if (!ok || size < 8 || size > 1024) {
        QTextStream(stderr) << "render-icon: size must be 8..1024\n";
        return 2;
    }
    QImageReader reader(args.at(1));
    reader.setScaledSize(QSize(size, size));
    const QImage image = reader.read();
    if (image.isNull()) {
        QTextStream(stderr) << "render-icon: " << args.at(1) << ": " << reader.errorString() << '\n';
        return 1;
    }
    if (!image.convertToFormat(QImage::Format_ARGB32).save(args.at(3), "PNG")) {
        QTextStream(stderr) << "render-icon: cannot write " << args.at(3) << '\n';
        return 1;
    }
    return 0;
}
