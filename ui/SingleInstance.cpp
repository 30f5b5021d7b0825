#include "SingleInstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTimer>

namespace Petrel::Ui {

SingleInstance::SingleInstance(const QString &profileDir, QObject *parent)
    : QObject(parent), m_name(serverName(profileDir))
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverName(const QString &profileDir)
{
    // Per user (other users' instances are theirs) and per profile (two profiles may run at once).
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    const QByteArray key = QDir(profileDir).absolutePath().toUtf8() + '\0' + user.toUtf8();
    return QStringLiteral("petrel-")
           + QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(20));
}

bool SingleInstance::sendToRunning(const QStringList &arguments, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    const QByteArray message =
        QJsonDocument(QJsonObject{{QStringLiteral("arguments"), QJsonArray::fromStringList(arguments)}})
            .toJson(QJsonDocument::Compact)
        + '\n';
    if (message.size() > MaxMessageBytes)
        return false;
    socket.write(message);
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    // The running instance answers once it has taken the arguments.
    while (!socket.canReadLine()) {
        if (!socket.waitForReadyRead(timeoutMs))
            return false;
    }
    return socket.readLine().trimmed() == "ok";
}

bool SingleInstance::listen(QString *error)
{
    if (m_server)
        return true;
    auto *server = new QLocalServer(this);
    server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!server->listen(m_name)) {
        // Nobody answered sendToRunning, so what holds the name is left over from a crash.
        QLocalServer::removeServer(m_name);
        if (!server->listen(m_name)) {
            if (error)
                *error = server->errorString();
            delete server;
            return false;
        }
    }
    m_server = server;
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readFrom(socket); });
            // A client that never finishes its line is dropped.
            QTimer::singleShot(10000, socket, [socket] { socket->abort(); });
        }
    });
    return true;
}

bool SingleInstance::isListening() const
{
    return m_server && m_server->isListening();
}

void SingleInstance::readFrom(QLocalSocket *socket)
{
    if (!socket->canReadLine()) {
        if (socket->bytesAvailable() > MaxMessageBytes)
            socket->abort();
        return;
    }
    const QByteArray line = socket->readLine(MaxMessageBytes);
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        socket->abort();
        return;
    }
    QStringList arguments;
    for (const QJsonValue &value : document.object().value(QStringLiteral("arguments")).toArray())
        arguments << value.toString();
    socket->write("ok\n");
    socket->flush();
    socket->disconnectFromServer();
    Q_EMIT argumentsReceived(arguments);
}

} // namespace Petrel::Ui
