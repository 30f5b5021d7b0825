#pragma once

#include "mime/SourceMessage.h"

#include <QStringList>

#include <memory>

namespace Petrel::Mime {

// A sequence of messages read from disk (mbox file, maildir folder, single .eml file).
// next() streams: at most one message is held in memory at a time.
class MailSource {
public:
    static constexpr qint64 defaultMaxMessageSize = 128 * 1024 * 1024;

    virtual ~MailSource() = default;

    // Fills out with the next message; false at the end or on a fatal error (see errorString()).
    virtual bool next(SourceMessage &out) = 0;

    // Empty unless reading stopped because of an error.
    QString errorString() const { return m_errorString; }
    // Messages that were skipped (too large, unreadable) with the reason; reading went on.
    QStringList warnings() const { return m_warnings; }

    void setMaxMessageSize(qint64 bytes) { m_maxMessageSize = bytes; }
    qint64 maxMessageSize() const { return m_maxMessageSize; }

    // Chooses the reader by what path is: a directory with cur/ and new/ is a maildir, a file
    // starting with "From " an mbox, any other file one message. Null with *error set otherwise.
    static std::unique_ptr<MailSource> open(const QString &path, QString *error = nullptr);

protected:
    void setErrorString(const QString &error) { m_errorString = error; }
    void addWarning(const QString &warning);

private:
    QString m_errorString;
    QStringList m_warnings;
    qint64 m_maxMessageSize = defaultMaxMessageSize;
};

} // namespace Petrel::Mime
