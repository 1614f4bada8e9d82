// The update workflow: reading a session, deciding its discount, reserving and updating it.
// Completing, shutting down and abandoning runs are in updateworkflowending.cpp.

#include "updateworkflow.h"

#include "client.h"
#include "clock.h"
#include "engine.h"
#include "json.h"
#include "logging.h"
#include "store.h"
#include "text.h"
#include "updateworkflowjob.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QPointer>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTimer>
#include <QUuid>

#include <cerrno>
#include <csignal>

using namespace Qt::StringLiterals;

namespace remise {

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
    if (!idempotencyKey.isEmpty())
        out.insert(u"idempotency_key"_s, idempotencyKey);
    out.insert(u"would_update"_s, wouldUpdate);
    if (!warnings.isEmpty())
        out.insert(u"warnings"_s, QJsonArray::fromStringList(warnings));
    return out;
}

UpdateWorkflow::UpdateWorkflow(stripe::Client &client, Store &store, const Clock &clock,
                               QObject *parent)
    : UpdateWorkflow(client, store, clock, Options(), parent)
{}

UpdateWorkflow::UpdateWorkflow(stripe::Client &client, Store &store, const Clock &clock,
                               Options options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
    , m_clock(clock)
    , m_owner(newLeaseOwner())
    , m_options(options)
{}

QString UpdateWorkflow::newLeaseOwner()
{
    QString host = QSysInfo::machineHostName();
    host.remove(u'/');
    return u"%1/%2/%3"_s.arg(host)
        .arg(QCoreApplication::applicationPid())
        .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
}

bool UpdateWorkflow::leaseOwnerIsGone(const QString &owner)
{
    const QStringList parts = owner.split(u'/');
    if (parts.size() != 3)
        return false; // an older Remise's name, or another kind of owner: let it lapse
    QString host = QSysInfo::machineHostName();
    host.remove(u'/');
    if (parts.at(0) != host)
        return false; // cannot see processes of another host
    bool ok = false;
    const qint64 pid = parts.at(1).toLongLong(&ok);
    if (!ok || pid <= 0 || pid == QCoreApplication::applicationPid())
        return false;
    return ::kill(pid_t(pid), 0) == -1 && errno == ESRCH;
}

QString UpdateWorkflow::idempotencyKey(const QString &sessionId, const QString &decisionId)
{
    return u"remise-%1-%2"_s.arg(sessionId, decisionId);
}

bool UpdateWorkflow::ownsDiscount(const SessionSnapshot &session)
{
    if (session.discounts.isEmpty())
        return true;
    for (const SessionDiscount &d : session.discounts) {
        if (!d.promotionCodeId.isEmpty() || !d.couponExpanded)
            return false; // promotion codes are never Remise's; an unread coupon is not proven
        if (!d.metadata.contains(metadatakeys::decision) &&
            !d.metadata.contains(metadatakeys::campaigns))
            return false;
    }
    return true;
}

UpdateWorkflow::~UpdateWorkflow()
{
    // Runs that ended in this turn of the event loop keep their entries (nobody is left to
    // answer).
    if (m_ending.empty())
        return;
    QList<RunRecord> records;
    for (const Ending &ending : m_ending)
        records.append(ending.record);
    if (auto written = m_store.recordRuns(records, {}, m_owner, 0, 0); !written)
        qCWarning(lcWorkflow) << "could not record activity:" << written.error().describe();
}

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
    // After shutdown() a run still answers once, asynchronously, with `interrupted` (start()).
    auto job = std::make_shared<Job>();
    job->request = request;
    job->context = context;
    job->hasContext = context != nullptr;
    job->done = std::move(done);
    auto &queue = m_queues[request.sessionId];
    queue.append(job);
    if (queue.size() == 1) {
        // Still asynchronous: `done` never runs inside run(). A run that starts at once ends,
        // at the earliest, with the next turn's writes; a dry run or one refused during shutdown
        // may end at once, so it starts on the next turn.
        if (!m_shuttingDown && !request.dryRun)
            start(job);
        else
            QTimer::singleShot(0, this, [this, job] { start(job); });
    } else
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

Status UpdateWorkflow::restoreCode(const std::shared_ptr<Job> &job)
{
    if (!job->codeStored)
        return {};
    job->codeStored = false;
    return job->storedCode.isEmpty()
               ? m_store.clearSessionCode(job->session.id)
               : m_store.setSessionCode(job->session.id, job->storedCode, m_clock.nowMs());
}

Status UpdateWorkflow::adoptCarried(const Job &job)
{
    // The session already carries the discount decided: its pending reservation (read with
    // the run's other reads, in evaluate()) is confirmed, which also repairs a run whose
    // confirmation failed after Stripe applied the update.
    if (!job.carriedPending)
        return {};
    const QString &id = job.session.id;
    if (auto confirmed = m_store.confirmReservation(id, job.carriedDecision); !confirmed)
        return fail(errc::database, confirmed.error().describe());
    qCInfo(lcWorkflow) << "confirmed the pending reservation of" << id << job.carriedDecision;
    return {};
}

void UpdateWorkflow::start(std::shared_ptr<Job> job)
{
    if (job->finished)
        return;
    job->startedMs = m_clock.nowMs();
    if (m_shuttingDown)
        return complete(job, fail(errc::interrupted, u"Remise is shutting down"_s));
    static const QRegularExpression sessionId(u"^cs_(test|live)_[A-Za-z0-9]{1,250}$"_s);
    if (!sessionId.match(job->request.sessionId).hasMatch()) {
        complete(job, fail(errc::invalidSessionId,
                           u"\"%1\" is not a Checkout Session id (cs_test_… or cs_live_…)"_s.arg(
                               job->request.sessionId.left(80))));
        return;
    }
    if (job->request.dryRun)
        return retrieve(job); // changes nothing, so needs no lease
    // Runs that start in the same turn of the event loop take their leases together, in the
    // transaction that records the runs that ended (writeTurn).
    m_leasing.push_back(std::move(job));
    scheduleWriteTurn();
}

void UpdateWorkflow::retrieve(std::shared_ptr<Job> job)
{
    const QJsonObject params{
        {u"expand"_s, QJsonArray{u"line_items"_s, u"customer"_s, u"discounts.coupon"_s}}};
    m_client.get(
        u"/v1/checkout/sessions/"_s + job->request.sessionId, params, this,
        [this, job](stripe::StripeResult<stripe::Response> response) {
            if (job->finished)
                return; // abandoned meanwhile: nothing was changed
            job->stripeCalls = 1;
            if (!response) {
                complete(job, fail(fromStripe(response.error(), u"reading the session"_s)));
                return;
            }
            // Whether Stripe lets the server update this session's discount, when the object
            // says so (Stripe may leave the field out: then the update call finds out).
            const json::View object = response->reader->root();
            const json::View permission = object.object("permissions").value("update_discounts");
            if (permission.isString())
                job->updatesPermitted = permission.toString() == u"server_only";
            else if (permission.isNull())
                job->updatesPermitted = false;
            auto session = SessionSnapshot::fromStripe(object);
            if (!session) {
                complete(job, fail(errc::invalidSession, session.error().describe()));
                return;
            }
            if (session->hasLineItems && !session->lineItemsComplete) {
                // More items than the expansion carries: read them all.
                m_client.listAll(
                    u"/v1/checkout/sessions/%1/line_items"_s.arg(session->id), {}, 1000, this,
                    [this, job, s = *session](stripe::StripeResult<QJsonArray> items) mutable {
                        if (job->finished)
                            return;
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
        },
        stripe::Client::Body::Reader);
}

// --- deciding: one concern per step ------------------------------------------------------------

void UpdateWorkflow::decide(std::shared_ptr<Job> job, SessionSnapshot session, int stripeCalls)
{
    job->stripeCalls = stripeCalls;
    job->session = std::move(session);
    if (auto ok = checkSession(*job); !ok)
        return complete(job, fail(ok.error()));
    // The run's reads (customer, code, rules, usage, reservations) in one snapshot.
    if (auto ok = m_store.readTogether([&] { return evaluate(*job); }); !ok)
        return complete(job, fail(ok.error()));
    if (auto ok = checkCode(*job); !ok)
        return complete(job, fail(ok.error()));
    if (carries(job->session, job->plan))
        return finishWithoutUpdate(job); // the update call is not written: most refreshes
    job->params = updateParameters(job->plan, job->decision.id, job->code);
    job->key = idempotencyKey(job->session.id, job->decision.id);
    if (auto ok = checkChange(*job); !ok)
        return complete(job, fail(ok.error()));
    if (job->request.dryRun)
        return finishWithoutUpdate(job);
    reserve(job);
}

// The session itself: open, in the key's mode, a payment.
Status UpdateWorkflow::checkSession(const Job &job) const
{
    const SessionSnapshot &s = job.session;
    if (s.status != u"open")
        return fail(errc::sessionNotOpen,
                    u"session %1 is %2, not open: its discount can no longer change"_s.arg(
                        s.id, s.status.isEmpty() ? u"in an unknown state"_s : s.status));
    const bool liveKey = m_client.keyMode() == ApiKey::Mode::Live;
    if (s.livemode != liveKey)
        return fail(errc::livemodeMismatch,
                    u"session %1 is a %2 session but the key is a %3 key"_s.arg(
                        s.id, s.livemode ? u"live"_s : u"test"_s, liveKey ? u"live"_s : u"test"_s));
    if (s.mode != u"payment")
        return fail(errc::unsupportedMode,
                    u"session %1 is in %2 mode; Remise discounts payment-mode sessions only"_s.arg(
                        s.id, s.mode.isEmpty() ? u"an unknown"_s : s.mode));
    return {};
}

// The customer, the code in force, the rules and the usage of limits: the decision.
Status UpdateWorkflow::evaluate(Job &job)
{
    const SessionSnapshot &s = job.session;
    const UpdateRequest &request = job.request;
    const QString email = !s.detailsEmail.isEmpty() ? s.detailsEmail
                          : s.customer              ? s.customer->email
                                                    : s.customerEmail;
    auto profile = m_store.findCustomer(s.customerId, email);
    if (!profile)
        return fail(errc::database, profile.error().describe());
    const CustomerContext customer = CustomerContext::build(s, *profile);
    job.customerKey = customer.key();

    auto stored = m_store.sessionCode(s.id);
    if (!stored)
        return fail(errc::database, stored.error().describe());
    job.storedCode = *stored;
    switch (request.codeAction) {
    case UpdateRequest::Code::Keep:
        job.code = job.storedCode;
        break;
    case UpdateRequest::Code::Submit:
        job.code = request.code.trimmed();
        break;
    case UpdateRequest::Code::Remove:
        job.code.clear();
        break;
    }

    auto engine = this->engine();
    if (!engine)
        return fail(engine.error());
    job.engine = *engine;
    // A rule book without campaigns is far more likely a wrong database than an intent: it
    // never changes a discount unless allowed (docs/decisions.md, "Ownership").
    job.rulesEmpty = (*engine)->rules().campaigns.isEmpty();
    if (job.rulesEmpty && request.mode != UpdateRequest::Mode::Clear && !m_options.allowEmptyRules)
        return fail(errc::noCampaigns,
                    u"the rule book has no campaigns, so Remise changes no discount (import "
                    u"campaigns, check the database path, or allow an empty rule book to clear "
                    u"Remise's discounts)"_s);
    const qint64 now = m_clock.nowMs();
    // Usage matters only to campaigns with limits; most rule books have few or none.
    const auto &campaigns = (*engine)->rules().campaigns;
    const bool limited = std::any_of(campaigns.cbegin(), campaigns.cend(),
                                     [](const Campaign &c) { return !c.limits.isEmpty(); });
    QHash<QString, CampaignUsage> usage;
    if (limited) {
        auto used = m_store.usage(s.id, job.customerKey, now);
        if (!used)
            return fail(errc::database, used.error().describe());
        usage = std::move(*used);
    }
    DecisionInput input{job.code, now, std::move(usage)};
    job.decision = (*engine)->decide(s, customer, input);
    ++job.decideRounds;

    job.plan = request.mode == UpdateRequest::Mode::Clear || job.rulesEmpty ? std::nullopt
                                                                            : job.decision.discount;

    // A run that finds its decision already on the session confirms that decision's pending
    // reservation, if any (adoptCarried); only such a run reads the reservations.
    job.carriedDecision = s.discounts.isEmpty()
                              ? QString()
                              : s.discounts.first().metadata.value(metadatakeys::decision);
    job.carriedPending = false;
    if (!job.carriedDecision.isEmpty() && !request.dryRun && carries(s, job.plan)) {
        auto pending = m_store.holdsPending(s.id, job.carriedDecision);
        if (!pending)
            return fail(errc::database, pending.error().describe());
        job.carriedPending = *pending;
    }
    return {};
}

// A submitted code is accepted when a campaign holding it is eligible (it may still lose to a
// larger discount; the customer then gets the larger one).
Status UpdateWorkflow::checkCode(const Job &job) const
{
    if (job.request.codeAction != UpdateRequest::Code::Submit)
        return {};
    const QString folded = job.code.toCaseFolded();
    bool known = false;
    bool accepted = false;
    std::optional<Reason> refusal; // the furthest-reaching failure explains best
    for (const CampaignOutcome &o : std::as_const(job.decision.campaigns)) {
        const Campaign *c = job.engine->rules().campaign(o.id);
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
    if (job.code.isEmpty() || !accepted)
        return fail(errc::codeNotAccepted,
                    known && refusal ? codeRefusal(*refusal) : u"This code is not valid."_s,
                    known && refusal ? reason::code(*refusal) : u"code_mismatch"_s);
    return {};
}

// The run would change the session's discount: may it?
Status UpdateWorkflow::checkChange(const Job &job) const
{
    const SessionSnapshot &s = job.session;
    // Ownership: a discount someone else set stays, unless handed over by policy; an empty
    // rule book clears only Remise's own (docs/decisions.md, "Ownership").
    if (!ownsDiscount(s) && (!m_options.replaceForeignDiscounts || job.rulesEmpty)) {
        const SessionDiscount &d = s.discounts.first();
        return fail(
            errc::foreignDiscount,
            u"session %1 carries a discount Remise did not set (%2); it is left alone%3"_s.arg(
                s.id,
                !d.promotionCodeId.isEmpty() ? u"promotion code "_s + d.promotionCodeId
                                             : u"coupon "_s + d.couponId,
                job.rulesEmpty ? QString() : u" (foreign_discounts = replace hands it over)"_s));
    }
    if (job.updatesPermitted == std::optional(false))
        return fail(errc::updatesNotPermitted,
                    u"session %1 was not created with permissions[update_discounts]=server_only, "
                    u"so Stripe does not let a server change its discount"_s.arg(s.id));
    return {};
}

// No update call: the session already carries the decision, or this is a dry run.
void UpdateWorkflow::finishWithoutUpdate(std::shared_ptr<Job> job)
{
    const SessionSnapshot &s = job->session;
    const bool dryRun = job->request.dryRun;
    const bool wouldUpdate = !carries(s, job->plan);
    UpdateOutcome outcome;
    outcome.kind = dryRun ? UpdateOutcome::Kind::DryRun : UpdateOutcome::Kind::Unchanged;
    outcome.decision = job->decision;
    outcome.before = discountJson(s);
    outcome.after = wouldUpdate ? planJson(job->plan, job->decision.id) : outcome.before;
    outcome.amountTotal = s.amountTotal.value_or(s.subtotal - s.amountDiscount);
    outcome.wouldUpdate = wouldUpdate;
    if (dryRun && wouldUpdate) {
        outcome.request = job->params;
        outcome.idempotencyKey = job->key;
        if (!job->updatesPermitted)
            outcome.warnings.append(
                u"the session object does not say whether it was created with "
                u"permissions[update_discounts]=server_only; the real run finds out"_s);
    }
    outcome.session = s;
    outcome.stripeCalls = job->stripeCalls;
    if (!dryRun) {
        // Nothing changed on Stripe, so a store failure here fails the run cleanly.
        if (auto remembered = rememberCode(job); !remembered)
            return complete(job, fail(errc::database, remembered.error().describe()));
        if (auto adopted = adoptCarried(*job); !adopted)
            return complete(job, fail(adopted.error()));
    }
    complete(job, outcome);
}

// Reserve before telling Stripe, so limits hold even with sessions racing.
void UpdateWorkflow::reserve(std::shared_ptr<Job> job)
{
    if (!job->plan)
        return update(job);
    const SessionSnapshot &s = job->session;
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
    const qint64 now = m_clock.nowMs();
    const qint64 expires = s.expiresAt > 0 ? (s.expiresAt + 3600) * 1000 : now + 25LL * 3600 * 1000;
    auto reserved =
        m_store.reserve(s.id, job->decision.id, job->customerKey, s.currency, lines, now, expires);
    if (!reserved) {
        if (reserved.error().code == errc::limitReached && job->decideRounds < 3) {
            // Another session took the last unit meanwhile: decide again with fresh usage.
            qCInfo(lcWorkflow) << "limit reached by another session for" << reserved.error().path
                               << "- deciding" << s.id << "again";
            return decide(job, job->session, job->stripeCalls);
        }
        return complete(job, fail(reserved.error().code == errc::limitReached ? errc::limitReached
                                                                              : errc::database,
                                  reserved.error().describe()));
    }
    job->reserved = true;
    update(job);
}

namespace {
// Stripe's refusal of a discount update on a session created without the permission.
bool isPermissionRefusal(const stripe::ApiError &e)
{
    return e.kind == stripe::ApiError::Kind::InvalidRequest && e.param == u"discounts" &&
           e.message.contains(u"update_discounts"_s);
}
} // namespace

void UpdateWorkflow::update(std::shared_ptr<Job> job)
{
    // A submitted or removed code is stored before Stripe is told: a run cut off once the
    // update may have happened (killed, abandoned, an answer lost) leaves the store saying
    // what the customer asked for, and the next run finds the session as the code has it
    // (docs/decisions.md, "Half-recorded updates"). A sure refusal puts the old code back.
    if (job->request.codeAction != UpdateRequest::Code::Keep) {
        if (auto remembered = rememberCode(job); !remembered) {
            Error error{errc::database, remembered.error().describe(), {}, {}};
            if (job->reserved) {
                if (auto cancelled = m_store.cancelReservation(job->session.id, job->decision.id);
                    !cancelled)
                    error.details.push_back(
                        Error{errc::database, cancelled.error().describe(), {}, {}});
            }
            complete(job, fail(std::move(error)));
            return;
        }
        job->codeStored = true;
    }
    job->updateInFlight = true;
    m_client.post(
        u"/v1/checkout/sessions/"_s + job->session.id, job->params, job->key, this,
        [this, job](stripe::StripeResult<stripe::Response> response) {
            job->updateInFlight = false;
            job->stripeCalls += 1;
            if (job->finished) {
                // Abandoned while waiting (shutdown): put the store in step with what happened.
                afterAbandonedUpdate(job, response.has_value(),
                                     !response && definitelyFailed(response.error()));
                return;
            }
            const SessionSnapshot &before = job->session;
            if (!response) {
                Error error =
                    isPermissionRefusal(response.error())
                        ? Error{errc::updatesNotPermitted,
                                u"session %1 was not created with "
                                u"permissions[update_discounts]=server_only: "_s.arg(before.id) +
                                    response.error().describe(),
                                {},
                                {}}
                        : fromStripe(response.error(), u"updating the session"_s);
                if (definitelyFailed(response.error())) {
                    // Refused for sure: the reservation is cancelled (should that fail, it
                    // stays pending, still counting against limits, until the next run or
                    // reconcile) and the code the store had is put back.
                    if (job->reserved) {
                        if (auto cancelled = m_store.cancelReservation(before.id, job->decision.id);
                            !cancelled)
                            error.details.push_back(
                                Error{errc::database, cancelled.error().describe(), {}, {}});
                    }
                    if (auto restored = restoreCode(job); !restored)
                        error.details.push_back(
                            Error{errc::database, restored.error().describe(), {}, {}});
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
            const Status recorded = job->plan
                                        ? m_store.confirmReservation(before.id, job->decision.id)
                                        : m_store.releaseSession(before.id);
            if (!recorded) {
                // The discount is on the session but the store could not record it. The run
                // fails (database_error) rather than report a success the store does not
                // reflect; the reservation stays pending, so limits stay safe, and the next
                // run on the session (which finds the discount in place) or `reconcile`
                // confirms it (docs/decisions.md, "Half-recorded updates").
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
            outcome.idempotencyKey = job->key;
            outcome.wouldUpdate = true;
            outcome.stripeRequestId = response->requestId;
            outcome.session = before;
            outcome.stripeCalls = job->stripeCalls;
            complete(job, outcome);
        });
}

} // namespace remise
