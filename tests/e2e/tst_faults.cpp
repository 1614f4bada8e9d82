// End to end under faults injected in the sandbox: retryable faults are retried within the
// limits with the same idempotency key and the session ends right; the others fail fast with a
// clear error; a slow Stripe never blocks past the configured timeout; no session ever gets a
// discount twice or a wrong total.

#include "sandboxprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace Qt::StringLiterals;
using remise::test::CliRun;
using remise::test::SandboxProcess;

namespace {

QJsonObject parse(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private:
    SandboxProcess m_sandbox;

    // Every session must be consistent: at most one discount, and total = subtotal − discount.
    void verifyConsistent(const QString &id, qint64 expectedDiscount)
    {
        const QJsonObject s = m_sandbox.session(id);
        const qint64 subtotal = s[u"amount_subtotal"].toInteger();
        const qint64 discount = s[u"total_details"][u"amount_discount"].toInteger();
        QVERIFY(s[u"discounts"].toArray().size() <= 1);
        QCOMPARE(discount, expectedDiscount);
        QCOMPARE(s[u"amount_total"].toInteger(), subtotal - discount);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_sandbox.start());
        const CliRun imported = m_sandbox.remiseServer(
            {u"campaigns"_s, u"import"_s, QStringLiteral(REMISE_TEST_DATA "/e2e/campaigns.json")});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
    }

    void cleanup() { m_sandbox.clearFaults(); }

    void retryableFaultsAreRetried_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::addColumn<int>("attempts");
        QTest::newRow("500") << QJsonObject{{u"fault"_s, u"status"_s}, {u"status"_s, 500}} << 2;
        QTest::newRow("503 twice")
            << QJsonObject{{u"fault"_s, u"status"_s}, {u"status"_s, 503}, {u"count"_s, 2}} << 3;
        QTest::newRow("lock timeout") << QJsonObject{{u"fault"_s, u"lock_timeout"_s}} << 2;
        QTest::newRow("dropped before")
            << QJsonObject{{u"fault"_s, u"drop"_s}, {u"when"_s, u"before"_s}} << 2;
        // The update happened but the answer was lost: the retry is replayed, not re-applied.
        QTest::newRow("dropped after")
            << QJsonObject{{u"fault"_s, u"drop"_s}, {u"when"_s, u"after"_s}} << 2;
        // An attempt that times out is retried with the same key; the sandbox may still be busy
        // with the first one (409, retried again) or have finished it (replayed): 2 or 3 tries.
        QTest::newRow("too slow") << QJsonObject{{u"fault"_s, u"latency"_s}, {u"latency_ms"_s, 700}}
                                  << -1;
    }

    void retryableFaultsAreRetried()
    {
        QFETCH(QJsonObject, fault);
        QFETCH(int, attempts);
        const QString id = m_sandbox.createSession(u"retry@example.org"_s, u"gold"_s, u"BE"_s);
        const QString path = u"/v1/checkout/sessions/"_s + id;
        fault.insert(u"method"_s, u"POST"_s);
        fault.insert(u"path"_s, path);
        m_sandbox.injectFault(fault);

        QMap<QString, QString> env;
        if (attempts < 0)
            env.insert(u"REMISE_STRIPE_ATTEMPT_TIMEOUT_MS"_s, u"300"_s);
        const CliRun run = m_sandbox.remiseServer({u"apply"_s, id}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(parse(run.out)[u"outcome"].toString(), u"applied"_s);

        const QList<QJsonObject> posts = m_sandbox.requests(u"POST"_s, path);
        if (attempts < 0)
            QVERIFY2(posts.size() == 2 || posts.size() == 3,
                     qPrintable(QString::number(posts.size())));
        else
            QCOMPARE(posts.size(), attempts);
        const QString key = posts.first()[u"idempotency_key"].toString();
        QVERIFY(!key.isEmpty());
        for (const QJsonObject &post : posts)
            QCOMPARE(post[u"idempotency_key"].toString(), key);
        verifyConsistent(id, 2300);
    }

    void nonRetryableFaultsFailFast_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::addColumn<QString>("message");
        QTest::newRow("rate limited, told not to retry")
            << QJsonObject{{u"fault"_s, u"rate_limit"_s}, {u"should_retry"_s, false}} << u"429"_s;
        QTest::newRow("500 told not to retry") << QJsonObject{{u"fault"_s, u"status"_s},
                                                              {u"status"_s, 500},
                                                              {u"should_retry"_s, false}}
                                               << u"500"_s;
        QTest::newRow("lock timeout, told not to retry")
            << QJsonObject{{u"fault"_s, u"lock_timeout"_s}, {u"should_retry"_s, false}}
            << u"lock_timeout"_s;
    }

    void nonRetryableFaultsFailFast()
    {
        QFETCH(QJsonObject, fault);
        QFETCH(QString, message);
        const QString id = m_sandbox.createSession(u"fast@example.org"_s, u"gold"_s, u"BE"_s);
        const QString path = u"/v1/checkout/sessions/"_s + id;
        fault.insert(u"method"_s, u"POST"_s);
        fault.insert(u"path"_s, path);
        m_sandbox.injectFault(fault);
        const CliRun run = m_sandbox.remiseServer({u"apply"_s, id});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
        QCOMPARE(m_sandbox.requests(u"POST"_s, path).size(), 1);
        verifyConsistent(id, 0);
    }

    void retriesAreBounded()
    {
        const QString id = m_sandbox.createSession(u"bounded@example.org"_s, u"gold"_s, u"BE"_s);
        const QString path = u"/v1/checkout/sessions/"_s + id;
        m_sandbox.injectFault({{u"method"_s, u"POST"_s},
                               {u"path"_s, path},
                               {u"fault"_s, u"status"_s},
                               {u"status"_s, 503},
                               {u"count"_s, -1}});
        const CliRun run = m_sandbox.remiseServer({u"apply"_s, id});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("stripe_unavailable"), run.err.constData());
        QCOMPARE(m_sandbox.requests(u"POST"_s, path).size(), 3); // the first try and 2 retries
        verifyConsistent(id, 0);
    }

    void aSlowStripeNeverBlocksPastTheTimeout()
    {
        const QString id = m_sandbox.createSession(u"slow@example.org"_s, u"gold"_s, u"BE"_s);
        m_sandbox.injectFault({{u"method"_s, u"GET"_s},
                               {u"path"_s, QString(u"/v1/checkout/sessions/"_s + id)},
                               {u"fault"_s, u"latency"_s},
                               {u"latency_ms"_s, 20000},
                               {u"count"_s, -1}});
        const CliRun run =
            m_sandbox.remiseServer({u"apply"_s, id}, {{u"REMISE_STRIPE_TIMEOUT_MS"_s, u"1500"_s}});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("stripe_timeout"), run.err.constData());
        // Generous margin for process start-up on a loaded machine; far below the 20 s delay.
        QVERIFY2(run.elapsedMs < 8000, qPrintable(u"took %1 ms"_s.arg(run.elapsedMs)));
        m_sandbox.clearFaults(); // so that checking the session is not slowed down in turn
        verifyConsistent(id, 0);
    }

    void aStripeTimeoutHasOneCodeInEveryCommand()
    {
        // `sessions list` and `apply` used to disagree (stripe_timeout vs stripe_unavailable).
        const QString id = m_sandbox.createSession(u"timeout@example.org"_s, u"gold"_s, u"BE"_s);
        m_sandbox.injectFault({{u"method"_s, u"GET"_s},
                               {u"fault"_s, u"latency"_s},
                               {u"latency_ms"_s, 20000},
                               {u"count"_s, -1}});
        const QList<QStringList> commands{{u"apply"_s, id}, {u"sessions"_s, u"list"_s}};
        for (const QStringList &command : commands) {
            const CliRun run = m_sandbox.remiseServer(
                command, {{u"REMISE_STRIPE_TIMEOUT_MS"_s, u"800"_s},
                          {u"REMISE_STRIPE_ATTEMPT_TIMEOUT_MS"_s, u"800"_s}});
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains("stripe_timeout"), run.err.constData());
            QVERIFY2(!run.err.contains("stripe_unavailable"), run.err.constData());
        }
        m_sandbox.clearFaults();
    }

    void aMalformedAnswerIsNotTrusted()
    {
        const QString id = m_sandbox.createSession(u"malformed@example.org"_s, u"gold"_s, u"BE"_s);
        const QString path = u"/v1/checkout/sessions/"_s + id;
        m_sandbox.injectFault(
            {{u"method"_s, u"POST"_s}, {u"path"_s, path}, {u"fault"_s, u"malformed"_s}});
        const CliRun run = m_sandbox.remiseServer({u"apply"_s, id});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("stripe_unavailable"), run.err.constData());
        // Nothing was applied; a later run puts the right discount on, exactly once.
        verifyConsistent(id, 0);
        const CliRun again = m_sandbox.remiseServer({u"apply"_s, id});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        verifyConsistent(id, 2300);
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
