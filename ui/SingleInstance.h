#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QLocalServer;
class QLocalSocket;

namespace Petrel::Ui {

// One running Petrel per profile: the first start listens on a local socket named after the user
// and the profile; a later start hands its arguments (a mailto: link, "show the window") to it and
// exits. A socket left by a crashed instance is detected (nobody answers) and replaced.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    explicit SingleInstance(const QString &profileDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    // The local socket's name for a profile: the same for every start on that profile.
    static QString serverName(const QString &profileDir);

    // True when another instance took the arguments (this one should exit); false when none runs.
    bool sendToRunning(const QStringList &arguments, int timeoutMs = 3000);
    // Starts listening; false with *error when the socket cannot be made (the app still runs).
    bool listen(QString *error = nullptr);
    bool isListening() const;

    static constexpr qint64 MaxMessageBytes = 256 * 1024;

Q_SIGNALS:
    // Arguments of a later start (without the program name).
    void argumentsReceived(const QStringList &arguments);

private:
    void readFrom(QLocalSocket *socket);

    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace Petrel::Ui
