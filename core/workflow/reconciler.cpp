#include "reconciler.h"

#include "client.h"
#include "clock.h"
#include "logging.h"
#include "session.h"
#include "store.h"
#include "updateworkflow.h"

#include <QJsonArray>
#include <QPointer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace remise {

QJsonObject ReconcileReport::toJson() const
{
    QJsonArray list;
    for (const ReconcileItem &item : items)
        list.append(QJsonObject{{u"session"_s, item.sessionId},
                                {u"action"_s, item.action},
                                {u"reason"_s, item.reason},
                                {u"campaigns"_s, QJsonArray::fromStringList(item.campaigns)}});
    return QJsonObject{{u"committed"_s, committed},
                       {u"released"_s, released},
                       {u"kept"_s, kept},
                       {u"failed"_s, failed},
                       {u"sessions"_s, list}};
}

struct Reconciler::Pass
{
    bool dryRun = false;
    QPointer<QObject> context;
    bool hasContext = false;
    std::function<void(Result<ReconcileReport>)> done;
    QStringList sessions;
    qsizetype index = 0;
    ReconcileReport report;
    bool leased = false;
};

Reconciler::Reconciler(stripe::Client &client, Store &store, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
    , m_clock(clock)
    , m_owner(UpdateWorkflow::newLeaseOwner())
{}

Reconciler::~Reconciler() = default;

void Reconciler::run(bool dryRun, QObject *context,
                     std::function<void(Result<ReconcileReport>)> done)
{
    auto pass = std::make_shared<Pass>();
    pass->dryRun = dryRun;
    pass->context = context;
    pass->hasContext = context != nullptr;
    pass->done = std::move(done);
    QTimer::singleShot(0, this, [this, pass] {
        auto sessions = m_store.reservedSessions();
        if (!sessions) {
            if (pass->done && (!pass->hasContext || pass->context))
                pass->done(fail(errc::database, sessions.error().describe()));
            return;
        }
        pass->sessions = *sessions;
        next(pass);
    });
}

void Reconciler::next(std::shared_ptr<Pass> pass)
{
    if (pass->index >= pass->sessions.size()) {
        qCInfo(lcWorkflow) << "reconciled" << pass->sessions.size()
                           << "sessions:" << pass->report.committed << "committed,"
                           << pass->report.released << "released," << pass->report.kept << "kept,"
                           << pass->report.failed << "failed";
        if (pass->done && (!pass->hasContext || pass->context))
            pass->done(pass->report);
        return;
    }
    const QString id = pass->sessions.at(pass->index);
    pass->leased = false;
    if (!pass->dryRun) {
        // Under the session's update lease, so that no update runs meanwhile.
        const qint64 now = m_clock.nowMs();
        const qint64 until = now + 3 * m_client.config().totalTimeout.count() + 10'000;
        auto taken = m_store.acquireSessionLease(id, m_owner, now, until);
        if (taken && !*taken) {
            auto holder = m_store.sessionLease(id);
            if (holder && *holder && UpdateWorkflow::leaseOwnerIsGone((*holder)->owner))
                taken = m_store.takeOverSessionLease(id, (*holder)->owner, m_owner, until);
        }
        if (!taken)
            return finishItem(pass, {id, u"failed"_s, errc::database, {}});
        if (!*taken)
            return finishItem(pass, {id, u"kept"_s, u"busy"_s, {}});
        pass->leased = true;
    }
    const QJsonObject params{{u"expand"_s, QJsonArray{u"discounts.coupon"_s}}};
    m_client.get(u"/v1/checkout/sessions/"_s + id, params, this,
                 [this, pass, id](stripe::StripeResult<stripe::Response> response) {
                     if (!response) {
                         const QString reason =
                             response.error().kind == stripe::ApiError::Kind::NotFound
                                 ? errc::sessionNotFound
                                 : response.error().errorCode();
                         qCWarning(lcWorkflow).noquote() << "reconcile: cannot read" << id << ":"
                                                         << response.error().describe();
                         return finishItem(pass, {id, u"failed"_s, reason, {}});
                     }
                     settle(pass, id, response->body);
                 });
}

namespace {

QString customerKeyOf(const SessionSnapshot &s, const QString &email)
{
    if (!s.customerId.isEmpty())
        return s.customerId;
    return email.isEmpty() ? QString() : u"email:"_s + email.toLower();
}

} // namespace

void Reconciler::settle(std::shared_ptr<Pass> pass, const QString &id, const QJsonObject &object)
{
    auto session = SessionSnapshot::fromStripe(object);
    if (!session)
        return finishItem(pass, {id, u"failed"_s, errc::invalidSession, {}});
    auto reservations = m_store.reservations(id);
    if (!reservations)
        return finishItem(pass, {id, u"failed"_s, errc::database, {}});
    const SessionSnapshot &s = *session;
    // The decision the session's discount carries, when that discount is Remise's.
    QString carried;
    QStringList carriedCampaigns;
    if (!s.discounts.isEmpty() && UpdateWorkflow::ownsDiscount(s)) {
        carried = s.discounts.first().metadata.value(metadatakeys::decision);
        const QString campaigns = s.discounts.first().metadata.value(metadatakeys::campaigns);
        if (!campaigns.isEmpty())
            carriedCampaigns = campaigns.split(u',');
    }
    QList<ReservationLine> lines;
    bool pending = false;
    QString customerKey;
    for (const Reservation &r : std::as_const(*reservations)) {
        if (customerKey.isEmpty())
            customerKey = r.customerKey;
        if (!carried.isEmpty() && r.decisionId == carried) {
            lines.append({r.campaignId, r.amount});
            pending = pending || r.state == Reservation::State::Pending;
        }
    }
    QStringList campaigns;
    for (const ReservationLine &line : std::as_const(lines))
        campaigns.append(line.campaignId);
    const bool dry = pass->dryRun;

    if (s.status == u"complete") {
        const QString email = !s.detailsEmail.isEmpty() ? s.detailsEmail : s.customerEmail;
        if (lines.isEmpty() && !carried.isEmpty() && !carriedCampaigns.isEmpty()) {
            // Remise's discount without its reservation (released meanwhile): the redemption
            // is still a fact; the whole amount goes to the first campaign.
            const qint64 amount = s.discounts.first().amountOff.value_or(s.amountDiscount);
            for (qsizetype i = 0; i < carriedCampaigns.size(); ++i)
                lines.append({carriedCampaigns.at(i), i == 0 ? amount : 0});
            campaigns = carriedCampaigns;
        }
        CompletedOrder order;
        order.sessionId = id;
        order.decisionId = carried;
        order.customerKey = customerKey.isEmpty() ? customerKeyOf(s, email) : customerKey;
        order.customerId = s.customerId;
        order.email = email;
        order.currency = s.currency;
        order.amountTotal = s.amountTotal.value_or(s.subtotal - s.amountDiscount);
        order.lines = lines;
        order.completedMs = m_clock.nowMs();
        if (!dry) {
            if (auto recorded = m_store.completeOrder(order); !recorded) {
                qCWarning(lcWorkflow).noquote() << "reconcile:" << recorded.error().describe();
                return finishItem(pass, {id, u"failed"_s, errc::database, campaigns});
            }
        }
        if (lines.isEmpty())
            return finishItem(pass, {id, u"released"_s, u"completed_without_discount"_s, {}});
        return finishItem(pass, {id, u"committed"_s, u"completed"_s, campaigns});
    }

    QString releaseReason;
    if (s.status == u"expired")
        releaseReason = u"expired"_s;
    else if (s.status != u"open")
        releaseReason = u"not_open"_s;
    else if (carried.isEmpty())
        releaseReason = u"discount_gone"_s;
    else if (lines.isEmpty())
        releaseReason = u"discount_changed"_s;
    if (!releaseReason.isEmpty()) {
        QStringList released;
        for (const Reservation &r : std::as_const(*reservations))
            if (!released.contains(r.campaignId))
                released.append(r.campaignId);
        if (!dry) {
            if (auto done = m_store.releaseSession(id); !done)
                return finishItem(pass, {id, u"failed"_s, errc::database, released});
        }
        return finishItem(pass, {id, u"released"_s, releaseReason, released});
    }
    // Open and carrying the reserved discount: it stays held (a pending one is confirmed, and
    // reservations of other decisions are dropped).
    const bool others = std::any_of(reservations->begin(), reservations->end(),
                                    [&](const Reservation &r) { return r.decisionId != carried; });
    if (!dry && (pending || others)) {
        if (auto confirmed = m_store.confirmReservation(id, carried); !confirmed)
            return finishItem(pass, {id, u"failed"_s, errc::database, campaigns});
    }
    finishItem(pass, {id, u"kept"_s, pending ? u"confirmed"_s : u"held"_s, campaigns});
}

void Reconciler::finishItem(std::shared_ptr<Pass> pass, ReconcileItem item)
{
    if (pass->leased) {
        if (auto released = m_store.releaseSessionLease(item.sessionId, m_owner); !released)
            qCWarning(lcWorkflow).noquote() << "reconcile: could not give back the lease of"
                                            << item.sessionId << "(it will lapse)";
        pass->leased = false;
    }
    if (item.action == u"committed")
        ++pass->report.committed;
    else if (item.action == u"released")
        ++pass->report.released;
    else if (item.action == u"kept")
        ++pass->report.kept;
    else
        ++pass->report.failed;
    qCInfo(lcWorkflow).noquote() << "reconcile" << item.sessionId << item.action << item.reason;
    pass->report.items.append(std::move(item));
    ++pass->index;
    QTimer::singleShot(0, this, [this, pass] { next(pass); });
}

} // namespace remise
