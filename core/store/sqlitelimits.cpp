// SqliteStore: limits bookkeeping (usage, reservations, redemptions), session codes, webhook
// events and the activity log.

#include "json.h"
#include "logging.h"
#include "migrations.h"
#include "secrets.h"
#include "sqlitestore.h"
#include "sqlsupport.h"

#include <QSet>

using namespace Qt::StringLiterals;
using remise::sqlite::run;
using remise::sqlite::scalar;
using remise::sqlite::Transaction;

namespace remise {

namespace {

QString quoted(const QString &text)
{
    return u'"' + text + u'"';
}

QString stateName(Reservation::State state)
{
    return state == Reservation::State::Held ? u"held"_s : u"pending"_s;
}

// Lines as the workflow builds them: one per campaign, no negative amounts.
Status validateLines(const QList<ReservationLine> &lines, const QString &currency,
                     const QString &operation)
{
    if (!currency::isValidCode(currency))
        return fail(errc::invalidValue,
                    u"%1: \"%2\" is not a currency code"_s.arg(operation, currency));
    QSet<QString> seen;
    for (const ReservationLine &line : lines) {
        if (line.campaignId.isEmpty() || seen.contains(line.campaignId))
            return fail(errc::invalidValue,
                        u"%1: each line needs a campaign of its own"_s.arg(operation),
                        line.campaignId);
        if (line.amount < 0)
            return fail(errc::invalidValue, u"%1: a negative amount"_s.arg(operation),
                        line.campaignId);
        seen.insert(line.campaignId);
    }
    return {};
}

} // namespace

// --- usage and reservations --------------------------------------------------------------------

Result<QHash<QString, CampaignUsage>> SqliteStore::usageOf(const QString &sessionId,
                                                           const QString &customerKey, qint64 nowMs,
                                                           const QString &campaignId,
                                                           const QString &operation)
{
    // Completed redemptions plus live reservations of other sessions, for campaigns with limits
    // ('{}' is how the JSON column holds "no limits"). One row per campaign and currency.
    // CROSS JOIN keeps the campaigns as the outer loop, so the cost follows the rows of limited
    // campaigns (through the indexes on campaign_id), not every open session's reservation.
    const QString oneCampaign = campaignId.isEmpty() ? QString() : u" AND c.id = ?"_s;
    const QString sql =
        u"SELECT u.campaign_id, u.currency, count(*), sum(u.mine), sum(u.amount) FROM ("
        u" SELECT r.campaign_id, r.currency, r.amount,"
        u"  (r.customer_key <> '' AND r.customer_key = ?) AS mine"
        u" FROM campaigns c CROSS JOIN redemptions r ON r.campaign_id = c.id"
        u" WHERE c.limits <> '{}'"_s +
        oneCampaign +
        u" UNION ALL"
        u" SELECT v.campaign_id, v.currency, v.amount,"
        u"  (v.customer_key <> '' AND v.customer_key = ?)"
        u" FROM campaigns c CROSS JOIN reservations v ON v.campaign_id = c.id"
        u" WHERE c.limits <> '{}' AND v.session_id <> ? AND v.expires_ms > ?"_s +
        oneCampaign + u") u GROUP BY u.campaign_id, u.currency"_s;
    QVariantList values{customerKey};
    if (!campaignId.isEmpty())
        values.append(campaignId);
    values.append({customerKey, sessionId, nowMs});
    if (!campaignId.isEmpty())
        values.append(campaignId);

    auto query = run(m_db, operation, sql, values);
    if (!query)
        return fail(query.error());
    QHash<QString, CampaignUsage> usage;
    while (query->next()) {
        CampaignUsage &u = usage[query->value(0).toString()];
        u.redemptions += query->value(2).toLongLong();
        u.customerRedemptions += query->value(3).toLongLong();
        u.budgetUsed.set(query->value(1).toString(), query->value(4).toLongLong());
    }
    return usage;
}

Result<QHash<QString, CampaignUsage>> SqliteStore::usage(const QString &sessionId,
                                                         const QString &customerKey, qint64 nowMs)
{
    const QString operation = u"cannot read the usage of campaign limits"_s;
    if (auto ready = require(sqlite::schema::limits, operation); !ready)
        return fail(ready.error());
    return usageOf(sessionId, customerKey, nowMs, QString(), operation);
}

Status SqliteStore::reserve(const QString &sessionId, const QString &decisionId,
                            const QString &customerKey, const QString &currency,
                            const QList<ReservationLine> &lines, qint64 nowMs, qint64 expiresMs)
{
    const QString operation = u"cannot reserve the discount of session %1"_s.arg(sessionId);
    if (auto ready = require(sqlite::schema::limits, operation); !ready)
        return fail(ready.error());
    if (sessionId.isEmpty() || decisionId.isEmpty())
        return fail(errc::invalidValue, operation + u": a session and a decision are needed"_s);
    if (expiresMs <= nowMs)
        return fail(errc::invalidValue, operation + u": the reservation would expire at once"_s);
    if (auto valid = validateLines(lines, currency, operation); !valid)
        return valid;

    // BEGIN IMMEDIATE: no other connection can write between the check and the insert.
    auto transaction = Transaction::begin(m_db, Transaction::Kind::Write, operation);
    if (!transaction)
        return fail(transaction.error());
    auto purged =
        run(m_db, operation, u"DELETE FROM reservations WHERE expires_ms <= ?"_s, {nowMs});
    if (!purged)
        return fail(purged.error());
    if (purged->numRowsAffected() > 0)
        qCDebug(lcStore) << "purged" << purged->numRowsAffected() << "expired reservations";
    // Reserving the same decision again (a retry) replaces its lines.
    auto replaced =
        run(m_db, operation, u"DELETE FROM reservations WHERE session_id = ? AND decision_id = ?"_s,
            {sessionId, decisionId});
    if (!replaced)
        return fail(replaced.error());
    auto segments = segmentIds(operation);
    if (!segments)
        return fail(segments.error());

    for (const ReservationLine &line : lines) {
        auto campaign = readCampaign(line.campaignId, *segments, operation);
        if (!campaign) {
            Error error = campaign.error();
            error.path = line.campaignId;
            return fail(error);
        }
        const Limits &limits = campaign->limits;
        if (limits.isEmpty())
            continue;
        auto usage = usageOf(sessionId, customerKey, nowMs, line.campaignId, operation);
        if (!usage)
            return fail(usage.error());
        const CampaignUsage used = usage->value(line.campaignId);
        // The same rules as the engine's, so a decision made on fresh usage always passes.
        QString reached;
        if (limits.maxRedemptions && used.redemptions >= *limits.maxRedemptions)
            reached = u"its %1 redemptions are taken"_s.arg(*limits.maxRedemptions);
        else if (limits.maxPerCustomer && customerKey.isEmpty())
            reached = u"it has a per-customer limit and the customer is unknown"_s;
        else if (limits.maxPerCustomer && used.customerRedemptions >= *limits.maxPerCustomer)
            reached = u"the customer has used it %1 times already"_s.arg(used.customerRedemptions);
        else if (limits.budget) {
            const qint64 budget = limits.budget->value(currency).value_or(0);
            const qint64 spent = used.budgetUsed.value(currency).value_or(0);
            if (spent + line.amount > budget)
                reached = u"its budget has %1 left, not %2"_s.arg(
                    currency::format(std::max<qint64>(budget - spent, 0), currency),
                    currency::format(line.amount, currency));
        }
        if (!reached.isEmpty()) {
            qCInfo(lcStore).noquote() << "limit reached for campaign" << line.campaignId
                                      << "in session" << sessionId << "-" << reached;
            return fail(
                errc::limitReached,
                u"campaign %1 cannot be reserved: %2"_s.arg(quoted(line.campaignId), reached),
                line.campaignId);
        }
    }
    for (const ReservationLine &line : lines) {
        auto inserted =
            run(m_db, operation,
                u"INSERT INTO reservations (session_id, decision_id, campaign_id, customer_key, "
                u"currency, amount, state, created_ms, expires_ms) "
                u"VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)"_s,
                {sessionId, decisionId, line.campaignId, customerKey, currency, line.amount, nowMs,
                 expiresMs});
        if (!inserted)
            return fail(inserted.error());
    }
    return transaction->commit();
}

Status SqliteStore::confirmReservation(const QString &sessionId, const QString &decisionId)
{
    const QString operation = u"cannot confirm the reservation of session %1"_s.arg(sessionId);
    if (auto ready = require(sqlite::schema::limits, operation); !ready)
        return fail(ready.error());
    auto transaction = Transaction::begin(m_db, Transaction::Kind::Write, operation);
    if (!transaction)
        return fail(transaction.error());
    auto held = run(m_db, operation,
                    u"UPDATE reservations SET state = 'held' "
                    u"WHERE session_id = ? AND decision_id = ?"_s,
                    {sessionId, decisionId});
    if (!held)
        return fail(held.error());
    if (held->numRowsAffected() == 0)
        qCDebug(lcStore) << "nothing reserved to confirm for" << sessionId << decisionId;
    auto released = run(m_db, operation,
                        u"DELETE FROM reservations WHERE session_id = ? AND decision_id <> ?"_s,
                        {sessionId, decisionId});
    if (!released)
        return fail(released.error());
    return transaction->commit();
}

Status SqliteStore::cancelReservation(const QString &sessionId, const QString &decisionId)
{
    const QString operation = u"cannot cancel the reservation of session %1"_s.arg(sessionId);
    if (auto ready = require(sqlite::schema::limits, operation); !ready)
        return fail(ready.error());
    auto dropped = run(m_db, operation,
                       u"DELETE FROM reservations "
                       u"WHERE session_id = ? AND decision_id = ? AND state = 'pending'"_s,
                       {sessionId, decisionId});
    if (!dropped)
        return fail(dropped.error());
    return {};
}

Status SqliteStore::releaseSession(const QString &sessionId)
{
    const QString operation = u"cannot release the reservations of session %1"_s.arg(sessionId);
    if (auto ready = require(sqlite::schema::limits, operation); !ready)
        return fail(ready.error());
    auto released =
        run(m_db, operation, u"DELETE FROM reservations WHERE session_id = ?"_s, {sessionId});
    if (!released)
        return fail(released.error());
    return {};
}

Result<QList<Reservation>> SqliteStore::reservations(const QString &sessionId)
{
    const QString operation = u"cannot read the reservations of session %1"_s.arg(sessionId);
    if (auto ready = require(sqlite::schema::limits, operation); !ready)
        return fail(ready.error());
    auto query = run(m_db, operation,
                     u"SELECT session_id, campaign_id, decision_id, customer_key, currency, "
                     u"amount, state, created_ms, expires_ms FROM reservations "
                     u"WHERE session_id = ? ORDER BY created_ms, decision_id, campaign_id"_s,
                     {sessionId});
    if (!query)
        return fail(query.error());
    QList<Reservation> out;
    while (query->next()) {
        Reservation r;
        r.sessionId = query->value(0).toString();
        r.campaignId = query->value(1).toString();
        r.decisionId = query->value(2).toString();
        r.customerKey = query->value(3).toString();
        r.currency = query->value(4).toString();
        r.amount = query->value(5).toLongLong();
        r.state = query->value(6).toString() == stateName(Reservation::State::Held)
                      ? Reservation::State::Held
                      : Reservation::State::Pending;
        r.createdMs = query->value(7).toLongLong();
        r.expiresMs = query->value(8).toLongLong();
        out.append(r);
    }
    return out;
}

Status SqliteStore::commitRedemptions(const QString &sessionId, const QString &decisionId,
                                      const QString &customerKey, const QString &currency,
                                      const QList<ReservationLine> &lines, qint64 nowMs)
{
    const QString operation = u"cannot record the redemptions of session %1"_s.arg(sessionId);
    if (auto ready = require(sqlite::schema::limits, operation); !ready)
        return fail(ready.error());
    if (sessionId.isEmpty())
        return fail(errc::invalidValue, operation + u": no session given"_s);
    if (auto valid = validateLines(lines, currency, operation); !valid)
        return valid;
    auto transaction = Transaction::begin(m_db, Transaction::Kind::Write, operation);
    if (!transaction)
        return fail(transaction.error());
    // The session completed with the discount: a fact to record, never refused for limits. A
    // repeat (the same webhook delivered twice) adds nothing.
    for (const ReservationLine &line : lines) {
        auto recorded = run(
            m_db, operation,
            u"INSERT INTO redemptions (session_id, campaign_id, decision_id, "
            u"customer_key, currency, amount, redeemed_ms) "
            u"VALUES (?, ?, ?, ?, ?, ?, ?) "
            u"ON CONFLICT (session_id, campaign_id) DO NOTHING"_s,
            {sessionId, line.campaignId, decisionId, customerKey, currency, line.amount, nowMs});
        if (!recorded)
            return fail(recorded.error());
    }
    auto released =
        run(m_db, operation, u"DELETE FROM reservations WHERE session_id = ?"_s, {sessionId});
    if (!released)
        return fail(released.error());
    return transaction->commit();
}

Result<bool> SqliteStore::holdsPending(const QString &sessionId, const QString &decisionId)
{
    const QString operation = u"cannot read the reservations of session %1"_s.arg(sessionId);
    if (auto ready = require(sqlite::schema::limits, operation); !ready)
        return fail(ready.error());
    auto held = scalar(m_db, operation,
                       u"SELECT 1 FROM reservations WHERE session_id = ? AND decision_id = ? "
                       u"AND state = ? LIMIT 1"_s,
                       {sessionId, decisionId, stateName(Reservation::State::Pending)});
    if (!held)
        return fail(held.error());
    return held->isValid();
}

// --- session codes and webhook events ----------------------------------------------------------

Result<QString> SqliteStore::sessionCode(const QString &sessionId)
{
    const QString operation = u"cannot read the code of session %1"_s.arg(sessionId);
    if (auto ready = require(sqlite::schema::sessions, operation); !ready)
        return fail(ready.error());
    auto code = scalar(m_db, operation, u"SELECT code FROM session_codes WHERE session_id = ?"_s,
                       {sessionId});
    if (!code)
        return fail(code.error());
    return code->toString();
}

Status SqliteStore::setSessionCode(const QString &sessionId, const QString &code, qint64 nowMs)
{
    if (code.isEmpty())
        return clearSessionCode(sessionId);
    const QString operation = u"cannot save the code of session %1"_s.arg(sessionId);
    if (auto ready = require(sqlite::schema::sessions, operation); !ready)
        return fail(ready.error());
    auto saved = run(m_db, operation,
                     u"INSERT INTO session_codes (session_id, code, updated_ms) VALUES (?, ?, ?) "
                     u"ON CONFLICT (session_id) DO UPDATE SET code = excluded.code, "
                     u"updated_ms = excluded.updated_ms"_s,
                     {sessionId, code, nowMs});
    if (!saved)
        return fail(saved.error());
    return {};
}

Status SqliteStore::clearSessionCode(const QString &sessionId)
{
    const QString operation = u"cannot clear the code of session %1"_s.arg(sessionId);
    if (auto ready = require(sqlite::schema::sessions, operation); !ready)
        return fail(ready.error());
    auto cleared =
        run(m_db, operation, u"DELETE FROM session_codes WHERE session_id = ?"_s, {sessionId});
    if (!cleared)
        return fail(cleared.error());
    return {};
}

Result<bool> SqliteStore::markEventProcessed(const QString &eventId, const QString &type,
                                             qint64 nowMs)
{
    const QString operation = u"cannot record webhook event %1"_s.arg(eventId);
    if (auto ready = require(sqlite::schema::sessions, operation); !ready)
        return fail(ready.error());
    if (eventId.isEmpty())
        return fail(errc::invalidValue, operation + u": no event id given"_s);
    auto recorded = run(m_db, operation,
                        u"INSERT INTO webhook_events (event_id, type, processed_ms) "
                        u"VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING"_s,
                        {eventId, type, nowMs});
    if (!recorded)
        return fail(recorded.error());
    return recorded->numRowsAffected() == 1;
}

// --- session leases ----------------------------------------------------------------------------

Result<bool> SqliteStore::acquireSessionLease(const QString &sessionId, const QString &owner,
                                              qint64 nowMs, qint64 untilMs)
{
    const QString operation = u"cannot take the update lease of session %1"_s.arg(sessionId);
    if (auto ready = require(sqlite::schema::leases, operation); !ready)
        return fail(ready.error());
    if (sessionId.isEmpty() || owner.isEmpty())
        return fail(errc::invalidValue, operation + u": no session or owner given"_s);
    // One statement: insert, or take over a lease that is ours or has expired. SQLite runs it
    // under the write lock, so two processes cannot both win.
    auto taken = run(m_db, operation,
                     u"INSERT INTO session_leases (session_id, owner, expires_ms) VALUES (?, ?, ?) "
                     u"ON CONFLICT (session_id) DO UPDATE SET owner = excluded.owner, "
                     u"expires_ms = excluded.expires_ms "
                     u"WHERE session_leases.owner = excluded.owner "
                     u"OR session_leases.expires_ms <= ?"_s,
                     {sessionId, owner, untilMs, nowMs});
    if (!taken)
        return fail(taken.error());
    return taken->numRowsAffected() == 1;
}

Status SqliteStore::releaseSessionLease(const QString &sessionId, const QString &owner)
{
    const QString operation = u"cannot give back the update lease of session %1"_s.arg(sessionId);
    if (auto ready = require(sqlite::schema::leases, operation); !ready)
        return fail(ready.error());
    auto released =
        run(m_db, operation, u"DELETE FROM session_leases WHERE session_id = ? AND owner = ?"_s,
            {sessionId, owner});
    if (!released)
        return fail(released.error());
    return {};
}

// --- activity log ------------------------------------------------------------------------------

Result<qint64> SqliteStore::appendActivity(const ActivityEntry &entry)
{
    const QString operation = u"cannot append to the activity log"_s;
    if (auto ready = require(sqlite::schema::activity, operation); !ready)
        return fail(ready.error());
    // The log is shown to support staff: whatever a caller put in it, no secret is kept. Most
    // entries (nothing changed) have the same discount before and after: written once.
    const QString before = redactSecrets(sqlite::jsonText(entry.before));
    const QString after =
        entry.after == entry.before ? before : redactSecrets(sqlite::jsonText(entry.after));
    auto appended = run(
        m_db, operation,
        u"INSERT INTO activity (at_ms, actor, action, session_id, decision_id, before_json, "
        u"after_json, stripe_request_id, latency_ms, outcome, message) "
        u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        {entry.atMs, entry.actor, entry.action, entry.sessionId, entry.decisionId, before, after,
         entry.stripeRequestId, entry.latencyMs, entry.outcome, redactSecrets(entry.message)});
    if (!appended)
        return fail(appended.error());
    return appended->lastInsertId().toLongLong();
}

Result<RecordedRuns> SqliteStore::recordRuns(const QList<RunRecord> &ended,
                                             const QStringList &starting, const QString &leaseOwner,
                                             qint64 nowMs, qint64 leaseUntilMs)
{
    const QString operation =
        ended.size() == 1 && starting.isEmpty()
            ? u"cannot record the end of the update of session %1"_s.arg(
                  ended.first().entry.sessionId)
            : u"cannot record the end of %1 session updates and the start of %2"_s.arg(ended.size())
                  .arg(starting.size());
    if (auto ready = require(sqlite::schema::leases, operation); !ready)
        return fail(ready.error());
    RecordedRuns recorded;
    if (ended.isEmpty() && starting.isEmpty())
        return recorded;
    recorded.entryIds.reserve(ended.size());
    recorded.leasesTaken.reserve(starting.size());
    std::optional<Transaction> transaction; // one statement needs none of its own
    if (!ended.isEmpty() || starting.size() > 1) {
        auto begun = Transaction::begin(m_db, Transaction::Kind::Write, operation);
        if (!begun)
            return fail(begun.error());
        transaction.emplace(std::move(*begun));
    }
    for (const RunRecord &record : ended) {
        auto appended = appendActivity(record.entry);
        if (!appended)
            return fail(appended.error());
        recorded.entryIds.append(*appended);
        if (record.releaseLease)
            if (auto released = releaseSessionLease(record.entry.sessionId, leaseOwner); !released)
                return fail(released.error());
    }
    for (const QString &id : starting) {
        auto taken = acquireSessionLease(id, leaseOwner, nowMs, leaseUntilMs);
        if (!taken)
            return fail(taken.error());
        recorded.leasesTaken.append(*taken);
    }
    if (transaction)
        if (auto committed = transaction->commit(); !committed)
            return fail(committed.error());
    return recorded;
}

Result<QList<ActivityEntry>> SqliteStore::activity(const ActivityFilter &filter)
{
    const QString operation = u"cannot read the activity log"_s;
    if (auto ready = require(sqlite::schema::activity, operation); !ready)
        return fail(ready.error());
    // Fixed clauses chosen by which filters are set; every value is bound.
    QStringList where;
    QVariantList values;
    if (!filter.sessionId.isEmpty()) {
        where.append(u"session_id = ?"_s);
        values.append(filter.sessionId);
    }
    if (!filter.outcome.isEmpty()) {
        where.append(u"outcome = ?"_s);
        values.append(filter.outcome);
    }
    if (filter.sinceMs > 0) {
        where.append(u"at_ms >= ?"_s);
        values.append(filter.sinceMs);
    }
    if (filter.untilMs > 0) {
        where.append(u"at_ms < ?"_s);
        values.append(filter.untilMs);
    }
    if (filter.beforeId > 0) {
        where.append(u"id < ?"_s);
        values.append(filter.beforeId);
    }
    values.append(std::clamp(filter.limit, 1, 10000));
    const QString sql =
        u"SELECT id, at_ms, actor, action, session_id, decision_id, before_json, after_json, "
        u"stripe_request_id, latency_ms, outcome, message FROM activity"_s +
        (where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s)) +
        u" ORDER BY id DESC LIMIT ?"_s;
    auto query = run(m_db, operation, sql, values);
    if (!query)
        return fail(query.error());
    QList<ActivityEntry> out;
    while (query->next()) {
        ActivityEntry e;
        e.id = query->value(0).toLongLong();
        e.atMs = query->value(1).toLongLong();
        e.actor = query->value(2).toString();
        e.action = query->value(3).toString();
        e.sessionId = query->value(4).toString();
        e.decisionId = query->value(5).toString();
        auto before =
            sqlite::parseJsonText(query->value(6).toString(), u"activity entry %1"_s.arg(e.id));
        if (!before)
            return fail(before.error());
        e.before = before->toObject();
        auto after =
            sqlite::parseJsonText(query->value(7).toString(), u"activity entry %1"_s.arg(e.id));
        if (!after)
            return fail(after.error());
        e.after = after->toObject();
        e.stripeRequestId = query->value(8).toString();
        e.latencyMs = query->value(9).toLongLong();
        e.outcome = query->value(10).toString();
        e.message = query->value(11).toString();
        out.append(std::move(e));
    }
    return out;
}

} // namespace remise
