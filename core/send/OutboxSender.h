#pragma once

#include "net/ConnectionSettings.h"
#include "send/OutboxRunResult.h"
#include "smtp/SmtpCredentials.h"
#include "smtp/SmtpResult.h"
#include "store/OutboxRow.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QLockFile;
#include <optional>

namespace Petrel::Store {
class OutboxStore;
class StoreWriter;
} // namespace Petrel::Store

namespace Petrel::Smtp {
class SmtpSession;
class SmtpSubmission;
} // namespace Petrel::Smtp

namespace Petrel::Core {

// One pass over an account's outbox (see Store::OutboxStore for the states). First what a crash
// left: "sending" goes back to the queue, an "unknown" message whose Message-ID is in the cached
// Sent folder counts as delivered, and a "sent" message whose copy was not filed yet is filed (or
// kept with a warning; never sent again). Then every due message in order on one SMTP session,
// opened only when there is something to send: the outbox row is "unknown" on disk before its
// body goes out, and leaves the outbox (or is "sent" until its copy is filed) after the final
// 250. To keep the disk's waits off the wire, the next message goes to the session when the
// current body starts (its commands follow the final "." when pipelined), and the commit that
// lets its body start is made while the server takes the current body, with the delivered
// messages' removal (so a crash then can leave one message "unknown" that never left, never one
// sent twice; see core/send/README.md); a 4xx or a network error before the body queues
// it again with backoff (OutboxRetryPolicy); a 5xx marks it failed with the server's words; a
// connection lost after the body leaves it "unknown", never resent without the user.
// After a message is sent, the Sent filer (if set) files the copy and the row leaves the outbox.
// finished() comes exactly once, from the event loop.
class OutboxSender : public QObject
{
    Q_OBJECT

public:
    // Files a sent message's copy in Sent; returns "" on success, else why not (a warning: the
    // message stays "sent" in the outbox, it is never sent again).
    using SentFiler = std::function<QString(const Store::OutboxRow &row, const QByteArray &raw)>;

    OutboxSender(Store::StoreWriter &writer, qint64 accountId, QObject *parent = nullptr);
    ~OutboxSender() override;

    void setConnectionSettings(const Net::ConnectionSettings &settings) { m_settings = settings; }
    void setCredentials(const Smtp::SmtpCredentials &credentials) { m_credentials = credentials; }
    void setSentFiler(SentFiler filer) { m_filer = std::move(filer); }
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    // Refused (Error::Busy) while another pass of the account's outbox runs, in any process.
    void start();
    // The lock file that keeps passes over one account's outbox apart.
    static QString lockFilePath(const QString &databasePath, qint64 accountId);
    // Hard stop: the connection drops. A message whose body had started stays "unknown".
    void abort();

Q_SIGNALS:
    // One message reached its state for this pass (sent, queued again, failed or unknown).
    void messageDone(qint64 outboxId, Petrel::Store::OutboxState state, const QString &text);
    void finished(const Petrel::Core::OutboxRunResult &result);

private:
    void recover();
    void fileLeftover(const Store::OutboxRow &row);
    void sendNext();
    void openSession();
    void submit(const Store::OutboxRow &row, bool claimed);
    void onBodyStarting(Smtp::SmtpSubmission *submission, qint64 id);
    void onBodySent();
    void onSubmitted(const Smtp::SmtpResult &result);
    void onSent(const Store::OutboxRow &row, const Smtp::SmtpResult &result);
    bool record(const std::function<void()> &storeWork); // false: StoreError, the pass ended
    void failPass(OutboxRunResult::Error error, const QString &message);
    void finish();
    void settleBeforeFinish();
    QDateTime now() const { return m_clock ? m_clock() : QDateTime::currentDateTimeUtc(); }

    Store::StoreWriter &m_writer;
    std::unique_ptr<Store::OutboxStore> m_outbox;
    qint64 m_accountId;
    Net::ConnectionSettings m_settings;
    Smtp::SmtpCredentials m_credentials;
    SentFiler m_filer;
    std::function<QDateTime()> m_clock;
    Smtp::SmtpSession *m_session = nullptr;
    struct InFlight
    {
        Store::OutboxRow row;
        bool claimed = false;     // claimed "sending" first (else handed over while still queued)
        bool prepared = false;    // claimed straight to "unknown" during the previous body
        bool bodyStarted = false; // its body may have left: never released
    };
    std::optional<Store::OutboxRow> m_claimed; // claimed "sending", waiting for the session
    QList<InFlight> m_inFlight;                // with the session, oldest first (results come in order)
    QList<qint64> m_delivered;                 // final 250, no copy to file: removed at the next commit
    QString m_closedBecause;                   // the first failure of a pass whose connection went
    OutboxRunResult m_result;
    std::unique_ptr<QLockFile> m_lock;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Petrel::Core
