// SqliteStore: what reconciling sessions needs (completed orders, the sessions behind
// reservations, how much of each limit is spent) and lease takeovers.

#include "logging.h"
#include "migrations.h"
#include "money.h"
#include "sqlitestore.h"
#include "sqlsupport.h"

#include <QHash>
#include <QSet>

using namespace Qt::StringLiterals;
using remise::sqlite::run;
using remise::sqlite::scalar;
using remise::sqlite::Transaction;

namespace remise {

Result<QStringList> SqliteStore::reservedSessions()
{
    const QString operation = u"cannot list the sessions holding reservations"_s;
    if (auto ready = require(sqlite::schema::limits, operation); !ready)
        return fail(ready.error());
    auto query = run(m_db, operation,
                     u"SELECT session_id FROM reservations GROUP BY session_id "
                     u"ORDER BY min(created_ms), session_id"_s,
                     {});
    if (!query)
        return fail(query.error());
    QStringList out;
    while (query->next())
        out.append(query->value(0).toString());
    return out;
}

Result<bool> SqliteStore::completeOrder(const CompletedOrder &order)
{
    const QString operation = u"cannot record the completed session %1"_s.arg(order.sessionId);
    if (auto ready = require(sqlite::schema::orders, operation); !ready)
        return fail(ready.error());
    if (order.sessionId.isEmpty())
        return fail(errc::invalidValue, operation + u": no session given"_s);
    if (!currency::isValidCode(order.currency))
        return fail(errc::invalidValue,
                    u"%1: \"%2\" is not a currency code"_s.arg(operation, order.currency));
    if (order.amountTotal < 0)
        return fail(errc::invalidValue, operation + u": a negative total"_s);
    auto transaction = Transaction::begin(m_db, Transaction::Kind::Write, operation);
    if (!transaction)
        return fail(transaction.error());
    // Once per session, whoever sees the completion first (the webhook or reconcile).
    auto marked = run(
        m_db, operation,
        u"INSERT INTO completed_sessions (session_id, decision_id, currency, "
        u"amount_total, completed_ms) VALUES (?, ?, ?, ?, ?) "
        u"ON CONFLICT (session_id) DO NOTHING"_s,
        {order.sessionId, order.decisionId, order.currency, order.amountTotal, order.completedMs});
    if (!marked)
        return fail(marked.error());
    const bool first = marked->numRowsAffected() == 1;
    if (first) {
        for (const ReservationLine &line : order.lines) {
            if (line.campaignId.isEmpty() || line.amount < 0)
                return fail(errc::invalidValue, operation + u": an invalid redemption line"_s,
                            line.campaignId);
            auto recorded =
                run(m_db, operation,
                    u"INSERT INTO redemptions (session_id, campaign_id, decision_id, "
                    u"customer_key, currency, amount, redeemed_ms) "
                    u"VALUES (?, ?, ?, ?, ?, ?, ?) "
                    u"ON CONFLICT (session_id, campaign_id) DO NOTHING"_s,
                    {order.sessionId, line.campaignId, order.decisionId, order.customerKey,
                     order.currency, line.amount, order.completedMs});
            if (!recorded)
                return fail(recorded.error());
        }
        if (!order.customerId.isEmpty() || !order.email.isEmpty()) {
            if (auto counted = countOrder(order, operation); !counted)
                return fail(counted.error());
        }
    }
    auto released =
        run(m_db, operation, u"DELETE FROM reservations WHERE session_id = ?"_s, {order.sessionId});
    if (!released)
        return fail(released.error());
    if (auto committed = transaction->commit(); !committed)
        return fail(committed.error());
    return first;
}

Status SqliteStore::countOrder(const CompletedOrder &order, const QString &operation)
{
    // The customer's profile (by Stripe id, else email), created when there is none: the next
    // session of this customer is no longer a first order.
    QVariant rowId;
    if (!order.customerId.isEmpty()) {
        auto byId = scalar(m_db, operation, u"SELECT id FROM customers WHERE stripe_id = ?"_s,
                           {order.customerId});
        if (!byId)
            return fail(byId.error());
        rowId = *byId;
    }
    if (!rowId.isValid() && !order.email.isEmpty()) {
        auto byEmail =
            scalar(m_db, operation, u"SELECT id FROM customers WHERE email = ?"_s, {order.email});
        if (!byEmail)
            return fail(byEmail.error());
        rowId = *byEmail;
    }
    if (rowId.isValid()) {
        auto counted = run(m_db, operation,
                           u"UPDATE customers SET order_count = order_count + 1, "
                           u"stripe_id = coalesce(stripe_id, ?) WHERE id = ?"_s,
                           {sqlite::nullIfEmpty(order.customerId), rowId});
        if (!counted)
            return fail(counted.error());
    } else {
        auto inserted =
            run(m_db, operation,
                u"INSERT INTO customers (stripe_id, email, order_count) "
                u"VALUES (?, ?, 1)"_s,
                {sqlite::nullIfEmpty(order.customerId), sqlite::nullIfEmpty(order.email)});
        if (!inserted)
            return fail(inserted.error());
        rowId = inserted->lastInsertId();
    }
    auto spent = run(m_db, operation,
                     u"INSERT INTO customer_spend (customer, currency, amount) VALUES (?, ?, ?) "
                     u"ON CONFLICT (customer, currency) DO UPDATE SET amount = amount + "
                     u"excluded.amount"_s,
                     {rowId, order.currency, order.amountTotal});
    if (!spent)
        return fail(spent.error());
    return {};
}

Result<QList<LimitUsage>> SqliteStore::limitUsage(qint64 nowMs)
{
    const QString operation = u"cannot read the usage of campaign limits"_s;
    if (auto ready = require(sqlite::schema::limits, operation); !ready)
        return fail(ready.error());
    auto rules = loadRules();
    if (!rules)
        return fail(rules.error());
    auto transaction = Transaction::begin(m_db, Transaction::Kind::Read, operation);
    if (!transaction)
        return fail(transaction.error());
    // Per campaign, currency, customer and state ('used', 'held', 'pending'): the count of
    // sessions and the amount. Expired reservations count for nothing.
    struct Tally
    {
        qint64 count = 0;
        qint64 amount = 0;
    };
    QHash<QString, Tally> tallies; // key: campaign \x1f state \x1f currency \x1f customer
    auto query = run(m_db, operation,
                     u"SELECT campaign_id, 'used', currency, customer_key, count(*), sum(amount) "
                     u"FROM redemptions GROUP BY 1, 2, 3, 4 "
                     u"UNION ALL "
                     u"SELECT campaign_id, state, currency, customer_key, count(*), sum(amount) "
                     u"FROM reservations WHERE expires_ms > ? GROUP BY 1, 2, 3, 4"_s,
                     {nowMs});
    if (!query)
        return fail(query.error());
    const auto key = [](const QString &campaign, const QString &state, const QString &currency,
                        const QString &customer) -> QString {
        return campaign + u'\x1f' + state + u'\x1f' + currency + u'\x1f' + customer;
    };
    QHash<QString, QSet<QString>> customersOf; // campaign -> customer keys seen
    QHash<QString, QSet<QString>> currenciesOf;
    while (query->next()) {
        const QString campaign = query->value(0).toString();
        const QString state = query->value(1).toString();
        const QString currency = query->value(2).toString();
        const QString customer = query->value(3).toString();
        Tally &t = tallies[key(campaign, state, currency, customer)];
        t.count += query->value(4).toLongLong();
        t.amount += query->value(5).toLongLong();
        customersOf[campaign].insert(customer);
        currenciesOf[campaign].insert(currency);
    }
    if (auto committed = transaction->commit(); !committed)
        return fail(committed.error());

    const QStringList states{u"used"_s, u"held"_s, u"pending"_s};
    const auto sum = [&](const QString &campaign, const QString &state,
                         std::function<bool(const QString &, const QString &)> keep, bool amounts) {
        qint64 total = 0;
        for (const QString &currency : currenciesOf.value(campaign))
            for (const QString &customer : customersOf.value(campaign))
                if (keep(currency, customer)) {
                    const Tally t = tallies.value(key(campaign, state, currency, customer));
                    total += amounts ? t.amount : t.count;
                }
        return total;
    };
    const auto all = [](const QString &, const QString &) {
        return true;
    };

    QList<LimitUsage> out;
    for (const Campaign &c : std::as_const(rules->campaigns)) {
        if (c.limits.maxRedemptions) {
            LimitUsage u{c.id, u"max_redemptions"_s, {}, *c.limits.maxRedemptions};
            u.used = sum(c.id, states[0], all, false);
            u.held = sum(c.id, states[1], all, false);
            u.pending = sum(c.id, states[2], all, false);
            u.left = std::max<qint64>(0, u.limitValue - u.used - u.held - u.pending);
            out.append(u);
        }
        if (c.limits.maxPerCustomer) {
            // Totals over every customer; `left` is what the customer closest to the limit
            // has left (docs/decisions.md).
            LimitUsage u{c.id, u"max_per_customer"_s, {}, *c.limits.maxPerCustomer};
            u.used = sum(c.id, states[0], all, false);
            u.held = sum(c.id, states[1], all, false);
            u.pending = sum(c.id, states[2], all, false);
            qint64 most = 0;
            for (const QString &customer : customersOf.value(c.id)) {
                if (customer.isEmpty())
                    continue;
                qint64 mine = 0;
                for (const QString &state : states)
                    mine += sum(
                        c.id, state,
                        [&](const QString &, const QString &k) { return k == customer; }, false);
                most = std::max(most, mine);
            }
            u.left = std::max<qint64>(0, u.limitValue - most);
            out.append(u);
        }
        if (c.limits.budget) {
            for (const auto &[currency, budget] : c.limits.budget->entries()) {
                LimitUsage u{c.id, u"budget"_s, currency, budget};
                const auto inCurrency = [&](const QString &cur, const QString &) {
                    return cur == currency;
                };
                u.used = sum(c.id, states[0], inCurrency, true);
                u.held = sum(c.id, states[1], inCurrency, true);
                u.pending = sum(c.id, states[2], inCurrency, true);
                u.left = std::max<qint64>(0, u.limitValue - u.used - u.held - u.pending);
                out.append(u);
            }
        }
    }
    return out;
}

Result<std::optional<SessionLease>> SqliteStore::sessionLease(const QString &sessionId)
{
    const QString operation = u"cannot read the update lease of session %1"_s.arg(sessionId);
    if (auto ready = require(sqlite::schema::leases, operation); !ready)
        return fail(ready.error());
    auto query =
        run(m_db, operation, u"SELECT owner, expires_ms FROM session_leases WHERE session_id = ?"_s,
            {sessionId});
    if (!query)
        return fail(query.error());
    if (!query->next())
        return std::optional<SessionLease>();
    return std::optional(SessionLease{query->value(0).toString(), query->value(1).toLongLong()});
}

Result<bool> SqliteStore::takeOverSessionLease(const QString &sessionId, const QString &staleOwner,
                                               const QString &owner, qint64 untilMs)
{
    const QString operation = u"cannot take over the update lease of session %1"_s.arg(sessionId);
    if (auto ready = require(sqlite::schema::leases, operation); !ready)
        return fail(ready.error());
    if (owner.isEmpty() || staleOwner.isEmpty())
        return fail(errc::invalidValue, operation + u": no owner given"_s);
    // Only while the stale owner still holds it: a live process that took it meanwhile wins.
    auto taken = run(m_db, operation,
                     u"UPDATE session_leases SET owner = ?, expires_ms = ? "
                     u"WHERE session_id = ? AND owner = ?"_s,
                     {owner, untilMs, sessionId, staleOwner});
    if (!taken)
        return fail(taken.error());
    return taken->numRowsAffected() == 1;
}

} // namespace remise
