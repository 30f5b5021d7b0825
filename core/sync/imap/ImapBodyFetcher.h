#pragma once

#include "imap/ImapCredentials.h"
#include "imap/ImapResult.h"
#include "net/ConnectionSettings.h"
#include "store/FolderRow.h"
#include "store/MessageRecord.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

namespace Petrel::Store {
class StoreWriter;
}

namespace Petrel::Imap {
class ImapSession;
class ImapOperation;
} // namespace Petrel::Imap

namespace Petrel::Core {

// The one answer of an ImapBodyFetcher.
struct ImapBodyFetchResult
{
    enum class Error {
        None,
        InvalidArgument, // unknown ids, messages of several folders, a message without a UID
        TooLarge,        // a message is larger than the parser accepts
        FolderChanged,   // UIDVALIDITY differs: the cached UIDs no longer name these messages
        Gone,            // the server no longer has (some of) the messages: they left the cache
        Server,          // connecting, logging in or a command failed
        Store,
        Cancelled,
    };
    Error error = Error::None;
    Imap::ImapResult::Kind serverError = Imap::ImapResult::Kind::Ok;
    QString message; // for the user, in the server's words where it spoke
    QString serverText;
    QList<qint64> withBody; // requested ids that hold their body now (including ones that had it)
    QList<qint64> gone;     // requested ids the server no longer has; removed from the cache

    bool isOk() const { return error == Error::None; }
};

// Downloads the bodies of cached headers-only messages of one folder, on demand: log in, EXAMINE
// the folder (read-only: nothing changes on the server), UID FETCH (BODY.PEEK[]) of their UIDs,
// store them in one transaction, LOGOUT. Messages already holding a body need no network at all.
// A UID the server does not answer for was expunged there: the message leaves the cache and the
// result says "the server no longer has this message". Emits finished() exactly once, never from
// inside start().
class ImapBodyFetcher : public QObject
{
    Q_OBJECT

public:
    ImapBodyFetcher(Store::StoreWriter &writer, const QList<qint64> &messageIds, QObject *parent = nullptr);
    ~ImapBodyFetcher() override;

    void setConnectionSettings(const Net::ConnectionSettings &settings) { m_settings = settings; }
    void setCredentials(const Imap::ImapCredentials &credentials) { m_credentials = credentials; }

    // Starts; call once.
    void start();
    // Hard stop: finished(Cancelled) follows. What was stored stays.
    void abort();

Q_SIGNALS:
    void finished(const Petrel::Core::ImapBodyFetchResult &result);

private:
    bool plan(); // false: finished with the reason
    void onOpened(const Imap::ImapResult &r);
    void examine();
    void fetch();
    void storeAndFinish();
    void logoutAndFinish();
    void failServer(const QString &what, const Imap::ImapResult &r);
    void fail(ImapBodyFetchResult::Error error, const QString &message);
    void finish();

    Store::StoreWriter &m_writer;
    QList<qint64> m_ids;
    Net::ConnectionSettings m_settings;
    Imap::ImapCredentials m_credentials;
    Store::FolderRow m_folder;
    QHash<quint32, qint64> m_idByUid;      // the messages still to fetch
    QList<Store::MessageRecord> m_records; // fetched, stored together at the end
    Imap::ImapSession *m_session = nullptr;
    QPointer<Imap::ImapOperation> m_op;
    ImapBodyFetchResult m_result;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Petrel::Core

Q_DECLARE_METATYPE(Petrel::Core::ImapBodyFetchResult)
