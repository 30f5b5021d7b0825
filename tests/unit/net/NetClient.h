#pragma once

#include "net/Connection.h"

#include <QList>
#include <QSignalSpy>

// A Connection with spies on every signal and, unless told otherwise, every line read as it comes.
struct NetClient
{
    NetClient()
    {
        QObject::connect(&connection, &Petrel::Net::Connection::readyRead, &connection, [this] {
            if (!autoRead)
                return;
            while (const auto line = connection.readLine())
                lines.append(*line);
        });
    }

    Petrel::Net::ConnectionError error() const
    {
        return failedSpy.isEmpty() ? Petrel::Net::ConnectionError()
                                   : failedSpy.first().first().value<Petrel::Net::ConnectionError>();
    }

    Petrel::Net::Connection connection;
    QSignalSpy connectedSpy{&connection, &Petrel::Net::Connection::connected};
    QSignalSpy encryptedSpy{&connection, &Petrel::Net::Connection::encrypted};
    QSignalSpy failedSpy{&connection, &Petrel::Net::Connection::failed};
    QSignalSpy disconnectedSpy{&connection, &Petrel::Net::Connection::disconnected};
    QList<QByteArray> lines;
    bool autoRead = true;
};

inline Petrel::Net::ConnectionSettings loopback(quint16 port, Petrel::Net::Security security)
{
    Petrel::Net::ConnectionSettings s;
    s.host = QStringLiteral("127.0.0.1");
    s.port = port;
    s.security = security;
    s.connectTimeoutMs = 10000;
    return s;
}
