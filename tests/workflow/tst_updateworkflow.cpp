// The update workflow in process: a real SQLite store, the real Stripe client, and a small
// stateful fake Checkout Session API on loopback that can fail on demand.

#include "campaignfile.h"
#include "client.h"
#include "formcodec.h"
#include "server.h"
#include "sqlitestore.h"
#include "transport.h"
#include "updateworkflow.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;

namespace {

class ImmediateScheduler final : public Scheduler
{
public:
    void after(std::chrono::milliseconds, QObject *context, std::function<void()> fn) override
    {
        QTimer::singleShot(0, context, std::move(fn));
    }
};

// One Checkout Session with a subtotal of 180.00 EUR, updated like Stripe would.
class FakeCheckout
{
public:
    FakeCheckout()
    {
        server.route("GET", u"/v1/checkout/sessions/{id}"_s,
                     [this](const http::Request &r, auto responder) {
                         log.append(u"GET "_s + r.pathParams.first());
                         respond(r, std::move(responder), [this, r] {
                             return http::Response::json(200, session(r.pathParams.first()));
                         });
                     });
        server.route("POST", u"/v1/checkout/sessions/{id}"_s,
                     [this](const http::Request &r, auto responder) {
                         log.append(u"POST "_s + r.pathParams.first());
                         respond(r, std::move(responder), [this, r] { return update(r); });
                     });
        port = server.listenOn(QHostAddress::LocalHost, 0);
    }

    QJsonObject session(const QString &id) const
    {
        const qint64 discount = coupon.isEmpty() ? 0 : coupon[u"amount_off"].toInteger();
        QJsonObject s{
            {u"id"_s, id},
            {u"object"_s, u"checkout.session"_s},
            {u"status"_s, status},
            {u"mode"_s, u"payment"_s},
            {u"livemode"_s, false},
            {u"currency"_s, u"eur"_s},
            {u"amount_subtotal"_s, 18000},
            {u"amount_total"_s, 18000 - discount},
            {u"total_details"_s, QJsonObject{{u"amount_discount"_s, discount}}},
            {u"customer"_s, QJsonValue()},
            {u"customer_details"_s,
             QJsonObject{{u"email"_s, u"ann@example.org"_s},
                         {u"address"_s, QJsonObject{{u"country"_s, country}}}}},
            {u"discounts"_s,
             coupon.isEmpty()
                 ? QJsonArray{}
                 : QJsonArray{QJsonObject{{u"coupon"_s, coupon},
                                          {u"promotion_code"_s, promotionCode.isEmpty()
                                                                    ? QJsonValue()
                                                                    : QJsonValue(promotionCode)}}}},
            {u"line_items"_s, QJsonObject{{u"object"_s, u"list"_s},
                                          {u"has_more"_s, false},
                                          {u"data"_s, QJsonArray{}}}}};
        if (!permission.isUndefined())
            s.insert(u"permissions"_s, QJsonObject{{u"update_discounts"_s, permission}});
        return s;
    }

    http::Response update(const http::Request &r)
    {
        if (status != u"open")
            return http::Response::json(
                400, {{u"error"_s, QJsonObject{{u"type"_s, u"invalid_request_error"_s},
                                               {u"message"_s, u"not open"_s}}}});
        const auto params = form::decode(r.body);
        const QJsonValue discounts = (*params)[u"discounts"];
        if (!permission.isUndefined() && permission != QJsonValue(u"server_only"_s))
            return http::Response::json(
                400, {{u"error"_s,
                       QJsonObject{{u"type"_s, u"invalid_request_error"_s},
                                   {u"param"_s, u"discounts"_s},
                                   {u"message"_s,
                                    u"This Checkout Session's discounts can only be "
                                    u"updated from your server when it was created "
                                    u"with permissions[update_discounts]=server_only."_s}}}});
        promotionCode.clear();
        if (discounts.isString()) {
            coupon = {};
        } else {
            const QJsonObject data = discounts[0][u"coupon_data"].toObject();
            coupon = {{u"id"_s, u"coupon_%1"_s.arg(++coupons)},
                      {u"amount_off"_s, data[u"amount_off"].toString().toLongLong()},
                      {u"currency"_s, data[u"currency"]},
                      {u"name"_s, data[u"name"]},
                      {u"metadata"_s, data[u"metadata"]}};
        }
        ++updates;
        QJsonObject s = session(r.pathParams.first());
        s.remove(u"line_items"_s);
        return http::Response::json(200, s).withHeader("Request-Id",
                                                       "req_update" + QByteArray::number(updates));
    }

    void respond(const http::Request &, std::shared_ptr<http::Responder> responder,
                 std::function<http::Response()> make)
    {
        if (failNext > 0) {
            --failNext;
            responder->send(
                http::Response::json(failStatus,
                                     {{u"error"_s, QJsonObject{{u"type"_s, u"api_error"_s},
                                                               {u"message"_s, u"injected"_s}}}})
                    .withHeader("Stripe-Should-Retry", "false"));
            return;
        }
        // Answer a little later, so that overlapping runs would show in the log.
        QTimer::singleShot(20, &server, [responder, make] { responder->send(make()); });
    }

    http::Server server;
    quint16 port = 0;
    QString status = u"open"_s;
    QString country = u"BE"_s;
    QJsonObject coupon;
    QString promotionCode;
    QJsonValue permission = QJsonValue(QJsonValue::Undefined); ///< absent unless set
    int coupons = 0;
    int updates = 0;
    int failNext = 0;
    int failStatus = 500;
    QStringList log;
};

const QByteArray rules = R"({"format": "remise/1", "segments": [], "campaigns": [
  {"id": "benelux", "name": "Benelux welcome", "status": "active", "priority": 1, "stacking": "exclusive",
   "conditions": {"countries": ["BE"]}, "reward": {"type": "amount_off", "amount_off": {"eur": 500}},
   "limits": {"max_redemptions": 1}},
  {"id": "vip", "name": "VIP code", "status": "active", "priority": 2, "stacking": "exclusive",
   "conditions": {"code": "VIP"}, "reward": {"type": "percent_off", "percent": 20}, "limits": {}}
]})";

/// Runs SQL on the database file through a connection of its own, as another program would:
/// here, to make one table refuse writes and so fail one store operation for real.
void rawSql(const QString &path, const QString &sql)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"workflowtest.raw"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY2(query.exec(sql), qPrintable(query.lastError().text()));
    }
    QSqlDatabase::removeDatabase(u"workflowtest.raw"_s);
}

QString failingTrigger(const QString &name, const QString &event)
{
    return u"CREATE TRIGGER %1 BEFORE %2 BEGIN SELECT RAISE(ABORT, 'injected failure'); END"_s.arg(
        name, event);
}

} // namespace

class TestUpdateWorkflow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    stripe::Transport m_network;
    ImmediateScheduler m_scheduler;
    std::unique_ptr<FakeCheckout> m_stripe;
    std::unique_ptr<SqliteStore> m_store;
    std::unique_ptr<stripe::Client> m_client;
    std::unique_ptr<UpdateWorkflow> m_workflow;
    int m_run = 0;

    Result<UpdateOutcome> run(UpdateRequest request)
    {
        std::optional<Result<UpdateOutcome>> result;
        if (request.sessionId.isEmpty())
            request.sessionId = u"cs_test_workflow1"_s;
        request.actor = u"test"_s;
        request.action = u"apply"_s;
        m_workflow->run(request, this, [&](Result<UpdateOutcome> r) { result = std::move(r); });
        QDeadlineTimer deadline(10000);
        while (!result && !deadline.hasExpired())
            QTest::qWait(5);
        return result ? *result : fail(u"timeout"_s, u"no answer"_s);
    }

    QString databasePath() const { return m_dir.filePath(u"w%1.db"_s.arg(m_run)); }

    QList<ActivityEntry> activityOf(const QString &session)
    {
        ActivityFilter filter;
        filter.sessionId = session;
        auto entries = m_store->activity(filter);
        return entries ? *entries : QList<ActivityEntry>();
    }

private slots:
    void init()
    {
        m_stripe = std::make_unique<FakeCheckout>();
        m_store = std::move(*SqliteStore::open(m_dir.filePath(u"w%1.db"_s.arg(++m_run))));
        QVERIFY(m_store->migrate());
        QVERIFY(m_store->replaceRules(*campaignfile::parse(rules, u"rules"_s)));
        stripe::Config config;
        config.apiBase = QUrl(u"http://127.0.0.1:%1"_s.arg(m_stripe->port));
        m_client =
            std::move(*stripe::Client::create(*ApiKey::parse(u"sk_test_workflow123456"_s), config,
                                              &m_network, SystemClock::instance(), m_scheduler));
        m_workflow = std::make_unique<UpdateWorkflow>(*m_client, *m_store, SystemClock::instance());
    }

    void appliesThenLeavesAlone()
    {
        const auto first = run({});
        QVERIFY2(first, first ? "" : qPrintable(first.error().describe()));
        QCOMPARE(first->kind, UpdateOutcome::Kind::Applied);
        QCOMPARE(first->amountTotal, 17500);
        QCOMPARE(first->stripeCalls, 2);
        QCOMPARE(m_stripe->coupon[u"metadata"][u"remise_campaigns"].toString(), u"benelux"_s);
        // The reservation is held for the session.
        const auto held = m_store->reservations(u"cs_test_workflow1"_s);
        QCOMPARE(held->size(), 1);
        QCOMPARE(held->first().state, Reservation::State::Held);

        const auto second = run({});
        QVERIFY(second);
        QCOMPARE(second->kind, UpdateOutcome::Kind::Unchanged);
        QCOMPARE(second->stripeCalls, 1);
        QCOMPARE(m_stripe->updates, 1);
    }

    void runsOfOneSessionNeverInterleave()
    {
        std::vector<std::optional<Result<UpdateOutcome>>> results(3);
        for (int i = 0; i < 3; ++i) {
            UpdateRequest request;
            request.sessionId = u"cs_test_workflow1"_s;
            m_workflow->run(request, this,
                            [&results, i](Result<UpdateOutcome> r) { results[i] = std::move(r); });
        }
        QTRY_VERIFY_WITH_TIMEOUT(results[0] && results[1] && results[2], 10000);
        // Each run reads, and writes only if needed, before the next one reads.
        QCOMPARE(m_stripe->log,
                 (QStringList{u"GET cs_test_workflow1"_s, u"POST cs_test_workflow1"_s,
                              u"GET cs_test_workflow1"_s, u"GET cs_test_workflow1"_s}));
        QCOMPARE((*results[0])->kind, UpdateOutcome::Kind::Applied);
        QCOMPARE((*results[2])->kind, UpdateOutcome::Kind::Unchanged);
    }

    void runsEndingTogetherAreAnsweredOnceAllAreRecorded()
    {
        // Five runs that end in the same turn of the event loop (refused at once: not session
        // ids) are recorded in one transaction, and none is answered before the whole batch is
        // written: the first answer already finds the last run's entry.
        QStringList ids;
        for (int i = 0; i < 5; ++i)
            ids.append(u"not-a-session-%1"_s.arg(i));
        int answered = 0;
        QList<int> entriesSeen; // at each answer: how many of the five entries are in the store
        for (const QString &id : std::as_const(ids)) {
            UpdateRequest request;
            request.sessionId = id;
            request.actor = u"test"_s;
            request.action = u"refresh"_s;
            m_workflow->run(request, this, [&](Result<UpdateOutcome> r) {
                QVERIFY(!r);
                QCOMPARE(r.error().code, errc::invalidSessionId);
                int seen = 0;
                for (const QString &other : std::as_const(ids))
                    seen += int(activityOf(other).size());
                entriesSeen.append(seen);
                ++answered;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered, 5, 10000);
        QCOMPARE(entriesSeen, (QList<int>{5, 5, 5, 5, 5}));
        QCOMPARE(activityOf(ids.first()).first().outcome, u"refused"_s);
    }

    void runsInTwoProcessesNeverInterleave()
    {
        // A second process sharing the database: its own connection and its own workflow.
        auto otherStore = SqliteStore::open(m_dir.filePath(u"w%1.db"_s.arg(m_run)));
        QVERIFY(otherStore);
        UpdateWorkflow other(*m_client, **otherStore, SystemClock::instance());
        std::optional<Result<UpdateOutcome>> mine, theirs;
        UpdateRequest request;
        request.sessionId = u"cs_test_workflow1"_s;
        m_workflow->run(request, this, [&](Result<UpdateOutcome> r) { mine = std::move(r); });
        other.run(request, this, [&](Result<UpdateOutcome> r) { theirs = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(mine && theirs, 10000);
        QVERIFY(*mine);
        QVERIFY(*theirs);
        // The second run read the session only after the first had updated it.
        QCOMPARE(m_stripe->log,
                 (QStringList{u"GET cs_test_workflow1"_s, u"POST cs_test_workflow1"_s,
                              u"GET cs_test_workflow1"_s}));
        QCOMPARE((*mine)->kind, UpdateOutcome::Kind::Applied);
        QCOMPARE((*theirs)->kind, UpdateOutcome::Kind::Unchanged);
        // Both gave their lease back.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(
            *m_store->acquireSessionLease(u"cs_test_workflow1"_s, u"someone"_s, now, now + 1000));
    }

    void aSessionLeasedElsewhereIsRefusedAfterAWait()
    {
        // Another process holds the lease and does not give it back in time.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(*m_store->acquireSessionLease(u"cs_test_workflow1"_s, u"stuck"_s, now,
                                              now + 3'600'000));
        stripe::Config config = m_client->config();
        config.totalTimeout = std::chrono::milliseconds(300);
        auto client =
            std::move(*stripe::Client::create(*ApiKey::parse(u"sk_test_workflow123456"_s), config,
                                              &m_network, SystemClock::instance(), m_scheduler));
        UpdateWorkflow workflow(*client, *m_store, SystemClock::instance());
        std::optional<Result<UpdateOutcome>> result;
        UpdateRequest request;
        request.sessionId = u"cs_test_workflow1"_s;
        QElapsedTimer waited;
        waited.start();
        workflow.run(request, this, [&](Result<UpdateOutcome> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QVERIFY(!*result);
        QCOMPARE(result->error().code, u"session_busy"_s);
        QVERIFY(waited.elapsed() >= 300);
        QVERIFY(m_stripe->log.isEmpty()); // Stripe was never asked

        // A lease whose holder died lapses and is taken over.
        QVERIFY(m_store->releaseSessionLease(u"cs_test_workflow1"_s, u"stuck"_s));
        QVERIFY(
            *m_store->acquireSessionLease(u"cs_test_workflow1"_s, u"crashed"_s, now - 10, now - 1));
        const auto taken = run({});
        QVERIFY2(taken, taken ? "" : qPrintable(taken.error().describe()));
        QCOMPARE(taken->kind, UpdateOutcome::Kind::Applied);
    }

    void aTakenLastUnitIsNotOverspent()
    {
        // Another session already holds the only redemption of "benelux".
        QVERIFY(m_store->reserve(u"cs_test_other"_s, u"dec_other"_s, u"email:bob@example.org"_s,
                                 u"eur"_s, {{u"benelux"_s, 500}},
                                 QDateTime::currentMSecsSinceEpoch(),
                                 QDateTime::currentMSecsSinceEpoch() + 3'600'000));
        const auto outcome = run({});
        QVERIFY(outcome);
        QCOMPARE(outcome->kind, UpdateOutcome::Kind::Unchanged); // no discount, none on the session
        QVERIFY(!outcome->decision.discount);
        QCOMPARE(outcome->decision.campaigns.first().reason, Reason::MaxRedemptionsReached);
        QCOMPARE(m_stripe->updates, 0);
    }

    void codes()
    {
        UpdateRequest bad;
        bad.codeAction = UpdateRequest::Code::Submit;
        bad.code = u"nope"_s;
        const auto refused = run(bad);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, u"code_not_accepted"_s);
        QCOMPARE(m_stripe->updates, 0);

        UpdateRequest good;
        good.codeAction = UpdateRequest::Code::Submit;
        good.code = u" vip "_s;
        const auto accepted = run(good);
        QVERIFY(accepted);
        QCOMPARE(accepted->after[u"amount_off"].toInteger(), 3600);
        QCOMPARE(*m_store->sessionCode(u"cs_test_workflow1"_s), u"vip"_s);
        // The code stays in force for later re-evaluations…
        QCOMPARE(run({})->kind, UpdateOutcome::Kind::Unchanged);
        // …until removed.
        UpdateRequest remove;
        remove.codeAction = UpdateRequest::Code::Remove;
        const auto removed = run(remove);
        QVERIFY(removed);
        QCOMPARE(removed->after[u"amount_off"].toInteger(), 500);
        QVERIFY(m_store->sessionCode(u"cs_test_workflow1"_s)->isEmpty());
    }

    void clearingRemovesAndReleases()
    {
        QVERIFY(run({}));
        UpdateRequest clear;
        clear.mode = UpdateRequest::Mode::Clear;
        const auto cleared = run(clear);
        QVERIFY(cleared);
        QCOMPARE(cleared->kind, UpdateOutcome::Kind::Removed);
        QVERIFY(m_stripe->coupon.isEmpty());
        QVERIFY(m_store->reservations(u"cs_test_workflow1"_s)->isEmpty());
    }

    void aDefiniteFailureReleasesTheReservation()
    {
        // The GET passes, the POST is refused for good (400).
        m_stripe->failStatus = 400;
        UpdateRequest request;
        m_stripe->server.setFilter(
            [this](const http::Request &r, const std::shared_ptr<http::Responder> &) {
                if (r.methodName == "POST")
                    m_stripe->failNext = 1;
                return false;
            });
        const auto failed = run(request);
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, u"stripe_error"_s);
        QVERIFY(m_store->reservations(u"cs_test_workflow1"_s)->isEmpty());
        // The activity log says what happened.
        ActivityFilter filter;
        filter.sessionId = u"cs_test_workflow1"_s;
        const auto entries = m_store->activity(filter);
        QCOMPARE(entries->size(), 1);
        QCOMPARE(entries->first().outcome, u"failed"_s);
    }

    void anUncertainFailureKeepsTheReservation()
    {
        // A 500 told not to be retried: the update may or may not have happened, so the
        // reservation stays (pending) rather than risking an overspend.
        m_stripe->failStatus = 500;
        m_stripe->server.setFilter(
            [this](const http::Request &r, const std::shared_ptr<http::Responder> &) {
                if (r.methodName == "POST")
                    m_stripe->failNext = 1;
                return false;
            });
        const auto failed = run({});
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, u"stripe_unavailable"_s);
        const auto kept = m_store->reservations(u"cs_test_workflow1"_s);
        QCOMPARE(kept->size(), 1);
        QCOMPARE(kept->first().state, Reservation::State::Pending);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("session");
        QTest::addColumn<QString>("code");
        QTest::newRow("complete") << u"complete"_s << u"cs_test_workflow1"_s
                                  << u"session_not_open"_s;
        QTest::newRow("live session, test key")
            << u"open"_s << u"cs_live_workflow1"_s << u"livemode_mismatch"_s;
        QTest::newRow("not a session id") << u"open"_s << u"pi_123"_s << u"invalid_session_id"_s;
        QTest::newRow("expired") << u"expired"_s << u"cs_test_workflow1"_s << u"session_not_open"_s;
    }

    void refusals()
    {
        QFETCH(QString, status);
        QFETCH(QString, session);
        QFETCH(QString, code);
        m_stripe->status = status;
        if (session.startsWith(u"cs_live"_s)) {
            m_stripe->server.setFilter(
                [](const http::Request &r, const std::shared_ptr<http::Responder> &responder) {
                    QJsonObject s{{u"id"_s, r.pathParams.value(0, u"cs_live_workflow1"_s)},
                                  {u"status"_s, u"open"_s},
                                  {u"mode"_s, u"payment"_s},
                                  {u"livemode"_s, true},
                                  {u"currency"_s, u"eur"_s},
                                  {u"amount_subtotal"_s, 100}};
                    s[u"id"_s] = u"cs_live_workflow1"_s;
                    responder->send(http::Response::json(200, s));
                    return true;
                });
        }
        UpdateRequest request;
        request.sessionId = session;
        const auto result = run(request);
        QVERIFY(!result);
        QCOMPARE(result.error().code, code);
        QCOMPARE(m_stripe->updates, 0);
    }

    // --- store failures are never dropped (docs/decisions.md) ---------------------------------

    void aFailedConfirmationAfterStripeAppliedIsReportedAndRepaired()
    {
        // Stripe applies the discount, then the store refuses to confirm the reservation.
        rawSql(databasePath(),
               failingTrigger(u"no_confirm"_s, u"UPDATE OF state ON reservations"_s));
        const auto failed = run({});
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, errc::database);
        QVERIFY2(failed.error().message.contains(u"updated on Stripe"_s),
                 qPrintable(failed.error().message));
        QCOMPARE(m_stripe->updates, 1); // the discount is on the session
        // The reservation stays pending: it still counts against the limit.
        auto kept = m_store->reservations(u"cs_test_workflow1"_s);
        QCOMPARE(kept->size(), 1);
        QCOMPARE(kept->first().state, Reservation::State::Pending);
        // The activity entry shows the discount the session now carries.
        const auto entries = activityOf(u"cs_test_workflow1"_s);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().outcome, u"failed"_s);
        QCOMPARE(entries.first().after[u"amount_off"].toInteger(), 500);
        QVERIFY(entries.first().message.startsWith(u"database_error"_s));

        // Once the database works again, the next run finds the discount in place and confirms.
        rawSql(databasePath(), u"DROP TRIGGER no_confirm"_s);
        const auto repaired = run({});
        QVERIFY2(repaired, repaired ? "" : qPrintable(repaired.error().describe()));
        QCOMPARE(repaired->kind, UpdateOutcome::Kind::Unchanged);
        QCOMPARE(m_stripe->updates, 1);
        kept = m_store->reservations(u"cs_test_workflow1"_s);
        QCOMPARE(kept->size(), 1);
        QCOMPARE(kept->first().state, Reservation::State::Held);
    }

    void storeFailures_data()
    {
        QTest::addColumn<QString>("trigger");
        QTest::addColumn<bool>("submitCode");
        QTest::addColumn<int>("updates");
        // Storing an accepted code fails: nothing is sent to Stripe.
        QTest::newRow("code") << u"INSERT ON session_codes"_s << true << 0;
        // Reserving fails: nothing is sent to Stripe.
        QTest::newRow("reserve") << u"INSERT ON reservations"_s << false << 0;
        // Recording the activity fails: the run still reports, and says so in the log only.
    }

    void storeFailures()
    {
        QFETCH(QString, trigger);
        QFETCH(bool, submitCode);
        QFETCH(int, updates);
        rawSql(databasePath(), failingTrigger(u"injected"_s, trigger));
        UpdateRequest request;
        if (submitCode) {
            request.codeAction = UpdateRequest::Code::Submit;
            request.code = u"VIP"_s;
        }
        const auto failed = run(request);
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, errc::database); // never "store_error"
        QCOMPARE(m_stripe->updates, updates);
        QCOMPARE(activityOf(u"cs_test_workflow1"_s).size(), 1);
    }

    /// Stripe applies the POST, but its answer is lost (a 500 not to be retried).
    void loseTheAnswerToTheNextUpdate()
    {
        auto once = std::make_shared<bool>(true);
        m_stripe->server.setFilter([this, once](const http::Request &r,
                                                const std::shared_ptr<http::Responder> &responder) {
            if (r.methodName != "POST" || !std::exchange(*once, false))
                return false;
            http::Request routed = r; // a filter runs before routing
            routed.pathParams = {u"cs_test_workflow1"_s};
            m_stripe->update(routed);
            responder->send(
                http::Response::json(500, {{u"error"_s, QJsonObject{{u"type"_s, u"api_error"_s},
                                                                    {u"message"_s, u"lost"_s}}}})
                    .withHeader("Stripe-Should-Retry", "false"));
            return true;
        });
    }

    void aCodeWhoseUpdateMayHaveHappenedStaysInForce()
    {
        // The customer submits VIP; Stripe applies it but the answer never arrives (as when
        // the service is killed while waiting for it).
        UpdateRequest code;
        code.codeAction = UpdateRequest::Code::Submit;
        code.code = u"VIP"_s;
        loseTheAnswerToTheNextUpdate();
        const auto lost = run(code);
        QVERIFY(!lost);
        QCOMPARE(lost.error().code, errc::stripeUnavailable);
        QCOMPARE(m_stripe->updates, 1);
        QCOMPARE(m_stripe->coupon[u"amount_off"].toInteger(), 3600);
        // The next refresh keeps the code's discount: no second update, no code lost.
        const auto refreshed = run({});
        QVERIFY2(refreshed, refreshed ? "" : qPrintable(refreshed.error().describe()));
        QCOMPARE(refreshed->kind, UpdateOutcome::Kind::Unchanged);
        QCOMPARE(m_stripe->updates, 1);
        QCOMPARE(*m_store->sessionCode(u"cs_test_workflow1"_s), u"VIP"_s);

        // The same for a removal: the code stays removed.
        UpdateRequest remove;
        remove.codeAction = UpdateRequest::Code::Remove;
        loseTheAnswerToTheNextUpdate();
        QVERIFY(!run(remove));
        QCOMPARE(m_stripe->updates, 2);
        QCOMPARE(m_stripe->coupon[u"amount_off"].toInteger(), 500);
        QCOMPARE(run({})->kind, UpdateOutcome::Kind::Unchanged);
        QCOMPARE(m_stripe->updates, 2);
        QVERIFY(m_store->sessionCode(u"cs_test_workflow1"_s)->isEmpty());
        // The removal's reservation (benelux) was left pending; that run confirmed it.
        QCOMPARE(m_store->reservations(u"cs_test_workflow1"_s)->first().state,
                 Reservation::State::Held);
    }

    void aCodeRefusedForSureIsForgotten()
    {
        // VIP is in force; the customer removes it, and Stripe refuses that for sure.
        UpdateRequest code;
        code.codeAction = UpdateRequest::Code::Submit;
        code.code = u"VIP"_s;
        QVERIFY(run(code));
        m_stripe->failStatus = 400;
        m_stripe->server.setFilter(
            [this](const http::Request &r, const std::shared_ptr<http::Responder> &) {
                if (r.methodName == "POST")
                    m_stripe->failNext = 1;
                return false;
            });
        UpdateRequest remove;
        remove.codeAction = UpdateRequest::Code::Remove;
        const auto refused = run(remove);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, errc::stripeError);
        // Nothing changed: VIP is still the code in force, and the removal reserved nothing.
        QCOMPARE(*m_store->sessionCode(u"cs_test_workflow1"_s), u"VIP"_s);
        const auto reserved = m_store->reservations(u"cs_test_workflow1"_s);
        QVERIFY(reserved);
        for (const Reservation &r : *reserved)
            QCOMPARE(r.campaignId, u"vip"_s);
        m_stripe->server.setFilter({});
        QCOMPARE(run({})->kind, UpdateOutcome::Kind::Unchanged);

        // A code submitted on a session without one: refused for sure, not remembered.
        UpdateRequest removed;
        removed.codeAction = UpdateRequest::Code::Remove;
        QVERIFY(run(removed));
        m_stripe->server.setFilter(
            [this](const http::Request &r, const std::shared_ptr<http::Responder> &) {
                if (r.methodName == "POST")
                    m_stripe->failNext = 1;
                return false;
            });
        QCOMPARE(run(code).error().code, errc::stripeError);
        QVERIFY(m_store->sessionCode(u"cs_test_workflow1"_s)->isEmpty());
    }

    void aCodeRememberedWithoutUpdateFailsCleanly()
    {
        // The session already carries the code's discount; remembering the code fails.
        UpdateRequest code;
        code.codeAction = UpdateRequest::Code::Submit;
        code.code = u"VIP"_s;
        QVERIFY(run(code));
        rawSql(databasePath(), failingTrigger(u"injected"_s, u"UPDATE ON session_codes"_s));
        rawSql(databasePath(), failingTrigger(u"injected2"_s, u"INSERT ON session_codes"_s));
        const auto failed = run(code);
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, errc::database);
        QCOMPARE(m_stripe->updates, 1);
    }

    void aFailedCancellationIsReportedWithTheStripeError()
    {
        m_stripe->failStatus = 400;
        m_stripe->server.setFilter(
            [this](const http::Request &r, const std::shared_ptr<http::Responder> &) {
                if (r.methodName == "POST")
                    m_stripe->failNext = 1;
                return false;
            });
        rawSql(databasePath(), failingTrigger(u"no_cancel"_s, u"DELETE ON reservations"_s));
        const auto failed = run({});
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, errc::stripeError);
        QCOMPARE(failed.error().details.size(), size_t(1));
        QCOMPARE(failed.error().details.front().code, errc::database);
        // Still pending, so still counted: never an overspend.
        QCOMPARE(m_store->reservations(u"cs_test_workflow1"_s)->first().state,
                 Reservation::State::Pending);
    }

    void aStripeTimeoutIsStripeTimeout()
    {
        stripe::Config config = m_client->config();
        config.totalTimeout = std::chrono::milliseconds(300);
        config.attemptTimeout = std::chrono::milliseconds(300);
        auto client =
            std::move(*stripe::Client::create(*ApiKey::parse(u"sk_test_workflow123456"_s), config,
                                              &m_network, SystemClock::instance(), m_scheduler));
        std::vector<std::shared_ptr<http::Responder>> held; // never answered
        m_stripe->server.setFilter(
            [&held](const http::Request &, const std::shared_ptr<http::Responder> &responder) {
                held.push_back(responder);
                return true;
            });
        UpdateWorkflow workflow(*client, *m_store, SystemClock::instance());
        std::optional<Result<UpdateOutcome>> result;
        UpdateRequest request;
        request.sessionId = u"cs_test_workflow1"_s;
        workflow.run(request, this, [&](Result<UpdateOutcome> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QVERIFY(!*result);
        QCOMPARE(result->error().code, errc::stripeTimeout);
    }

    // --- ownership and empty rule books (docs/decisions.md, "Ownership") ----------------------

    void setForeignCoupon(bool promotion)
    {
        m_stripe->coupon = {{u"id"_s, u"SUMMER10"_s},
                            {u"amount_off"_s, 1000},
                            {u"currency"_s, u"eur"_s},
                            {u"name"_s, u"Summer"_s},
                            {u"metadata"_s, QJsonObject{}}};
        m_stripe->promotionCode = promotion ? u"promo_summer"_s : QString();
    }

    void foreignDiscounts_data()
    {
        QTest::addColumn<bool>("promotion");
        QTest::addColumn<int>("mode"); // UpdateRequest::Mode
        QTest::addColumn<bool>("dryRun");
        QTest::newRow("coupon") << false << int(UpdateRequest::Mode::Decide) << false;
        QTest::newRow("promotion code") << true << int(UpdateRequest::Mode::Decide) << false;
        QTest::newRow("clear") << false << int(UpdateRequest::Mode::Clear) << false;
        QTest::newRow("dry run") << false << int(UpdateRequest::Mode::Decide) << true;
    }

    void foreignDiscounts()
    {
        QFETCH(bool, promotion);
        QFETCH(int, mode);
        QFETCH(bool, dryRun);
        setForeignCoupon(promotion);
        UpdateRequest request;
        request.mode = UpdateRequest::Mode(mode);
        request.dryRun = dryRun;
        const auto refused = run(request);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, errc::foreignDiscount);
        QCOMPARE(m_stripe->updates, 0);
        QCOMPARE(m_stripe->coupon[u"id"].toString(), u"SUMMER10"_s);
        QVERIFY(m_store->reservations(u"cs_test_workflow1"_s)->isEmpty());
        if (!dryRun)
            QCOMPARE(activityOf(u"cs_test_workflow1"_s).first().outcome, u"refused"_s);
    }

    void foreignDiscountsReplacedByPolicy()
    {
        setForeignCoupon(true);
        UpdateWorkflow::Options options;
        options.replaceForeignDiscounts = true;
        m_workflow =
            std::make_unique<UpdateWorkflow>(*m_client, *m_store, SystemClock::instance(), options);
        const auto applied = run({});
        QVERIFY2(applied, applied ? "" : qPrintable(applied.error().describe()));
        QCOMPARE(applied->kind, UpdateOutcome::Kind::Applied);
        QCOMPARE(applied->before[u"promotion_code"].toString(), u"promo_summer"_s);
        QCOMPARE(m_stripe->coupon[u"metadata"][u"remise_campaigns"].toString(), u"benelux"_s);
        // Now Remise's own: later runs handle it without the policy.
        m_workflow = std::make_unique<UpdateWorkflow>(*m_client, *m_store, SystemClock::instance());
        QCOMPARE(run({})->kind, UpdateOutcome::Kind::Unchanged);
    }

    void anEmptyRuleBookChangesNothing()
    {
        QVERIFY(run({})); // Remise's discount is on the session
        QCOMPARE(m_stripe->updates, 1);
        QVERIFY(m_store->replaceRules(CampaignSet{}));
        for (bool dryRun : {false, true}) {
            UpdateRequest request;
            request.dryRun = dryRun;
            const auto refused = run(request);
            QVERIFY(!refused);
            QCOMPARE(refused.error().code, errc::noCampaigns);
        }
        QCOMPARE(m_stripe->updates, 1);
        QCOMPARE(m_stripe->coupon[u"amount_off"].toInteger(), 500);

        // Allowed: Remise's own discount is cleared…
        UpdateWorkflow::Options options;
        options.allowEmptyRules = true;
        options.replaceForeignDiscounts = true; // …but never a foreign one, even so
        m_workflow =
            std::make_unique<UpdateWorkflow>(*m_client, *m_store, SystemClock::instance(), options);
        const auto cleared = run({});
        QVERIFY2(cleared, cleared ? "" : qPrintable(cleared.error().describe()));
        QCOMPARE(cleared->kind, UpdateOutcome::Kind::Removed);
        QVERIFY(m_store->reservations(u"cs_test_workflow1"_s)->isEmpty());
        setForeignCoupon(false);
        const auto kept = run({});
        QVERIFY(!kept);
        QCOMPARE(kept.error().code, errc::foreignDiscount);
        QCOMPARE(m_stripe->coupon[u"id"].toString(), u"SUMMER10"_s);
    }

    // --- dry runs tell the truth ---------------------------------------------------------------

    void aDryRunShowsWhatTheRealRunSends()
    {
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        m_workflow = std::make_unique<UpdateWorkflow>(*m_client, *m_store, clock);
        UpdateRequest request;
        request.dryRun = true;
        const auto dry = run(request);
        QVERIFY2(dry, dry ? "" : qPrintable(dry.error().describe()));
        QCOMPARE(dry->kind, UpdateOutcome::Kind::DryRun);
        QVERIFY(dry->wouldUpdate);
        QCOMPARE(m_stripe->updates, 0);
        QVERIFY(m_store->reservations(u"cs_test_workflow1"_s)->isEmpty());
        const auto real = run({});
        QVERIFY(real);
        QCOMPARE(real->kind, UpdateOutcome::Kind::Applied);
        QCOMPARE(dry->decision.id, real->decision.id);
        QCOMPARE(dry->idempotencyKey, real->idempotencyKey);
        QCOMPARE(dry->idempotencyKey,
                 UpdateWorkflow::idempotencyKey(u"cs_test_workflow1"_s, real->decision.id));
        QCOMPARE(dry->request, real->request);
        QCOMPARE(dry->after, real->after);
        QCOMPARE(dry->toJson()[u"idempotency_key"].toString(), real->idempotencyKey);
        // Nothing to send once the session carries it: the dry run says so.
        const auto again = run(request);
        QVERIFY(again);
        QVERIFY(!again->wouldUpdate);
        QVERIFY(again->request.isEmpty());
    }

    void permissions_data()
    {
        QTest::addColumn<QJsonValue>("permission");
        QTest::addColumn<bool>("dryRun");
        QTest::newRow("client_only") << QJsonValue(u"client_only"_s) << false;
        QTest::newRow("client_only, dry run") << QJsonValue(u"client_only"_s) << true;
        QTest::newRow("null") << QJsonValue() << false;
        QTest::newRow("null, dry run") << QJsonValue() << true;
    }

    void permissions()
    {
        QFETCH(QJsonValue, permission);
        QFETCH(bool, dryRun);
        m_stripe->permission = permission;
        UpdateRequest request;
        request.dryRun = dryRun;
        const auto refused = run(request);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, errc::updatesNotPermitted);
        QCOMPARE(m_stripe->updates, 0);
        QVERIFY(m_store->reservations(u"cs_test_workflow1"_s)->isEmpty());
    }

    void anUnreadablePermissionIsFoundOutByTheRealRun()
    {
        // The object does not say (as Stripe may not): the dry run warns, and the real run maps
        // Stripe's refusal to the same code.
        m_stripe->permission = QJsonValue(u"client_only"_s);
        m_stripe->server.setFilter(
            [this](const http::Request &r, const std::shared_ptr<http::Responder> &responder) {
                if (r.methodName != "GET")
                    return false;
                QJsonObject s = m_stripe->session(r.pathParams.value(0, u"cs_test_workflow1"_s));
                s.insert(u"id"_s, u"cs_test_workflow1"_s);
                s.remove(u"permissions"_s);
                responder->send(http::Response::json(200, s));
                return true;
            });
        UpdateRequest request;
        request.dryRun = true;
        const auto dry = run(request);
        QVERIFY(dry);
        QCOMPARE(dry->warnings.size(), 1);
        const auto refused = run({});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, errc::updatesNotPermitted);
        QVERIFY(m_store->reservations(u"cs_test_workflow1"_s)->isEmpty());
    }

    // --- interruption ---------------------------------------------------------------------------

    void interruptedWhileStripeUpdates()
    {
        // The update call hangs; shutdown abandons it at once.
        std::vector<std::shared_ptr<http::Responder>> held;
        m_stripe->server.setFilter(
            [&held](const http::Request &r, const std::shared_ptr<http::Responder> &responder) {
                if (r.methodName != "POST")
                    return false;
                held.push_back(responder);
                return true;
            });
        std::optional<Result<UpdateOutcome>> result;
        UpdateRequest request;
        request.sessionId = u"cs_test_workflow1"_s;
        request.action = u"apply"_s;
        m_workflow->run(request, this, [&](Result<UpdateOutcome> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(!held.empty(), 10000);
        bool down = false;
        m_workflow->shutdown(std::chrono::milliseconds(0), this, [&] { down = true; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value() && down, 5000);
        QVERIFY(!*result);
        QCOMPARE(result->error().code, errc::interrupted);
        QCOMPARE(m_workflow->pendingRuns(), 0);
        // Recorded, lease freed, reservation pending (the update may have happened).
        const auto entries = activityOf(u"cs_test_workflow1"_s);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().outcome, u"failed"_s);
        QVERIFY(entries.first().message.startsWith(u"interrupted"_s));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(*m_store->acquireSessionLease(u"cs_test_workflow1"_s, u"next"_s, now, now + 1000));
        QVERIFY(m_store->releaseSessionLease(u"cs_test_workflow1"_s, u"next"_s));
        QCOMPARE(m_store->reservations(u"cs_test_workflow1"_s)->first().state,
                 Reservation::State::Pending);
        // New runs are refused after shutdown.
        const auto late = run({});
        QCOMPARE(late.error().code, errc::interrupted);

        // Stripe did apply it after all: the next process's run finds it and settles the store.
        m_stripe->server.setFilter({});
        for (const auto &responder : held)
            responder->drop();
        m_stripe->coupon = {
            {u"id"_s, u"coupon_x"_s},
            {u"amount_off"_s, 500},
            {u"currency"_s, u"eur"_s},
            {u"name"_s, u"Benelux welcome"_s},
            {u"metadata"_s,
             QJsonObject{{u"remise_campaigns"_s, u"benelux"_s},
                         {u"remise_decision"_s,
                          m_store->reservations(u"cs_test_workflow1"_s)->first().decisionId}}}};
        m_workflow = std::make_unique<UpdateWorkflow>(*m_client, *m_store, SystemClock::instance());
        const auto next = run({});
        QVERIFY2(next, next ? "" : qPrintable(next.error().describe()));
        QCOMPARE(next->kind, UpdateOutcome::Kind::Unchanged);
        QCOMPARE(m_store->reservations(u"cs_test_workflow1"_s)->first().state,
                 Reservation::State::Held);
    }

    void interruptedBeforeAnyChange()
    {
        // Waiting for the session to be read: abandoned, nothing reserved, queued runs too.
        std::vector<std::shared_ptr<http::Responder>> held;
        m_stripe->server.setFilter(
            [&held](const http::Request &, const std::shared_ptr<http::Responder> &responder) {
                held.push_back(responder);
                return true;
            });
        std::vector<std::optional<Result<UpdateOutcome>>> results(2);
        for (int i = 0; i < 2; ++i) {
            UpdateRequest request;
            request.sessionId = u"cs_test_workflow1"_s;
            request.action = u"apply"_s;
            m_workflow->run(request, this,
                            [&results, i](Result<UpdateOutcome> r) { results[i] = std::move(r); });
        }
        QTRY_VERIFY_WITH_TIMEOUT(!held.empty(), 10000);
        m_workflow->abandonAll();
        QTRY_VERIFY_WITH_TIMEOUT(results[0] && results[1], 5000);
        QCOMPARE(results[0]->error().code, errc::interrupted);
        QCOMPARE(results[1]->error().code, errc::interrupted);
        QVERIFY(m_store->reservations(u"cs_test_workflow1"_s)->isEmpty());
        QCOMPARE(activityOf(u"cs_test_workflow1"_s).size(), 2);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(*m_store->acquireSessionLease(u"cs_test_workflow1"_s, u"next"_s, now, now + 1000));
    }

    void aLeaseOfADeadProcessIsTakenOverAtOnce()
    {
        QProcess gone;
        gone.start(u"true"_s);
        QVERIFY(gone.waitForFinished());
        const qint64 deadPid = gone.processId() > 0 ? gone.processId() : 999999;
        QString host = QSysInfo::machineHostName();
        host.remove(u'/');
        const QString owner = u"%1/%2/crashed"_s.arg(host).arg(deadPid);
        QVERIFY(UpdateWorkflow::leaseOwnerIsGone(owner));
        QVERIFY(!UpdateWorkflow::leaseOwnerIsGone(
            u"%1/%2/alive"_s.arg(host).arg(QCoreApplication::applicationPid())));
        QVERIFY(!UpdateWorkflow::leaseOwnerIsGone(u"otherhost/%1/x"_s.arg(deadPid)));
        QVERIFY(!UpdateWorkflow::leaseOwnerIsGone(u"%1/abc"_s.arg(deadPid)));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(*m_store->acquireSessionLease(u"cs_test_workflow1"_s, owner, now, now + 3'600'000));
        QElapsedTimer timer;
        timer.start();
        const auto taken = run({});
        QVERIFY2(taken, taken ? "" : qPrintable(taken.error().describe()));
        QCOMPARE(taken->kind, UpdateOutcome::Kind::Applied);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestUpdateWorkflow)
#include "tst_updateworkflow.moc"
