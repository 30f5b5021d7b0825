#pragma once

// Internal to core/mime: owns a GMime message tree. Only forward declarations of GMime types here,
// so that no header of this library pulls in glib.

#include <QByteArray>
#include <QStringList>

typedef struct _GMimeMessage GMimeMessage;
typedef struct _GMimeParserOptions GMimeParserOptions;

namespace Petrel::Mime::Detail {

// g_mime_init() exactly once per process, from any thread.
void ensureGMimeInitialized();

class GMimeDocument {
public:
    GMimeDocument(const QByteArray &raw, int maxWarnings);
    ~GMimeDocument();
    GMimeDocument(const GMimeDocument &) = delete;
    GMimeDocument &operator=(const GMimeDocument &) = delete;

    GMimeMessage *message() const { return m_message; } // null when nothing parsable was found
    GMimeParserOptions *options() const { return m_options; }
    const QStringList &warnings() const { return m_warnings; }

    void addWarning(const QString &warning);

private:
    GMimeParserOptions *m_options = nullptr;
    GMimeMessage *m_message = nullptr;
    QStringList m_warnings;
    int m_maxWarnings;
};

} // namespace Petrel::Mime::Detail
