#include "updateworkflow.h"

#include "client.h"
#include "clock.h"
#include "engine.h"
#include "json.h"
#include "logging.h"
#include "store.h"
#include "text.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace remise {

struct UpdateWorkflow::Job
{
    UpdateRequest request;
    QPointer<QObject> context;
    bool hasContext = false;
    Done done;
    qint64 startedMs = 0;

    SessionSnapshot session;
    QString code; // the code in force for this run
    QString customerKey;
    Decision decision;
    std::optional<DiscountPlan> plan;
    QJsonObject params;
    int stripeCalls = 0;
    int decideRounds = 0;
    bool reserved = false;
    bool leased = false;
    bool applied = false; ///< Stripe accepted the update
};

QString UpdateOutcome::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Applied:
        return u"applied"_s;
    case Kind::Removed:
        return u"removed"_s;
    case Kind::Unchanged:
        return u"unchanged"_s;
    case Kind::DryRun:
        return u"dry_run"_s;
    }
    return {};
}

QJsonObject UpdateOutcome::toJson() const
{
    QJsonObject out{{u"outcome"_s, kindName(kind)},
                    {u"session"_s, session.id},
                    {u"decision_id"_s, decision.id},
                    {u"before"_s, before.isEmpty() ? QJsonValue() : QJsonValue(before)},
                    {u"after"_s, after.isEmpty() ? QJsonValue() : QJsonValue(after)},
                    {u"amount_total"_s, amountTotal},
                    {u"stripe_calls"_s, stripeCalls},
                    {u"latency_ms"_s, latencyMs},
                    {u"decision"_s, decision.toJson()}};
    if (!stripeRequestId.isEmpty())
        out.insert(u"stripe_request_id"_s, stripeRequestId);
    if (!request.isEmpty())
        out.insert(u"request"_s, request);
    return out;
}

UpdateWorkflow::UpdateWorkflow(stripe::Client &client, Store &store, const Clock &clock,
                               QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
    , m_clock(clock)
    , m_owner(u"%1/%2"_s.arg(QCoreApplication::applicationPid())
                  .arg(QUuid::createUuid().toString(QUuid::WithoutBraces)))
{}

UpdateWorkflow::~UpdateWorkflow() = default;

Result<std::shared_ptr<const Engine>> UpdateWorkflow::engine()
{
    auto revision = m_store.rulesRevision();
    if (!revision)
        return fail(errc::database, revision.error().describe());
    if (!m_engine || *revision != m_engineRevision) {
        auto rules = m_store.loadRules();
        if (!rules)
            return fail(errc::database, rules.error().describe());
        m_engine = std::make_shared<const Engine>(std::move(*rules), *revision);
        m_engineRevision = *revision;
        qCInfo(lcWorkflow) << "rules loaded, revision" << *revision;
    }
    return m_engine;
}

QJsonObject UpdateWorkflow::updateParameters(const std::optional<DiscountPlan> &discount,
                                             const QString &decisionId, const QString &code)
{
    QJsonObject params{{u"expand"_s, QJsonArray{u"discounts"_s}}};
    if (!discount) {
        params.insert(u"discounts"_s, QString()); // "discounts=": emptyable, removes the discount
        return params;
    }
    // Metadata keys and values are length-limited: cut as Stripe counts (text.h).
    QJsonObject metadata;
    const auto put = [&metadata](const QString &key, const QString &value) {
        metadata.insert(text::cut(key, text::maxMetadataKeyLength),
                        text::cut(value, text::maxMetadataValueLength));
    };
    put(metadatakeys::campaigns, discount->campaigns.join(u','));
    put(metadatakeys::decision, decisionId);
    if (!code.isEmpty())
        put(metadatakeys::code, code);
    const QJsonObject couponData{{u"amount_off"_s, discount->amountOff},
                                 {u"currency"_s, discount->currency},
                                 {u"name"_s, discount->name},
                                 {u"duration"_s, u"once"_s},
                                 {u"metadata"_s, metadata}};
    params.insert(u"discounts"_s, QJsonArray{QJsonObject{{u"coupon_data"_s, couponData}}});
    return params;
}

QJsonObject UpdateWorkflow::discountJson(const SessionSnapshot &session)
{
    if (session.discounts.isEmpty())
        return {};
    const SessionDiscount &d = session.discounts.first();
    QJsonObject out;
    if (!d.couponId.isEmpty())
        out.insert(u"coupon"_s, d.couponId);
    if (!d.promotionCodeId.isEmpty())
        out.insert(u"promotion_code"_s, d.promotionCodeId);
    if (d.amountOff)
        out.insert(u"amount_off"_s, *d.amountOff);
    if (d.percentOff)
        out.insert(u"percent_off"_s, *d.percentOff);
    if (!d.currency.isEmpty())
        out.insert(u"currency"_s, d.currency);
    if (!d.name.isEmpty())
        out.insert(u"name"_s, d.name);
    const QString campaigns = d.metadata.value(metadatakeys::campaigns);
    if (!campaigns.isEmpty())
        out.insert(u"campaigns"_s, QJsonArray::fromStringList(campaigns.split(u',')));
    const QString decision = d.metadata.value(metadatakeys::decision);
    if (!decision.isEmpty())
        out.insert(u"decision"_s, decision);
    return out;
}

bool UpdateWorkflow::carries(const SessionSnapshot &session,
                             const std::optional<DiscountPlan> &plan)
{
    if (!plan)
        return session.discounts.isEmpty();
    if (session.discounts.size() != 1)
        return false;
    const SessionDiscount &d = session.discounts.first();
    return d.couponExpanded && d.amountOff == plan->amountOff && d.currency == plan->currency &&
           d.name == plan->name &&
           d.metadata.value(metadatakeys::campaigns) ==
               text::cut(plan->campaigns.join(u','), text::maxMetadataValueLength);
}

void UpdateWorkflow::run(const UpdateRequest &request, QObject *context, Done done)
{
    auto job = std::make_shared<Job>();
    job->request = request;
    job->context = context;
    job->hasContext = context != nullptr;
    job->done = std::move(done);
    auto &queue = m_queues[request.sessionId];
    queue.append(job);
    if (queue.size() == 1) // always asynchronous: `done` never runs inside run()
        QTimer::singleShot(0, this, [this, job] { start(job); });
    else
        qCDebug(lcWorkflow) << "update of" << request.sessionId << "queued behind another";
}

namespace {

Error fromStripe(const stripe::ApiError &e, const QString &what)
{
    if (e.kind == stripe::ApiError::Kind::NotFound)
        return Error{errc::sessionNotFound, u"%1: no such Checkout Session"_s.arg(what), {}, {}};
    // The one mapping of Stripe failures to codes, shared with every command (docs/errors.md).
    Error error = e.toError();
    error.message = what + u": "_s + error.message;
    return error;
}

/// Whether a run that failed with `code` failed (Stripe or the database let it down) rather
/// than being refused (the session or the request is not acceptable): the activity outcome.
bool isFailure(const QString &code)
{
    return code == errc::stripeUnavailable || code == errc::stripeTimeout ||
           code == errc::stripeError || code == errc::stripeAuthentication ||
           code == errc::database || code == errc::sessionBusy || code == errc::interrupted ||
           code == errc::invalidSession;
}

// A definite refusal from Stripe: the update did not happen.
bool definitelyFailed(const stripe::ApiError &e)
{
    using K = stripe::ApiError::Kind;
    return e.kind == K::InvalidRequest || e.kind == K::NotFound || e.kind == K::Authentication ||
           e.kind == K::Permission || e.kind == K::Card || e.kind == K::Refused ||
           (e.kind == K::Idempotency && e.httpStatus == 400);
}

QString codeRefusal(Reason reason)
{
    switch (reason) {
    case Reason::NotStarted:
        return u"This code is not valid yet."_s;
    case Reason::Ended:
        return u"This code has expired."_s;
    case Reason::NotActive:
    case Reason::CodeMismatch:
    case Reason::CodeMissing:
        return u"This code is not valid."_s;
    case Reason::MaxRedemptionsReached:
    case Reason::BudgetExhausted:
        return u"This code has been fully redeemed."_s;
    case Reason::CustomerLimitReached:
        return u"This code has already been used."_s;
    case Reason::NotFirstOrder:
        return u"This code is only valid on a first order."_s;
    case Reason::BelowMinSubtotal:
        return u"Your order does not reach the minimum for this code."_s;
    default:
        return u"This code cannot be used with this order."_s;
    }
}

} // namespace

QJsonObject UpdateWorkflow::planJson(const std::optional<DiscountPlan> &plan,
                                     const QString &decisionId)
{
    if (!plan)
        return {};
    return QJsonObject{{u"amount_off"_s, plan->amountOff},
                       {u"currency"_s, plan->currency},
                       {u"name"_s, plan->name},
                       {u"campaigns"_s, QJsonArray::fromStringList(plan->campaigns)},
                       {u"decision"_s, decisionId}};
}

Status UpdateWorkflow::rememberCode(const std::shared_ptr<Job> &job)
{
    switch (job->request.codeAction) {
    case UpdateRequest::Code::Submit:
        return m_store.setSessionCode(job->session.id, job->code, m_clock.nowMs());
    case UpdateRequest::Code::Remove:
        return m_store.clearSessionCode(job->session.id);
    case UpdateRequest::Code::Keep:
        break;
    }
    return {};
}

Status UpdateWorkflow::adoptCarried(const SessionSnapshot &session)
{
    // The session already carries the discount decided: its reservation is confirmed (a no-op
    // when it already is), which also repairs a run whose confirmation failed after Stripe
    // applied the update.
    if (session.discounts.isEmpty())
        return {};
    const QString decision = session.discounts.first().metadata.value(metadatakeys::decision);
    if (decision.isEmpty())
        return {};
    auto reservations = m_store.reservations(session.id);
    if (!reservations)
        return fail(errc::database, reservations.error().describe());
    const bool pending =
        std::any_of(reservations->begin(), reservations->end(), [&](const Reservation &r) {
            return r.decisionId == decision && r.state == Reservation::State::Pending;
        });
    if (!pending)
        return {};
    if (auto confirmed = m_store.confirmReservation(session.id, decision); !confirmed)
        return fail(errc::database, confirmed.error().describe());
    qCInfo(lcWorkflow) << "confirmed the pending reservation of" << session.id << decision;
    return {};
}

void UpdateWorkflow::start(std::shared_ptr<Job> job)
{
    job->startedMs = m_clock.nowMs();
    static const QRegularExpression sessionId(u"^cs_(test|live)_[A-Za-z0-9]{1,250}$"_s);
    if (!sessionId.match(job->request.sessionId).hasMatch()) {
        complete(job, fail(errc::invalidSessionId,
                           u"\"%1\" is not a Checkout Session id (cs_test_… or cs_live_…)"_s.arg(
                               job->request.sessionId.left(80))));
        return;
    }
    if (job->request.dryRun)
        retrieve(job); // changes nothing, so needs no lease
    else
        lease(job);
}

void UpdateWorkflow::lease(std::shared_ptr<Job> job)
{
    // The in-process queue keeps this workflow's runs apart; the lease keeps them apart from
    // other processes sharing the database (the desktop app and the service, or replicas). A
    // lease outlives the longest run (three Stripe calls), so one left by a crashed process
    // lapses on its own.
    const auto total = m_client.config().totalTimeout;
    const qint64 now = m_clock.nowMs();
    const qint64 leaseMs = 3 * total.count() + 10'000;
    auto taken = m_store.acquireSessionLease(job->request.sessionId, m_owner, now, now + leaseMs);
    if (!taken)
        return complete(job, fail(errc::database, taken.error().describe()));
    if (*taken) {
        job->leased = true;
        return retrieve(job);
    }
    if (now - job->startedMs >= total.count())
        return complete(
            job, fail(errc::sessionBusy, u"session %1 is being updated by another Remise process; "
                                         u"try again in a moment"_s.arg(job->request.sessionId)));
    qCDebug(lcWorkflow) << "update of" << job->request.sessionId << "waits for another process";
    QTimer::singleShot(leaseRetryInterval, this, [this, job] { lease(job); });
}

void UpdateWorkflow::retrieve(std::shared_ptr<Job> job)
{
    const QJsonObject params{
        {u"expand"_s, QJsonArray{u"line_items"_s, u"customer"_s, u"discounts.coupon"_s}}};
    m_client.get(
        u"/v1/checkout/sessions/"_s + job->request.sessionId, params, this,
        [this, job](stripe::StripeResult<stripe::Response> response) {
            job->stripeCalls = 1;
            if (!response) {
                complete(job, fail(fromStripe(response.error(), u"retrieving the session"_s)));
                return;
            }
            auto session = SessionSnapshot::fromStripe(response->body);
            if (!session) {
                complete(job, fail(errc::invalidSession, session.error().describe()));
                return;
            }
            if (session->hasLineItems && !session->lineItemsComplete) {
                // More items than the expansion carries: read them all.
                m_client.listAll(
                    u"/v1/checkout/sessions/%1/line_items"_s.arg(session->id), {}, 1000, this,
                    [this, job, s = *session](stripe::StripeResult<QJsonArray> items) mutable {
                        job->stripeCalls += 1;
                        if (!items) {
                            complete(job, fail(fromStripe(items.error(), u"reading line items"_s)));
                            return;
                        }
                        QJsonObject raw{{u"id"_s, s.id},
                                        {u"currency"_s, s.currency},
                                        {u"amount_subtotal"_s, s.subtotal},
                                        {u"line_items"_s,
                                         QJsonObject{{u"data"_s, *items}, {u"has_more"_s, false}}}};
                        auto complete_ = SessionSnapshot::fromStripe(raw);
                        if (complete_)
                            s.lineItems = complete_->lineItems;
                        s.lineItemsComplete = true;
                        decide(job, std::move(s), job->stripeCalls);
                    });
                return;
            }
            decide(job, std::move(*session), job->stripeCalls);
        });
}

void UpdateWorkflow::decide(std::shared_ptr<Job> job, SessionSnapshot session, int stripeCalls)
{
    job->stripeCalls = stripeCalls;
    job->session = std::move(session);
    const SessionSnapshot &s = job->session;
    const UpdateRequest &request = job->request;

    if (s.status != u"open")
        return complete(job,
                        fail(errc::sessionNotOpen,
                             u"session %1 is %2, not open: its discount can no longer change"_s.arg(
                                 s.id, s.status.isEmpty() ? u"in an unknown state"_s : s.status)));
    const bool liveKey = m_client.keyMode() == ApiKey::Mode::Live;
    if (s.livemode != liveKey)
        return complete(job, fail(errc::livemodeMismatch,
                                  u"session %1 is a %2 session but the key is a %3 key"_s.arg(
                                      s.id, s.livemode ? u"live"_s : u"test"_s,
                                      liveKey ? u"live"_s : u"test"_s)));
    if (s.mode != u"payment")
        return complete(
            job,
            fail(errc::unsupportedMode,
                 u"session %1 is in %2 mode; Remise discounts payment-mode sessions only"_s.arg(
                     s.id, s.mode.isEmpty() ? u"an unknown"_s : s.mode)));

    const QString email = !s.detailsEmail.isEmpty() ? s.detailsEmail
                          : s.customer              ? s.customer->email
                                                    : s.customerEmail;
    auto profile = m_store.findCustomer(s.customerId, email);
    if (!profile)
        return complete(job, fail(errc::database, profile.error().describe()));
    const CustomerContext customer = CustomerContext::build(s, *profile);
    job->customerKey = customer.key();

    switch (request.codeAction) {
    case UpdateRequest::Code::Keep: {
        auto stored = m_store.sessionCode(s.id);
        if (!stored)
            return complete(job, fail(errc::database, stored.error().describe()));
        job->code = *stored;
        break;
    }
    case UpdateRequest::Code::Submit:
        job->code = request.code.trimmed();
        break;
    case UpdateRequest::Code::Remove:
        job->code.clear();
        break;
    }

    auto engine = this->engine();
    if (!engine)
        return complete(job, fail(engine.error()));
    const qint64 now = m_clock.nowMs();
    auto usage = m_store.usage(s.id, job->customerKey, now);
    if (!usage)
        return complete(job, fail(errc::database, usage.error().describe()));
    DecisionInput input{job->code, now, std::move(*usage)};
    job->decision = (*engine)->decide(s, customer, input);
    ++job->decideRounds;

    if (request.codeAction == UpdateRequest::Code::Submit) {
        // The code is accepted when a campaign holding it is eligible (it may still lose to a
        // larger discount; the customer then gets the larger one).
        const QString folded = job->code.toCaseFolded();
        bool known = false;
        bool accepted = false;
        std::optional<Reason> refusal; // the furthest-reaching failure explains best
        for (const CampaignOutcome &o : std::as_const(job->decision.campaigns)) {
            const Campaign *c = (*engine)->rules().campaign(o.id);
            if (!c || !c->conditions.codes)
                continue;
            const bool holds =
                std::any_of(c->conditions.codes->begin(), c->conditions.codes->end(),
                            [&](const QString &k) { return k.trimmed().toCaseFolded() == folded; });
            if (!holds)
                continue;
            known = true;
            accepted = accepted || o.eligible;
            if (!o.eligible && (!refusal || int(o.reason) > int(*refusal)))
                refusal = o.reason;
        }
        if (job->code.isEmpty() || !accepted)
            return complete(
                job, fail(errc::codeNotAccepted,
                          known && refusal ? codeRefusal(*refusal) : u"This code is not valid."_s,
                          known && refusal ? reason::code(*refusal) : u"code_mismatch"_s));
    }

    job->plan = request.mode == UpdateRequest::Mode::Clear ? std::nullopt : job->decision.discount;
    job->params = updateParameters(job->plan, job->decision.id, job->code);

    if (request.dryRun || carries(s, job->plan)) {
        UpdateOutcome outcome;
        outcome.kind =
            request.dryRun ? UpdateOutcome::Kind::DryRun : UpdateOutcome::Kind::Unchanged;
        outcome.decision = job->decision;
        outcome.before = discountJson(s);
        outcome.after = request.dryRun ? QJsonObject() : outcome.before;
        if (request.dryRun)
            outcome.after = planJson(job->plan, job->decision.id);
        outcome.amountTotal = s.amountTotal.value_or(s.subtotal - s.amountDiscount);
        outcome.request = request.dryRun ? job->params : QJsonObject();
        outcome.session = s;
        outcome.stripeCalls = job->stripeCalls;
        if (!request.dryRun) {
            // Nothing changed on Stripe, so a store failure here fails the run cleanly.
            if (auto remembered = rememberCode(job); !remembered)
                return complete(job, fail(errc::database, remembered.error().describe()));
            if (auto adopted = adoptCarried(s); !adopted)
                return complete(job, fail(adopted.error()));
        }
        return complete(job, outcome);
    }

    if (job->plan) {
        // Reserve before telling Stripe, so limits hold even with sessions racing.
        QList<ReservationLine> lines;
        qint64 left = job->plan->amountOff;
        for (const QString &id : std::as_const(job->plan->campaigns)) {
            qint64 amount = 0;
            for (const CampaignOutcome &o : std::as_const(job->decision.campaigns))
                if (o.id == id)
                    amount = std::min(o.amountOff, left); // a stack capped at the subtotal
            left -= amount;
            lines.append({id, amount});
        }
        const qint64 expires =
            s.expiresAt > 0 ? (s.expiresAt + 3600) * 1000 : now + 25LL * 3600 * 1000;
        auto reserved = m_store.reserve(s.id, job->decision.id, job->customerKey, s.currency, lines,
                                        now, expires);
        if (!reserved) {
            if (reserved.error().code == errc::limitReached && job->decideRounds < 3) {
                // Another session took the last unit meanwhile: decide again with fresh usage.
                qCInfo(lcWorkflow) << "limit reached by another session for"
                                   << reserved.error().path << "- deciding" << s.id << "again";
                return decide(job, job->session, job->stripeCalls);
            }
            return complete(job,
                            fail(reserved.error().code == errc::limitReached ? errc::limitReached
                                                                             : errc::database,
                                 reserved.error().describe()));
        }
        job->reserved = true;
    }
    update(job);
}

void UpdateWorkflow::update(std::shared_ptr<Job> job)
{
    const QString key = u"remise-%1-%2"_s.arg(job->session.id, job->decision.id);
    m_client.post(
        u"/v1/checkout/sessions/"_s + job->session.id, job->params, key, this,
        [this, job](stripe::StripeResult<stripe::Response> response) {
            job->stripeCalls += 1;
            const SessionSnapshot &before = job->session;
            if (!response) {
                Error error = fromStripe(response.error(), u"updating the session"_s);
                if (job->reserved && definitelyFailed(response.error())) {
                    // The reservation may only stay pending (still counting against limits,
                    // so never an overspend) until the next run or reconcile resolves it.
                    if (auto cancelled = m_store.cancelReservation(before.id, job->decision.id);
                        !cancelled)
                        error.details.push_back(
                            Error{errc::database, cancelled.error().describe(), {}, {}});
                }
                // Otherwise the update may have happened: the pending reservation
                // stays until the session is read again, completes or expires.
                complete(job, fail(std::move(error)));
                return;
            }
            const QJsonObject body = response->body;
            const qint64 discount =
                json::integer(json::object(body, u"total_details"), u"amount_discount")
                    .value_or(-1);
            const qint64 expected = job->plan ? job->plan->amountOff : 0;
            const qsizetype discounts = json::array(body, u"discounts").size();
            if (discount != expected || discounts != (job->plan ? 1 : 0)) {
                complete(
                    job,
                    fail(
                        errc::stripeError,
                        u"Stripe accepted the update of %1 but the session shows a discount of %2 instead of %3"_s
                            .arg(before.id)
                            .arg(discount)
                            .arg(expected)));
                return;
            }
            // Stripe applied the update: from here on the session carries the new discount,
            // whatever the store says, and the activity entry must show it.
            job->applied = true;
            Status recorded = job->plan ? m_store.confirmReservation(before.id, job->decision.id)
                                        : m_store.releaseSession(before.id);
            if (recorded)
                recorded = rememberCode(job);
            if (!recorded) {
                // The discount is on the session but the store could not record it. The run
                // fails (database_error) rather than report a success the store does not
                // reflect; the reservation stays pending, so limits stay safe, and the next
                // run on the session (which finds the discount in place) or `reconcile`
                // confirms it (docs/decisions.md, "Interrupted and half-recorded updates").
                complete(job, fail(errc::database,
                                   u"the discount of %1 was updated on Stripe but could not be "
                                   u"recorded (%2); the next update or reconcile records it"_s.arg(
                                       before.id, recorded.error().describe())));
                return;
            }

            UpdateOutcome outcome;
            outcome.kind = job->plan ? UpdateOutcome::Kind::Applied : UpdateOutcome::Kind::Removed;
            outcome.decision = job->decision;
            outcome.before = discountJson(before);
            outcome.after = planJson(job->plan, job->decision.id);
            outcome.amountTotal = json::integer(body, u"amount_total").value_or(0);
            outcome.request = job->params;
            outcome.stripeRequestId = response->requestId;
            outcome.session = before;
            outcome.stripeCalls = job->stripeCalls;
            complete(job, outcome);
        });
}

void UpdateWorkflow::complete(std::shared_ptr<Job> job, Result<UpdateOutcome> result)
{
    const qint64 now = m_clock.nowMs();
    const UpdateRequest &request = job->request;
    if (result)
        result->latencyMs = now - job->startedMs;

    if (!request.dryRun) {
        ActivityEntry entry;
        entry.atMs = now;
        entry.actor = request.actor;
        entry.action = request.action;
        entry.sessionId = request.sessionId.left(255);
        entry.latencyMs = now - job->startedMs;
        if (result) {
            entry.decisionId = result->decision.id;
            entry.before = result->before;
            entry.after = result->after;
            entry.stripeRequestId = result->stripeRequestId;
            entry.outcome = UpdateOutcome::kindName(result->kind);
            if (result->decision.discount)
                entry.message =
                    u"%1 off (%2)"_s.arg(currency::format(result->decision.discount->amountOff,
                                                          result->decision.currency),
                                         result->decision.discount->name);
        } else {
            const QString code = result.error().code;
            entry.decisionId = job->decision.id;
            entry.before = job->session.id.isEmpty() ? QJsonObject() : discountJson(job->session);
            entry.after = job->applied ? planJson(job->plan, job->decision.id) : entry.before;
            entry.outcome = isFailure(code) ? u"failed"_s : u"refused"_s;
            entry.message = code + u": "_s + result.error().message;
        }
        if (auto appended = m_store.appendActivity(entry); !appended)
            qCWarning(lcWorkflow) << "could not record activity:" << appended.error().describe();
    }
    if (result)
        qCInfo(lcWorkflow).noquote()
            << request.action << request.sessionId << UpdateOutcome::kindName(result->kind) << "in"
            << result->latencyMs << "ms; Stripe calls:" << result->stripeCalls;
    else
        qCInfo(lcWorkflow).noquote()
            << request.action << request.sessionId << "failed:" << result.error().describe();

    if (job->leased) {
        if (auto released = m_store.releaseSessionLease(request.sessionId, m_owner); !released)
            qCWarning(lcWorkflow) << "could not give back the lease (it will lapse):"
                                  << released.error().describe();
    }
    if (job->done && (!job->hasContext || job->context))
        job->done(result);
    emit finished(request.sessionId,
                  result ? UpdateOutcome::kindName(result->kind) : result.error().code);

    auto it = m_queues.find(request.sessionId);
    if (it != m_queues.end()) {
        it->removeAll(job);
        if (it->isEmpty()) {
            m_queues.erase(it);
        } else {
            auto next = it->first();
            QTimer::singleShot(0, this, [this, next] { start(next); });
        }
    }
}

} // namespace remise
