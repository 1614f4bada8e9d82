#pragma once

#include "campaign.h"
#include "money.h"
#include "session.h"
#include "store.h"

#include <QList>
#include <QStringList>

#include <atomic>

/// What publishing a draft would change, computed with the engine (docs/drafts.md, "Impact").
namespace remise::drafts {

/// One open session decided with the live rules and with the draft.
struct SessionImpact
{
    QString sessionId;
    QString email;
    QString currency;
    qint64 subtotal = 0;
    qint64 current = 0; ///< the discount the session carries now
    qint64 live = 0;    ///< what the live rules give it
    qint64 draft = 0;   ///< what the draft gives it
    QStringList liveCampaigns;
    QStringList draftCampaigns;

    qint64 delta() const { return draft - live; }
    bool changed() const { return draft != live || liveCampaigns != draftCampaigns; }
};

/// Completed sessions decided again, as of their creation, with one rule book.
struct BacktestSide
{
    int discounted = 0;   ///< sessions that would have received a discount
    CurrencyAmounts cost; ///< the discounts' total, per currency
};

struct ImpactReport
{
    QList<SessionImpact> open; ///< every open session, in the order given
    int changed = 0;           ///< how many of them would change discount
    int backtestSessions = 0;
    BacktestSide backtestLive;
    BacktestSide backtestDraft;
    QStringList skipped; ///< sessions that could not be decided, with the reason
    bool cancelled = false;
};

/// Decides every session with both rule books, as the update workflow would: the local
/// profile (Store::findCustomer), the limits' usage and the customer's code from `store`, at
/// `nowMs`. Completed sessions are decided as of their creation, with no usage (their own
/// redemptions are already counted) and the code their discount recorded. Reads only; writes
/// nothing. Stops early (report.cancelled) once `*cancel` is set.
ImpactReport computeImpact(Store &store, const CampaignSet &live, const CampaignSet &draft,
                           const QList<SessionSnapshot> &open,
                           const QList<SessionSnapshot> &completed, qint64 nowMs,
                           const std::atomic<bool> *cancel = nullptr);

} // namespace remise::drafts
