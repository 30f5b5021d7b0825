#pragma once

#include "imap/ImapOperation.h"

#include <QDateTime>

namespace Petrel::Imap {

// APPEND of one message to a mailbox. Without LITERAL+ the message goes as a synchronising
// literal after the server's "+" (the session waits for it). appendUid()/uidValidity() come from
// APPENDUID (UIDPLUS); 0 when the server did not say.
class ImapAppendOperation : public ImapOperation
{
    Q_OBJECT

public:
    ImapAppendOperation(ImapSession *session, const QString &mailbox, const QByteArray &message,
                        const QList<QByteArray> &flags = {}, const QDateTime &internalDate = {},
                        QObject *parent = nullptr);

    quint64 uidValidity() const { return m_uidValidity; }
    quint32 appendUid() const { return m_uid; }

protected:
    void run() override;

private:
    QString m_mailbox;
    QByteArray m_message;
    QList<QByteArray> m_flags;
    QDateTime m_internalDate;
    quint64 m_uidValidity = 0;
    quint32 m_uid = 0;
};

} // namespace Petrel::Imap
