#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QUdpSocket>

// A scripted DNS server for SRV queries on a loopback address, UDP port 53 (QDnsLookup on Linux
// always asks port 53, so the test binds the first free 127.0.0.x; tests run as root). Names in
// the table answer with their records, others with NXDOMAIN. Records every name asked.
class ScriptedDnsServer : public QObject
{
    Q_OBJECT

public:
    struct Srv
    {
        quint16 priority;
        quint16 weight;
        quint16 port;
        QByteArray target; // "." for "not offered"
    };

    explicit ScriptedDnsServer(QObject *parent = nullptr);

    // Binds 127.0.0.2 … 127.0.0.60 port 53, the first that is free. False if none is.
    bool start();
    QHostAddress address() const { return m_address; }

    void setRecords(const QByteArray &name, const QList<Srv> &records) { m_records.insert(name.toLower(), records); }
    QList<QByteArray> askedNames() const { return m_asked; }

private:
    void onReadyRead();
    QByteArray answer(const QByteArray &query);

    QUdpSocket m_socket;
    QHostAddress m_address;
    QHash<QByteArray, QList<Srv>> m_records;
    QList<QByteArray> m_asked;
};
