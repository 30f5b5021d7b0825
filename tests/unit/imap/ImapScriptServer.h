#pragma once

#include "ScriptServer.h"

// The IMAP replay tests' ScriptServer: "<n>" tag placeholders on, scripts read from
// tests/unit/imap/data/sessions/.
class ImapScriptServer : public ScriptServer
{
    Q_OBJECT

public:
    explicit ImapScriptServer(FakeServer::Mode mode, QObject *parent = nullptr) : ScriptServer(mode, parent)
    {
        setTagPlaceholders(true);
    }

    // Reads data/sessions/<name> beside the test; an empty script when missing (and error() set).
    bool loadScript(const QString &name)
    {
        return loadScriptFile(qEnvironmentVariable("PETREL_TEST_DATA") + QStringLiteral("/data/sessions/") + name);
    }
};
