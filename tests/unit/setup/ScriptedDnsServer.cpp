#include "ScriptedDnsServer.h"

#include <QNetworkDatagram>
#include <QtEndian>

namespace {

void putU16(QByteArray &out, quint16 value)
{
    out.append(char(value >> 8));
    out.append(char(value & 0xff));
}

QByteArray encodeName(const QByteArray &name)
{
    QByteArray out;
    for (const QByteArray &label : name.split('.')) {
        if (label.isEmpty())
            continue;
        out.append(char(label.size()));
        out.append(label);
    }
    out.append('\0');
    return out;
}

} // namespace

ScriptedDnsServer::ScriptedDnsServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QUdpSocket::readyRead, this, &ScriptedDnsServer::onReadyRead);
}

bool ScriptedDnsServer::start()
{
    for (int last = 2; last <= 60; ++last) {
        const QHostAddress candidate(QStringLiteral("127.0.0.%1").arg(last));
        if (m_socket.bind(candidate, 53)) {
            m_address = candidate;
            return true;
        }
    }
    return false;
}

void ScriptedDnsServer::onReadyRead()
{
    while (m_socket.hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket.receiveDatagram();
        const QByteArray reply = answer(datagram.data());
        if (!reply.isEmpty())
            m_socket.writeDatagram(reply, datagram.senderAddress(), quint16(datagram.senderPort()));
    }
}

QByteArray ScriptedDnsServer::answer(const QByteArray &query)
{
    if (query.size() < 12)
        return {};
    // The question: labels up to the root, then QTYPE and QCLASS.
    int pos = 12;
    QByteArray name;
    while (pos < query.size() && query.at(pos) != 0) {
        const int length = quint8(query.at(pos));
        if (pos + 1 + length > query.size())
            return {};
        if (!name.isEmpty())
            name.append('.');
        name.append(query.mid(pos + 1, length));
        pos += 1 + length;
    }
    pos += 5; // root label, QTYPE, QCLASS
    if (pos > query.size())
        return {};
    const QByteArray question = query.mid(12, pos - 12);
    name = name.toLower();
    m_asked.append(name);

    const auto found = m_records.constFind(name);
    QByteArray out = query.left(2); // the query's id
    const bool known = found != m_records.constEnd();
    putU16(out, known ? 0x8180 : 0x8183); // response, recursion desired+available; NXDOMAIN if unknown
    putU16(out, 1);
    putU16(out, known ? quint16(found->size()) : 0);
    putU16(out, 0);
    putU16(out, 0);
    out.append(question);
    if (!known)
        return out;
    for (const Srv &srv : *found) {
        putU16(out, 0xc00c); // the name: a pointer to the question
        putU16(out, 33);     // SRV
        putU16(out, 1);      // IN
        putU16(out, 0);
        putU16(out, 60);     // TTL
        const QByteArray target = srv.target == "." ? QByteArray(1, '\0') : encodeName(srv.target);
        putU16(out, quint16(6 + target.size()));
        putU16(out, srv.priority);
        putU16(out, srv.weight);
        putU16(out, srv.port);
        out.append(target);
    }
    return out;
}
