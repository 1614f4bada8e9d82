// The sandbox's storefront side (docs/sandbox.md, docs/storefront.md): the Stripe.js stand-in
// and the example page it serves, the stand-in's session endpoints (by client secret), and the
// list and redelivery of webhook events.

#include "clock.h"
#include "sandboxclient.h"
#include "server.h"
#include "webhooksignature.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::test;

class TestSandboxStorefront : public QObject
{
    Q_OBJECT

private:
    SandboxClient m_client{SystemClock::instance()};

    Answer form(const QString &path, const QByteArray &body)
    {
        return m_client.call("POST", path, {}, Options{{}, {}, {}, body});
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_client.start());
        QVERIFY(m_client.sandbox().seedDemo());
        m_client.sandbox().setStorefrontService(QUrl(u"http://127.0.0.1:4242"_s));
    }

    void files_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("contains");
        QTest::newRow("stand-in") << u"/_sandbox/stripe.js"_s << 200
                                  << QByteArray("text/javascript") << QByteArray("runServerUpdate");
        QTest::newRow("page") << u"/_sandbox/storefront/"_s << 200 << QByteArray("text/html")
                              << QByteArray("id=\"code-input\"");
        QTest::newRow("page by name") << u"/_sandbox/storefront/index.html"_s << 200
                                      << QByteArray("text/html") << QByteArray("id=\"total\"");
        QTest::newRow("script") << u"/_sandbox/storefront/storefront.js"_s << 200
                                << QByteArray("text/javascript")
                                << QByteArray("/v1/discounts/code/remove");
        QTest::newRow("style") << u"/_sandbox/storefront/storefront.css"_s << 200
                               << QByteArray("text/css") << QByteArray("#discount");
        QTest::newRow("config: newest open session")
            << u"/_sandbox/storefront/config.js"_s << 200 << QByteArray("text/javascript")
            << QByteArray("|| \"cs_test_a1Qx7demo0001_secret_sandbox\"");
        QTest::newRow("config: service")
            << u"/_sandbox/storefront/config.js"_s << 200 << QByteArray("text/javascript")
            << QByteArray("\"http://127.0.0.1:4242\"");
        QTest::newRow("config: stand-in")
            << u"/_sandbox/storefront/config.js"_s << 200 << QByteArray("text/javascript")
            << QByteArray("'/_sandbox/stripe.js'");
        QTest::newRow("unknown file")
            << u"/_sandbox/storefront/nope.js"_s << 404 << QByteArray("application/json")
            << QByteArray("No such sandbox file");
        QTest::newRow("no paths") << u"/_sandbox/storefront/sub/index.html"_s << 404
                                  << QByteArray("application/json")
                                  << QByteArray("No such storefront file");
    }

    void files()
    {
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, contains);
        const Answer a = m_client.call("GET", path);
        QCOMPARE(a.status, status);
        QVERIFY2(a.header("Content-Type").startsWith(contentType),
                 a.header("Content-Type").constData());
        QVERIFY2(a.raw.contains(contains), a.raw.left(400).constData());
    }

    void directoryRedirect()
    {
        QNetworkAccessManager network;
        QNetworkRequest request(m_client.url(u"/_sandbox/storefront"_s));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        const Answer a = SandboxClient::wait(network.get(request));
        QCOMPARE(a.status, 301);
        QCOMPARE(a.header("Location"), QByteArray("/_sandbox/storefront/"));
    }

    void sessionByClientSecret_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::addColumn<int>("status");
        QTest::newRow("the session's secret") << u"cs_test_a1Qx7demo0002_secret_sandbox"_s << 200;
        QTest::newRow("another suffix") << u"cs_test_a1Qx7demo0002_secret_other"_s << 404;
        QTest::newRow("a session id alone") << u"cs_test_a1Qx7demo0002"_s << 404;
        QTest::newRow("unknown session") << u"cs_test_nothing_secret_sandbox"_s << 404;
    }

    void sessionByClientSecret()
    {
        QFETCH(QString, secret);
        QFETCH(int, status);
        const Answer a = m_client.call("GET", u"/_sandbox/stripe-js/sessions/"_s + secret);
        QCOMPARE(a.status, status);
        QCOMPARE(a.header("Access-Control-Allow-Origin"), QByteArray("*"));
        if (status != 200) {
            QCOMPARE(a.errorObject().value(u"code").toString(), u"resource_missing"_s);
            return;
        }
        QCOMPARE(a.body[u"id"].toString(), u"cs_test_a1Qx7demo0002"_s);
        // Everything the stand-in shows: items with their products, the coupon, the totals.
        const QJsonArray items = a.body[u"line_items"][u"data"].toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items.at(0)[u"price"][u"product"][u"name"].toString(), u"Chef's knife"_s);
        QVERIFY(a.body[u"discounts"].isArray());
        QCOMPARE(a.body[u"amount_total"].toInteger(), 15500);
    }

    void hostedSessionHasNoStandIn()
    {
        QJsonObject params = SandboxClient::sessionParams({{1000, 1}});
        params.insert(u"ui_mode"_s, u"hosted"_s);
        params.insert(u"success_url"_s, u"https://shop.example/ok"_s);
        params.remove(u"return_url"_s);
        const QString id = m_client.createSession(params);
        QVERIFY(!id.isEmpty());
        QCOMPARE(m_client.call("GET", u"/_sandbox/stripe-js/sessions/%1_secret_sandbox"_s.arg(id))
                     .status,
                 404);
    }

    void quantity_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("subtotal");
        QTest::addColumn<QString>("param");
        // 2 × 15.00 and 1 × 40.00
        QTest::newRow("three of the first")
            << QByteArray("line_item=FIRST&quantity=3") << 200 << qint64(8500) << QString();
        QTest::newRow("JSON body") << QByteArray(R"({"line_item": "FIRST", "quantity": 1})") << 200
                                   << qint64(5500) << QString();
        QTest::newRow("zero") << QByteArray("line_item=FIRST&quantity=0") << 400 << qint64(0)
                              << u"quantity"_s;
        QTest::newRow("too many") << QByteArray("line_item=FIRST&quantity=1000000") << 400
                                  << qint64(0) << u"quantity"_s;
        QTest::newRow("unknown item")
            << QByteArray("line_item=li_nope&quantity=2") << 400 << qint64(0) << u"line_item"_s;
    }

    void quantity()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(qint64, subtotal);
        QFETCH(QString, param);
        const QString id =
            m_client.createSession(SandboxClient::sessionParams({{1500, 2}, {4000, 1}}));
        const Answer before =
            m_client.call("GET", u"/_sandbox/stripe-js/sessions/%1_secret_sandbox"_s.arg(id));
        const QString first = before.body[u"line_items"][u"data"][0][u"id"].toString();
        body.replace("FIRST", first.toUtf8());
        const Answer a =
            form(u"/_sandbox/stripe-js/sessions/%1_secret_sandbox/line_items"_s.arg(id), body);
        QCOMPARE(a.status, status);
        if (status == 200) {
            QCOMPARE(a.body[u"amount_subtotal"].toInteger(), subtotal);
            // The API sees the same session.
            QCOMPARE(m_client.call("GET", u"/v1/checkout/sessions/"_s + id)
                         .body[u"amount_subtotal"]
                         .toInteger(),
                     subtotal);
        } else {
            QCOMPARE(a.errorParam(), param);
        }
    }

    void quantityOfClosedSession()
    {
        const QString id = m_client.createSession(SandboxClient::sessionParams({{1500, 2}}));
        const QString item =
            m_client.call("GET", u"/_sandbox/stripe-js/sessions/%1_secret_sandbox"_s.arg(id))
                .body[u"line_items"][u"data"][0][u"id"]
                .toString();
        QCOMPARE(m_client.call("POST", u"/_sandbox/checkout/sessions/%1/complete"_s.arg(id)).status,
                 200);
        const Answer a =
            form(u"/_sandbox/stripe-js/sessions/%1_secret_sandbox/line_items"_s.arg(id),
                 "line_item=" + item.toUtf8() + "&quantity=5");
        QCOMPARE(a.status, 400);
        QVERIFY2(a.errorMessage().contains(u"only open sessions"_s), qPrintable(a.errorMessage()));
    }

    void shippingAddress()
    {
        const QString id = m_client.createSession(SandboxClient::sessionParams({{1500, 2}}));
        const Answer a =
            form(u"/_sandbox/stripe-js/sessions/%1_secret_sandbox/shipping_address"_s.arg(id),
                 "country=nl&name=Emma");
        QCOMPARE(a.status, 200);
        QCOMPARE(a.header("Access-Control-Allow-Origin"), QByteArray("*"));
        QCOMPARE(m_client.call("GET", u"/v1/checkout/sessions/"_s + id)
                     .body[u"collected_information"][u"shipping_details"][u"address"][u"country"]
                     .toString(),
                 u"NL"_s);
        QCOMPARE(form(u"/_sandbox/stripe-js/sessions/%1_secret_sandbox/shipping_address"_s.arg(id),
                      "country=Netherlands")
                     .status,
                 400);
        QCOMPARE(form(u"/_sandbox/stripe-js/sessions/%1_secret_sandbox/teleport"_s.arg(id), "x=1")
                     .status,
                 404);
    }

    // The sandbox keeps GET answers (docs/performance.md); every kind of change shows at once.
    void keptAnswersFollowChanges()
    {
        const QString id = m_client.createSession(SandboxClient::sessionParams({{1500, 2}}));
        const QString path = u"/v1/checkout/sessions/"_s + id;
        const auto total = [&] {
            return m_client.call("GET", path).body[u"amount_total"].toInteger();
        };
        const auto country = [&] {
            return m_client.call("GET", path)
                .body[u"collected_information"][u"shipping_details"][u"address"][u"country"]
                .toString();
        };
        QCOMPARE(total(), 3000);
        QCOMPARE(total(), 3000); // kept
        // An API update.
        QCOMPARE(
            m_client.call("POST", path, {{u"metadata"_s, QJsonObject{{u"k"_s, u"v"_s}}}}).status,
            200);
        QCOMPARE(m_client.call("GET", path).body[u"metadata"][u"k"].toString(), u"v"_s);
        // A helper.
        QCOMPARE(m_client
                     .call("POST", u"/_sandbox/checkout/sessions/%1/shipping"_s.arg(id),
                           {{u"country"_s, u"BE"_s}})
                     .status,
                 200);
        QCOMPARE(country(), u"BE"_s);
        // The stand-in.
        const QString item =
            m_client.call("GET", path, {{u"expand"_s, QJsonArray{u"line_items"_s}}})
                .body[u"line_items"][u"data"][0][u"id"]
                .toString();
        QCOMPARE(form(u"/_sandbox/stripe-js/sessions/%1_secret_sandbox/line_items"_s.arg(id),
                      "line_item=" + item.toUtf8() + "&quantity=4")
                     .status,
                 200);
        QCOMPARE(total(), 6000);
        // The state itself, as an embedding program may change it.
        m_client.sandbox().state().sessions[id].items[0].quantity = 1;
        QCOMPARE(total(), 1500);
        // The same path with other parameters is another answer.
        QVERIFY(m_client.call("GET", path, {{u"expand"_s, QJsonArray{u"line_items"_s}}})
                    .body.contains(u"line_items"_s));
        QVERIFY(!m_client.call("GET", path).body.contains(u"line_items"_s));
    }

    void eventsAndRedelivery()
    {
        http::Server receiver;
        QList<QPair<QByteArray, QByteArray>> received; // body, signature
        int answer = 500; // the first delivery fails, as an endpoint that was down
        receiver.route(
            "POST", u"/hook"_s,
            [&](const http::Request &r, std::shared_ptr<http::Responder> responder) {
                received.append({r.body, r.header("Stripe-Signature")});
                responder->send(http::Response::json(answer, {{u"ok"_s, answer == 200}}));
            });
        const quint16 port = receiver.listenOn(QHostAddress::LocalHost, 0);
        QVERIFY(port);

        // Without an endpoint an event is still recorded, but cannot be redelivered.
        const QString quiet = m_client.createSession(SandboxClient::sessionParams({{1500, 1}}));
        QCOMPARE(
            m_client.call("POST", u"/_sandbox/checkout/sessions/%1/complete"_s.arg(quiet)).status,
            200);
        const QJsonArray before =
            m_client.call("GET", u"/_sandbox/events"_s).body[u"data"].toArray();
        QVERIFY(!before.isEmpty());
        const QString quietEvent = before.at(0)[u"id"].toString();
        QCOMPARE(before.at(0)[u"data"][u"object"][u"id"].toString(), quiet);
        QCOMPARE(before.at(0)[u"deliveries"].toArray().size(), 0);
        QCOMPARE(m_client.call("POST", u"/_sandbox/events/%1/redeliver"_s.arg(quietEvent)).status,
                 400);

        QCOMPARE(m_client
                     .call("POST", u"/_sandbox/webhook"_s,
                           {{u"url"_s, u"http://127.0.0.1:%1/hook"_s.arg(port)},
                            {u"secret"_s, u"whsec_redeliver"_s}})
                     .status,
                 200);
        const QString id = m_client.createSession(SandboxClient::sessionParams({{1500, 1}}));
        QCOMPARE(m_client.call("POST", u"/_sandbox/checkout/sessions/%1/complete"_s.arg(id)).status,
                 200);
        QTRY_COMPARE(received.size(), 1);
        const QJsonObject first = QJsonDocument::fromJson(received.at(0).first).object();
        const QString eventId = first[u"id"].toString();
        QCOMPARE(first[u"type"].toString(), u"checkout.session.completed"_s);

        // The list: newest first, with the failed delivery.
        QTRY_COMPARE(m_client.call("GET", u"/_sandbox/events"_s)
                         .body[u"data"][0][u"deliveries"]
                         .toArray()
                         .size(),
                     1);
        const QJsonObject listed =
            m_client.call("GET", u"/_sandbox/events"_s).body[u"data"][0].toObject();
        QCOMPARE(listed[u"id"].toString(), eventId);
        QCOMPARE(listed[u"deliveries"][0][u"status"].toInt(), 500);
        QCOMPARE(m_client.call("GET", u"/_sandbox/events/"_s + eventId).body[u"id"].toString(),
                 eventId);
        QCOMPARE(m_client.call("GET", u"/_sandbox/events/evt_nope"_s).status, 404);

        // Redelivered: the same event, signed again; the answer is this delivery's outcome.
        answer = 200;
        const Answer again = m_client.call("POST", u"/_sandbox/events/%1/redeliver"_s.arg(eventId));
        QCOMPARE(again.status, 200);
        QCOMPARE(again.body[u"status"].toInt(), 200);
        QCOMPARE(again.body[u"redelivery"].toBool(), true);
        QCOMPARE(received.size(), 2);
        QCOMPARE(received.at(1).first, received.at(0).first);
        QVERIFY(webhook::verify(received.at(1).first, received.at(1).second, "whsec_redeliver",
                                QDateTime::currentSecsSinceEpoch()));
        const QJsonArray deliveries =
            m_client.call("GET", u"/_sandbox/events"_s).body[u"data"][0][u"deliveries"].toArray();
        QCOMPARE(deliveries.size(), 2);
        QCOMPARE(m_client.call("POST", u"/_sandbox/events/evt_nope/redeliver"_s).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestSandboxStorefront)
#include "tst_sandboxstorefront.moc"
