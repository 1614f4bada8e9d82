// Many checkouts at once competing for the last redemptions of a capped campaign and the last
// euros of a budget, through the running service: neither limit is ever exceeded (in the
// sandbox's sessions nor in the store), and every loser gets a clear answer.

#include "serviceprocess.h"
#include "sqlitestore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtTest>

#include <numeric>

using namespace Qt::StringLiterals;
using remise::test::CliRun;
using remise::test::SandboxProcess;
using remise::test::ServiceProcess;
using remise::test::ServiceReply;

class TestServiceRace : public QObject
{
    Q_OBJECT

private:
    SandboxProcess m_sandbox;
    ServiceProcess m_service{m_sandbox};

    struct Attempt
    {
        QString sessionId;
        QString code;
        ServiceReply reply;
    };

    // Sends every attempt at once, each on its own connection, and waits for all answers.
    void race(QList<Attempt> &attempts)
    {
        QList<QNetworkAccessManager *> networks;
        QEventLoop loop;
        int pending = int(attempts.size());
        for (Attempt &a : attempts) {
            auto *network = new QNetworkAccessManager;
            networks.append(network);
            QUrl url = m_service.baseUrl();
            url.setPath(u"/v1/discounts/code"_s);
            QNetworkRequest request(url);
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
            QNetworkReply *reply = network->post(
                request, QJsonDocument(QJsonObject{{u"checkout_session_id"_s, a.sessionId},
                                                   {u"code"_s, a.code}})
                             .toJson(QJsonDocument::Compact));
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&a, reply, &pending, &loop] {
                a.reply.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                a.reply.raw = reply->readAll();
                a.reply.body = QJsonDocument::fromJson(a.reply.raw).object();
                reply->deleteLater();
                if (--pending == 0)
                    loop.quit();
            });
        }
        QTimer::singleShot(60'000, &loop, &QEventLoop::quit);
        loop.exec();
        qDeleteAll(networks);
    }

    remise::CampaignUsage usage(const QString &campaign)
    {
        auto store = remise::SqliteStore::open(m_sandbox.databasePath());
        if (!store)
            return {};
        const auto all = (*store)->usage(QString(), QString(), QDateTime::currentMSecsSinceEpoch());
        return all ? all->value(campaign) : remise::CampaignUsage{};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_sandbox.start());
        const CliRun imported = m_sandbox.remiseServer(
            {u"campaigns"_s, u"import"_s, QStringLiteral(REMISE_TEST_DATA "/service/race.json")});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QVERIFY(m_service.start({u"--rate-limit"_s, u"0"_s}, {}));
        QUrl url = m_service.baseUrl();
        url.setPath(u"/v1/webhooks/stripe"_s);
        m_sandbox.call("POST", u"/_sandbox/webhook"_s,
                       {{u"url"_s, url.toString()},
                        {u"secret"_s, QString::fromLatin1(ServiceProcess::webhookSecret)}});
    }

    void lastRedemptionsAndLastEuros()
    {
        QList<Attempt> attempts;
        for (int i = 0; i < 16; ++i)
            attempts.append(
                {m_sandbox.createSession(u"capped%1@example.org"_s.arg(i), u"bronze"_s, u"FR"_s),
                 i % 2 ? u"last5"_s : u"LAST5"_s,
                 {}});
        for (int i = 0; i < 12; ++i)
            attempts.append(
                {m_sandbox.createSession(u"budget%1@example.org"_s.arg(i), u"bronze"_s, u"FR"_s),
                 u"BUDGET"_s,
                 {}});
        for (const Attempt &a : std::as_const(attempts))
            QVERIFY(!a.sessionId.isEmpty());
        race(attempts);

        int cappedWinners = 0;
        int budgetWinners = 0;
        for (const Attempt &a : std::as_const(attempts)) {
            const bool capped = a.code.toUpper() == u"LAST5";
            if (a.reply.status == 200) {
                QCOMPARE(a.reply.amountOff(), capped ? 1000 : 1500);
                (capped ? cappedWinners : budgetWinners) += 1;
                continue;
            }
            // A loser: a clear, stable answer saying the offer ran out.
            QVERIFY2(a.reply.status == 422 || a.reply.status == 409, a.reply.raw.constData());
            QCOMPARE(a.reply.body[u"type"].toString(), u"error"_s);
            if (a.reply.status == 422) {
                QCOMPARE(a.reply.code(), u"code_not_accepted"_s);
                QCOMPARE(a.reply.body[u"reason"].toString(),
                         capped ? u"max_redemptions_reached"_s : u"budget_exhausted"_s);
                QCOMPARE(a.reply.body[u"message"].toString(),
                         u"This code has been fully redeemed."_s);
            } else {
                QCOMPARE(a.reply.code(), u"limit_reached"_s);
            }
        }
        int lostAtReservation = 0;
        for (const Attempt &a : std::as_const(attempts))
            lostAtReservation += a.reply.status == 409 ? 1 : 0;
        qInfo("%d checkouts: %d capped and %d budget winners; %d lost at the reservation itself",
              int(attempts.size()), cappedWinners, budgetWinners, lostAtReservation);
        // Every unit is taken, none twice.
        QCOMPARE(cappedWinners, 5);
        QCOMPARE(budgetWinners, 3);

        // The sandbox agrees: only the winners' sessions carry a discount.
        int cappedCarried = 0;
        qint64 budgetSpent = 0;
        for (const Attempt &a : std::as_const(attempts)) {
            const QJsonObject session = m_sandbox.session(a.sessionId);
            const qint64 off = session[u"total_details"][u"amount_discount"].toInteger();
            QCOMPARE(off > 0, a.reply.status == 200);
            if (a.code.toUpper() == u"LAST5")
                cappedCarried += off > 0 ? 1 : 0;
            else
                budgetSpent += off;
        }
        QCOMPARE(cappedCarried, 5);
        QCOMPARE(budgetSpent, 4500);
        QCOMPARE(usage(u"last-five"_s).redemptions, 5);
        QCOMPARE(usage(u"small-budget"_s).budgetUsed.value(u"eur"), 4500);

        // The winners pay: the reservations become redemptions, still within the limits.
        for (const Attempt &a : std::as_const(attempts))
            if (a.reply.status == 200)
                m_sandbox.call("POST",
                               u"/_sandbox/checkout/sessions/%1/complete"_s.arg(a.sessionId));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_sandbox.call("GET", u"/_sandbox/webhooks"_s).body[u"data"].toArray().size(), 8,
            10'000);
        for (const QJsonValue &d :
             m_sandbox.call("GET", u"/_sandbox/webhooks"_s).body[u"data"].toArray())
            QCOMPARE(d[u"status"].toInt(), 200);
        QCOMPARE(usage(u"last-five"_s).redemptions, 5);
        QCOMPARE(usage(u"small-budget"_s).budgetUsed.value(u"eur"), 4500);

        // A second wave of losers still loses, with the same clear answer.
        QList<Attempt> again;
        for (const Attempt &a : std::as_const(attempts))
            if (a.reply.status != 200)
                again.append({a.sessionId, a.code, {}});
        race(again);
        for (const Attempt &a : std::as_const(again)) {
            QVERIFY2(a.reply.status == 422, a.reply.raw.constData());
            QCOMPARE(a.reply.code(), u"code_not_accepted"_s);
        }
        QCOMPARE(usage(u"last-five"_s).redemptions, 5);
        QCOMPARE(usage(u"small-budget"_s).budgetUsed.value(u"eur"), 4500);

        // With several lanes (REMISE_THREADS), lane 0 handed the racers' connections to all of
        // them in turn: none got less than half its share.
        const int lanes = std::max(1, qEnvironmentVariableIntValue("REMISE_THREADS"));
        const QByteArray metrics = m_service.request("GET", u"/metrics"_s).raw;
        QList<qint64> began;
        for (int lane = 0; lane < lanes; ++lane) {
            const QByteArray series =
                "remise_lane_requests_total{lane=\"" + QByteArray::number(lane) + "\"} ";
            const qsizetype at = metrics.indexOf(series);
            QVERIFY2(at >= 0, series.constData());
            began.append(
                metrics.mid(at + series.size(), metrics.indexOf('\n', at) - at - series.size())
                    .toLongLong());
        }
        const qint64 total = std::accumulate(began.cbegin(), began.cend(), qint64(0));
        qInfo() << "requests begun by lane:" << began;
        for (qsizetype lane = 0; lane < began.size(); ++lane)
            QVERIFY2(
                began.at(lane) * 2 * lanes >= total,
                qPrintable(
                    u"lane %1 began %2 of %3 requests"_s.arg(lane).arg(began.at(lane)).arg(total)));
    }
};

QTEST_GUILESS_MAIN(TestServiceRace)
#include "tst_service_race.moc"
