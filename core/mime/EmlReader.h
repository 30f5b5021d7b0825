#pragma once

#include "mime/MailSource.h"

namespace Petrel::Mime {

// A single message file (.eml): yields its bytes once.
class EmlReader : public MailSource {
public:
    explicit EmlReader(const QString &path);
    bool next(SourceMessage &out) override;

private:
    QString m_path;
    bool m_done = false;
};

} // namespace Petrel::Mime
