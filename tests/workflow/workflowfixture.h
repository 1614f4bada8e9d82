// The update workflow in process: a real SQLite store, the real Stripe client, and a small
// stateful fake Checkout Session API on loopback that can fail on demand. Shared by the
// workflow's test programs.
#pragma once

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

namespace workflowtest {

using namespace Qt::StringLiterals;
using namespace remise;

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

inline const QByteArray rules = R"({"format": "remise/1", "segments": [], "campaigns": [
  {"id": "benelux", "name": "Benelux welcome", "status": "active", "priority": 1, "stacking": "exclusive",
   "conditions": {"countries": ["BE"]}, "reward": {"type": "amount_off", "amount_off": {"eur": 500}},
   "limits": {"max_redemptions": 1}},
  {"id": "vip", "name": "VIP code", "status": "active", "priority": 2, "stacking": "exclusive",
   "conditions": {"code": "VIP"}, "reward": {"type": "percent_off", "percent": 20}, "limits": {}}
]})";

/// Runs SQL on the database file through a connection of its own, as another program would:
/// here, to make one table refuse writes and so fail one store operation for real.
inline void rawSql(const QString &path, const QString &sql)
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

inline QString failingTrigger(const QString &name, const QString &event)
{
    return u"CREATE TRIGGER %1 BEFORE %2 BEGIN SELECT RAISE(ABORT, 'injected failure'); END"_s.arg(
        name, event);
}

/// The store, the client and the workflow of one test, made anew by setUp() (from each test
/// program's init()), with the helpers the tests share.
class WorkflowFixture : public QObject
{
protected:
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

    void setUp()
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

    /// Every update (POST) fails with `status`, not to be retried; reads pass.
    void failEveryUpdate(int status)
    {
        m_stripe->failStatus = status;
        m_stripe->server.setFilter(
            [this](const http::Request &r, const std::shared_ptr<http::Responder> &) {
                if (r.methodName == "POST")
                    m_stripe->failNext = 1;
                return false;
            });
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

    void setForeignCoupon(bool promotion)
    {
        m_stripe->coupon = {{u"id"_s, u"SUMMER10"_s},
                            {u"amount_off"_s, 1000},
                            {u"currency"_s, u"eur"_s},
                            {u"name"_s, u"Summer"_s},
                            {u"metadata"_s, QJsonObject{}}};
        m_stripe->promotionCode = promotion ? u"promo_summer"_s : QString();
    }
};

} // namespace workflowtest
