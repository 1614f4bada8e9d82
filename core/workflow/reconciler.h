#pragma once

#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>

namespace remise {
class Clock;
class Store;
namespace stripe {
class Client;
}

/// What reconciling did to one session.
struct ReconcileItem
{
    QString sessionId;
    QString action; ///< "committed" | "released" | "kept" | "failed"
    QString reason; ///< e.g. completed, expired, discount_gone, discount_changed, held, confirmed
    QStringList campaigns;
};

struct ReconcileReport
{
    QList<ReconcileItem> items;
    int committed = 0, released = 0, kept = 0, failed = 0;
    QJsonObject toJson() const;
};

/// Brings reservations in step with the sessions behind them, without webhooks
/// (docs/architecture.md, "Reconciling"): for every session holding a pending or held
/// reservation, reads the session from Stripe and
/// - commits it when it completed carrying Remise's discount (the redemptions, and one more
///   order with its total in the customer's profile, like the completed webhook), or records
///   the order and releases when it completed without it;
/// - releases it when it expired, or its discount is gone or is not the reserved one;
/// - keeps it while it is open with that discount (confirming a pending reservation the
///   session turns out to carry).
/// Idempotent; safe beside `apply` and `serve` (each session is handled under its update
/// lease, and a busy session is kept for the next round). A dry run reads and reports only.
class Reconciler : public QObject
{
    Q_OBJECT
public:
    Reconciler(stripe::Client &client, Store &store, const Clock &clock, QObject *parent = nullptr);
    ~Reconciler() override;

    /// `done` is called once, on this thread, unless `context` is gone. Fails only when the
    /// store cannot list the sessions; a session that cannot be read is a "failed" item.
    void run(bool dryRun, QObject *context, std::function<void(Result<ReconcileReport>)> done);

private:
    struct Pass;
    void next(std::shared_ptr<Pass> pass);
    void settle(std::shared_ptr<Pass> pass, const QString &sessionId, const QJsonObject &session);
    void finishItem(std::shared_ptr<Pass> pass, ReconcileItem item);

    stripe::Client &m_client;
    Store &m_store;
    const Clock &m_clock;
    const QString m_owner;
};

} // namespace remise
