#pragma once

#include "store/OutboxRow.h"

#include <QByteArray>
#include <QDateTime>
#include <QStringList>

#include <memory>
#include <optional>

namespace Petrel::Store {

class Database;
class StoreReader;

// The outbox's state machine in SQLite, on an account's writer connection. A message is stored
// before any network traffic and then moves: queued -> sending (claimed by a sender) -> unknown
// (recorded right before its body goes out) -> sent; or back to queued (retry later) or failed
// (the server refused it for good). Because "unknown" is durable before a single byte of the body
// leaves, a crash at any point causes at most one delivery: "sending" after a crash means nothing
// was delivered (recoverInterrupted() queues it again), "unknown" means maybe, and that is never
// resent without the user. Each call is one transaction; StoreError when the store fails.
class OutboxStore
{
public:
    explicit OutboxStore(Database &db);
    ~OutboxStore();

    // The message enters the outbox; its Message-ID is made once, by the caller, and kept.
    qint64 enqueue(qint64 accountId, const QString &messageIdHeader, const QString &sender,
                   const QStringList &recipients, const QByteArray &raw);

    // After a crash or kill: the account's "sending" messages go back to the queue (their body
    // never left, else they would be "unknown"). Returns how many.
    int recoverInterrupted(qint64 accountId);
    // Claims the oldest queued message that is due (next attempt not after now): "sending",
    // one more attempt. nullopt when none is due.
    std::optional<OutboxRow> claimNext(qint64 accountId, const QDateTime &now);
    // One transaction of a pass: the delivered messages (the server's final 250, no Sent copy to
    // file) leave the outbox, then the oldest due message is claimed as claimNext() does.
    std::optional<OutboxRow> settleAndClaim(qint64 accountId, const QList<qint64> &delivered, const QDateTime &now);
    // The oldest due queued message, unchanged (a sender hands it to the server before claiming it).
    std::optional<OutboxRow> nextDue(qint64 accountId, const QDateTime &now);
    // One transaction: the delivered messages leave, and the queued message id goes straight to
    // "unknown" (one more attempt): its body may start without another commit. Done while the
    // server takes the previous body (see OutboxSender), so a crash then leaves this one "unknown"
    // although it never left. False (and nothing claimed) when it is no longer queued.
    bool settleAndPrepare(const QList<qint64> &delivered, qint64 id);
    // True while the message may have its body sent: "unknown", as settleAndPrepare() left it (false when the user removed or re-queued it meanwhile).
    bool bodyMayStart(qint64 id);
    // Delivered messages (see settleAndClaim) leave the outbox, in one transaction.
    void removeDelivered(const QList<qint64> &delivered);
    // A claimed message that the pass did not submit after all goes back to the queue as it was
    // (its attempt is not counted).
    void release(qint64 id);
    QByteArray raw(qint64 id);

    // Right before the body is written (see SmtpSubmission::bodyStarting).
    void markBodyStarting(qint64 id);
    void markSent(qint64 id, const QDateTime &when);
    // Not delivered; due again at nextAttempt.
    void markRetry(qint64 id, const QString &error, const QDateTime &nextAttempt);
    // Refused for good: kept for the user to edit or retry.
    void markFailed(qint64 id, const QString &error);
    // The body left but no answer came: maybe delivered. Only the user resends it.
    void markUnknown(qint64 id, const QString &error);

    // The user's decision for a failed or unknown message (or a waiting queued one): send again
    // as soon as possible. False when the message is in another state or gone.
    bool retry(qint64 id);
    // The user drops a message that is not being sent right now; false otherwise.
    bool remove(qint64 id);
    // A sent message whose copy was filed in Sent leaves the outbox.
    void removeSent(qint64 id);
    // The account's messages, oldest first.
    QList<OutboxRow> list(qint64 accountId);
    // True when a message with this Message-ID is in one of the account's Sent folders in the
    // cache (the server filed it there itself, or another client did).
    bool inSentFolder(qint64 accountId, const QString &messageIdHeader);

private:
    void deleteRows(const QList<qint64> &ids); // inside the caller's transaction
    std::optional<OutboxRow> row(qint64 id);
    std::optional<qint64> nextDueId(qint64 accountId, const QDateTime &now); // the oldest queued and due
    // Runs an UPDATE/DELETE of one row by id (bound as ?1, text as ?2, time as ?3) in a
    // transaction of its own; true when it changed the row.
    bool changeRow(const char *sql, qint64 id, const std::optional<QString> &text = std::nullopt,
                   std::optional<qint64> time = std::nullopt);

    Database &m_db;
    std::unique_ptr<StoreReader> m_reader; // opened once, for the rows a claim returns
};

} // namespace Petrel::Store
