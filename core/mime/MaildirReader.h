#pragma once

#include "mime/MailSource.h"

namespace Petrel::Mime {

// A maildir folder: the files in new/ and cur/, in name order (delivery time first in the names).
class MaildirReader : public MailSource {
public:
    explicit MaildirReader(const QString &path);
    bool next(SourceMessage &out) override;

    static bool isMaildir(const QString &path);
    // Flag bits from a file name's info suffix ":2,FRS" (also "!2," and ";2," as on Windows).
    static quint32 flagsFromFileName(const QString &fileName);

private:
    QString m_path;
    QStringList m_files; // relative to m_path: "new/…", "cur/…"
    qsizetype m_index = 0;
    bool m_listed = false;
};

} // namespace Petrel::Mime
