#pragma once

#include "net/Security.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// One hostile-server case: a script file of tests/hostile/<protocol>/ (format in README.md) with
// its "@key: value" settings read out. The script itself is ScriptServer's language.
struct HostileCase
{
    QString name;                // file name without ".script"
    QByteArray script;           // the whole file; ScriptServer ignores the "@" lines
    QList<QStringList> steps;    // "@step:" lines, each split into words, in order
    Petrel::Net::Security security = Petrel::Net::Security::None;
    bool implicitTlsServer = false; // the server speaks TLS from the first byte ("@security: tls",
                                    // unless "@server: plain" follows)
    QStringList expectErrors;       // alternatives; empty: every step must succeed
    bool noCredentials = false;     // "@expect-no-credentials-sent"
    QList<QByteArray> notSent;      // "@expect-not-sent: bytes": the client never sends these
    std::optional<qint64> expectCount; // items the last step yielded (fetched, listed, bytes)
    int timeoutMs = 3000;           // the client's connect and idle timeouts

    // Empty on success, else what is wrong with the file.
    static QString load(const QString &path, HostileCase *out);
    // The script files of tests/hostile/<protocol>/, sorted.
    static QStringList files(const QString &protocol);
    // Checks an outcome ("Kind: message") against expectErrors; empty when it matches.
    QString judge(bool ok, const QString &outcome) const;
};

// The runner's bound on one case, whatever the script does: every case ends within it.
constexpr int HostileCaseLimitMs = 20000;
