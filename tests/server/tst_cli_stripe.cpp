// The commands that talk to Stripe, as spawned binaries against the real remise-sandbox over
// loopback: sessions list/get, apply on the wrong database, reconcile and campaigns usage.

#include "sandboxprocess.h"
#include "sqlitestore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace Qt::StringLiterals;
using remise::test::CliRun;
using remise::test::SandboxProcess;

namespace {

QJsonObject parse(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

/// remise-server started against the sandbox, left running for the test to signal.
std::unique_ptr<QProcess> startCli(SandboxProcess &sandbox, const QStringList &arguments)
{
    auto process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"STRIPE_SECRET_KEY"_s);
    env.insert(u"REMISE_STRIPE_SECRET_KEY"_s, QString::fromLatin1(SandboxProcess::testKey));
    env.insert(u"REMISE_STRIPE_API_BASE"_s, sandbox.baseUrl().toString());
    env.insert(u"REMISE_DB"_s, sandbox.databasePath());
    process->setProcessEnvironment(env);
    process->start(QStringLiteral(REMISE_BIN_DIR "/remise-server"), arguments);
    return process->waitForStarted() ? std::move(process) : nullptr;
}

} // namespace

class TestCliStripe : public QObject
{
    Q_OBJECT

private:
    SandboxProcess m_sandbox;

private slots:
    void initTestCase()
    {
        QVERIFY(m_sandbox.start());
        const CliRun imported = m_sandbox.remiseServer(
            {u"campaigns"_s, u"import"_s, QStringLiteral(REMISE_TEST_DATA "/e2e/campaigns.json")});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
    }

    void sessionsListSaysWhenMoreExist()
    {
        for (int i = 0; i < 3; ++i)
            QVERIFY(!m_sandbox.createSession(u"list%1@example.org"_s.arg(i), u"gold"_s, u"BE"_s)
                         .isEmpty());
        const CliRun two = m_sandbox.remiseServer({u"sessions"_s, u"list"_s, u"--limit"_s, u"2"_s});
        QCOMPARE(two.exitCode, 0);
        QCOMPARE(two.out.trimmed().split('\n').size(), 3); // header and two rows
        QVERIFY2(two.err.contains("2 sessions shown; more exist"), two.err.constData());

        const CliRun json =
            m_sandbox.remiseServer({u"sessions"_s, u"list"_s, u"--limit"_s, u"2"_s, u"--json"_s});
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(parse(json.out)[u"data"].toArray().size(), 2);
        QCOMPARE(parse(json.out)[u"has_more"].toBool(), true);

        // All of them: nothing more to say.
        const CliRun all = m_sandbox.remiseServer(
            {u"sessions"_s, u"list"_s, u"--limit"_s, u"10000"_s, u"--json"_s});
        QCOMPARE(all.exitCode, 0);
        const int total = int(parse(all.out)[u"data"].toArray().size());
        QVERIFY(total >= 3);
        QCOMPARE(parse(all.out)[u"has_more"].toBool(), false);
        const CliRun exact = m_sandbox.remiseServer(
            {u"sessions"_s, u"list"_s, u"--limit"_s, QString::number(total)});
        QCOMPARE(exact.exitCode, 0);
        QVERIFY2(!exact.err.contains("more exist"), exact.err.constData());
    }

    void sessionsListPagesBeyondOneStripePage()
    {
        // Stripe pages hold 100 sessions at most; --limit goes further by paging.
        const CliRun before = m_sandbox.remiseServer(
            {u"sessions"_s, u"list"_s, u"--limit"_s, u"10000"_s, u"--json"_s});
        const int existing = int(parse(before.out)[u"data"].toArray().size());
        for (int i = existing; i < 102; ++i)
            QVERIFY(
                !m_sandbox.createSession(u"page%1@example.org"_s.arg(i), u"gold"_s, {}).isEmpty());
        const CliRun run =
            m_sandbox.remiseServer({u"sessions"_s, u"list"_s, u"--limit"_s, u"101"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray data = parse(run.out)[u"data"].toArray();
        QCOMPARE(data.size(), 101);
        QCOMPARE(parse(run.out)[u"has_more"].toBool(), true);
        QSet<QString> ids;
        for (const QJsonValue &s : data)
            ids.insert(s[u"id"].toString());
        QCOMPARE(ids.size(), 101); // no page read twice
    }

    void sessionsGetGivesWhatSimulateTakes()
    {
        const QString id = m_sandbox.createSession(u"get@example.org"_s, u"gold"_s, u"BE"_s);
        const CliRun got = m_sandbox.remiseServer({u"sessions"_s, u"get"_s, id});
        QCOMPARE(got.exitCode, 0);
        const QJsonObject session = parse(got.out);
        QCOMPARE(session[u"id"].toString(), id);
        QVERIFY(session[u"line_items"][u"data"].isArray());

        QTemporaryDir dir;
        const QString file = dir.filePath(u"session.json"_s);
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(got.out);
        out.close();
        const CliRun simulated = m_sandbox.remiseServer({u"simulate"_s, u"--session"_s, file});
        QVERIFY2(simulated.exitCode == 0, simulated.err.constData());
        const QJsonObject decision = parse(simulated.out);
        QCOMPARE(decision[u"session"].toString(), id);
        QCOMPARE(decision[u"subtotal"].toInteger(), 18000);

        // And the same decision apply --dry-run reaches.
        const CliRun dry = m_sandbox.remiseServer({u"apply"_s, id, u"--dry-run"_s});
        QVERIFY2(dry.exitCode == 0, dry.err.constData());
        QCOMPARE(parse(dry.out)[u"decision"][u"discount"][u"amount_off"],
                 decision[u"discount"][u"amount_off"]);

        const CliRun missing = m_sandbox.remiseServer({u"sessions"_s, u"get"_s, u"cs_test_nope"_s});
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(missing.err.count('\n'), 1);
    }

    void applyOnAMistypedDatabaseChangesNothing()
    {
        // The finding: REMISE_DB=/tmp/typo/remise.db remise-server apply cs_test_… created an
        // empty database and removed the session's discount, exit 0.
        const QString id = m_sandbox.createSession(u"typo@example.org"_s, u"gold"_s, u"BE"_s);
        QCOMPARE(m_sandbox.remiseServer({u"apply"_s, id}).exitCode, 0);
        const QJsonObject before = m_sandbox.session(id);
        QCOMPARE(before[u"discounts"].toArray().size(), 1);
        m_sandbox.clearRequests();

        QTemporaryDir dir;
        const QString typo = dir.filePath(u"typo/remise.db"_s);
        for (const QStringList &arguments :
             {QStringList{u"apply"_s, id}, QStringList{u"apply"_s, id, u"--clear"_s},
              QStringList{u"apply"_s, id, u"--dry-run"_s}, QStringList{u"reconcile"_s}}) {
            const CliRun run = m_sandbox.remiseServer(arguments, {{u"REMISE_DB"_s, typo}});
            if (arguments.first() == u"reconcile" && run.exitCode == 2)
                continue; // not in this build
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains("database_missing") && run.err.contains(typo.toUtf8()),
                     run.err.constData());
            QVERIFY(!QFileInfo::exists(dir.filePath(u"typo"_s)));
        }
        // Nothing reached Stripe and the discount is still there.
        QVERIFY(m_sandbox.requests(u"POST"_s, u"/v1/checkout/sessions/%1"_s.arg(id)).isEmpty());
        QVERIFY(m_sandbox.requests(u"GET"_s, u"/v1/checkout/sessions/%1"_s.arg(id)).isEmpty());
        QCOMPARE(m_sandbox.session(id)[u"discounts"], before[u"discounts"]);
    }

    void anEmptyRuleBookNeverChangesADiscount()
    {
        const QString id = m_sandbox.createSession(u"empty@example.org"_s, u"gold"_s, u"BE"_s);
        QCOMPARE(m_sandbox.remiseServer({u"apply"_s, id}).exitCode, 0);
        const QJsonObject before = m_sandbox.session(id);
        QCOMPARE(before[u"discounts"].toArray().size(), 1);
        m_sandbox.clearRequests();

        QTemporaryDir dir;
        const QString empty = dir.filePath(u"empty.db"_s);
        QCOMPARE(m_sandbox.remiseServer({u"db"_s, u"migrate"_s, u"--db"_s, empty}).exitCode, 0);
        for (const QStringList &arguments :
             {QStringList{u"apply"_s, id, u"--db"_s, empty},
              QStringList{u"--db"_s, empty, u"apply"_s, id, u"--dry-run"_s}}) {
            const CliRun run = m_sandbox.remiseServer(arguments);
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.startsWith("remise-server: no_campaigns: "), run.err.constData());
        }
        QVERIFY(m_sandbox.requests(u"POST"_s, u"/v1/checkout/sessions/%1"_s.arg(id)).isEmpty());
        QCOMPARE(m_sandbox.session(id)[u"discounts"], before[u"discounts"]);
    }

    void anInterruptedApplyLeavesNothingHalfDone_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
    }

    void anInterruptedApplyLeavesNothingHalfDone()
    {
        // The finding: Ctrl-C during a slow apply left the discount on the session, the hold
        // pending, no activity entry, and the lease taken for the next runs.
        QFETCH(int, signalNumber);
        const QString id = m_sandbox.createSession(u"sigint@example.org"_s, u"gold"_s, u"BE"_s);
        const QString path = u"/v1/checkout/sessions/"_s + id;
        m_sandbox.clearRequests();
        m_sandbox.injectFault({{u"method"_s, u"POST"_s},
                               {u"path"_s, path},
                               {u"fault"_s, u"latency"_s},
                               {u"latency_ms"_s, 2500},
                               {u"count"_s, 1}});
        auto process = startCli(m_sandbox, {u"apply"_s, id});
        QVERIFY(process);
        // Signal while the update call is in flight: after the session was read.
        QTRY_VERIFY_WITH_TIMEOUT(!m_sandbox.requests(u"GET"_s, path).isEmpty(), 10'000);
        QTest::qWait(400);
        ::kill(pid_t(process->processId()), signalNumber);
        QVERIFY(process->waitForFinished(30'000));
        m_sandbox.clearFaults();
        const QByteArray err = process->readAllStandardError();
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        QVERIFY2(err.contains("interrupted"), err.constData());

        // Consistent: the session and the store agree, the run is recorded, the lease is free.
        const QJsonObject session = m_sandbox.session(id);
        const bool carries = !session[u"discounts"].toArray().isEmpty();
        QCOMPARE(process->exitCode(), carries ? 0 : 1);
        auto store = remise::SqliteStore::open(m_sandbox.databasePath());
        QVERIFY(store);
        const auto reservations = (*store)->reservations(id);
        QVERIFY(reservations);
        for (const remise::Reservation &r : *reservations)
            QVERIFY2(r.state == remise::Reservation::State::Held && carries,
                     "a reservation is pending, or held without a discount");
        remise::ActivityFilter filter;
        filter.sessionId = id;
        const auto activity = (*store)->activity(filter);
        QVERIFY(activity);
        QCOMPARE(activity->size(), 1);

        QElapsedTimer timer;
        timer.start();
        const CliRun again = m_sandbox.remiseServer({u"apply"_s, id});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY2(timer.elapsed() < 5000, "the next run waited for the lease");
    }

    void aSecondSignalStopsAtOnce()
    {
        const QString id = m_sandbox.createSession(u"twice@example.org"_s, u"gold"_s, u"BE"_s);
        const QString path = u"/v1/checkout/sessions/"_s + id;
        m_sandbox.clearRequests();
        // The update call hangs: the first signal lets it finish (up to the Stripe timeout),
        // the second must not wait for that.
        m_sandbox.injectFault({{u"method"_s, u"POST"_s},
                               {u"path"_s, path},
                               {u"fault"_s, u"latency"_s},
                               {u"latency_ms"_s, 15000},
                               {u"count"_s, 1}});
        auto process = startCli(m_sandbox, {u"apply"_s, id});
        QVERIFY(process);
        QTRY_VERIFY_WITH_TIMEOUT(!m_sandbox.requests(u"GET"_s, path).isEmpty(), 10'000);
        QTest::qWait(400);
        const pid_t pid = pid_t(process->processId());
        QVERIFY(pid > 0);
        QElapsedTimer timer;
        timer.start();
        ::kill(pid, SIGINT);
        QTest::qWait(200);
        QCOMPARE(process->state(), QProcess::Running); // the first signal waits for the update
        ::kill(pid, SIGINT);
        QVERIFY(process->waitForFinished(10'000));
        QVERIFY(timer.elapsed() < 5000);
        QCOMPARE(process->exitStatus(), QProcess::CrashExit); // killed by the signal itself
        m_sandbox.clearFaults();
    }

    void reconcileSettlesReservationsAndUsageShowsIt()
    {
        // Runs last: it replaces the rule book with one limited campaign.
        const CliRun available = m_sandbox.remiseServer({u"reconcile"_s, u"--help"_s});
        if (available.exitCode != 0)
            QSKIP("reconcile is not in this build");
        QTemporaryDir dir;
        const QString rules = dir.filePath(u"limited.json"_s);
        {
            QFile file(rules);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(R"({"format": "remise/1", "segments": [], "campaigns": [
                {"id": "limited", "name": "Five only", "status": "active",
                 "reward": {"type": "amount_off", "amount_off": {"eur": 500}},
                 "limits": {"max_redemptions": 5, "budget": {"eur": 5000}}}]})");
        }
        QCOMPARE(
            m_sandbox.remiseServer({u"campaigns"_s, u"import"_s, rules, u"--replace"_s}).exitCode,
            0);
        // Four sessions carry the discount; a fifth has a pending reservation left by an
        // update that never finished (its process died before calling Stripe).
        QStringList ids;
        for (const QString &name :
             {u"expire"_s, u"complete"_s, u"cleared"_s, u"open"_s, u"abandoned"_s}) {
            const QString id =
                m_sandbox.createSession(name + u"@example.org"_s, u"silver"_s, u"FR"_s);
            QVERIFY(!id.isEmpty());
            ids.append(id);
            if (name != u"abandoned") {
                const CliRun applied = m_sandbox.remiseServer({u"apply"_s, id});
                QVERIFY2(applied.exitCode == 0, applied.err.constData());
            }
        }
        {
            auto store = remise::SqliteStore::open(m_sandbox.databasePath());
            QVERIFY(store);
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            QVERIFY((*store)->reserve(ids.at(4), u"dec_abandoned0000000000000000"_s,
                                      u"abandoned@example.org"_s, u"eur"_s, {{u"limited"_s, 500}},
                                      now, now + 3'600'000));
        }
        const auto usage = [this] {
            const CliRun run = m_sandbox.remiseServer({u"campaigns"_s, u"usage"_s, u"--json"_s});
            QMap<QString, QJsonObject> byLimit;
            for (const QJsonValue &v : parse(run.out)[u"limits"].toArray())
                byLimit.insert(v[u"limit"].toString(), v.toObject());
            return byLimit;
        };
        auto before = usage();
        QCOMPARE(before[u"max_redemptions"_s][u"held"].toInt(), 4);
        QCOMPARE(before[u"max_redemptions"_s][u"pending"].toInt(), 1);
        QCOMPARE(before[u"max_redemptions"_s][u"left"].toInt(), 0);
        QCOMPARE(before[u"budget"_s][u"left"].toInteger(), 2500);
        const CliRun table = m_sandbox.remiseServer({u"campaigns"_s, u"usage"_s});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.startsWith("CAMPAIGN") && table.out.contains("limited"),
                 table.out.constData());

        // Expire one, complete one, take the discount off another behind Remise's back.
        QCOMPARE(m_sandbox.call("POST", u"/v1/checkout/sessions/%1/expire"_s.arg(ids.at(0))).status,
                 200);
        QCOMPARE(m_sandbox.call("POST", u"/_sandbox/checkout/sessions/%1/complete"_s.arg(ids.at(1)))
                     .status,
                 200);
        QCOMPARE(m_sandbox
                     .call("POST", u"/v1/checkout/sessions/%1"_s.arg(ids.at(2)),
                           {{u"discounts"_s, QString()}},
                           "2025-03-31.basil; checkout_server_update_beta=v1")
                     .status,
                 200);

        // A dry run says what would happen and changes nothing.
        const CliRun dry = m_sandbox.remiseServer({u"reconcile"_s, u"--dry-run"_s, u"--json"_s});
        QVERIFY2(dry.exitCode == 0, dry.err.constData());
        QCOMPARE(usage(), before);

        const CliRun run = m_sandbox.remiseServer({u"reconcile"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QMap<QString, QString> actions;
        for (const QJsonValue &item : parse(run.out)[u"sessions"].toArray())
            actions.insert(item[u"session"].toString(), item[u"action"].toString());
        QCOMPARE(actions.value(ids.at(0)), u"released"_s);
        QCOMPARE(actions.value(ids.at(1)), u"committed"_s);
        QCOMPARE(actions.value(ids.at(2)), u"released"_s);
        QCOMPARE(actions.value(ids.at(3)), u"kept"_s);
        QCOMPARE(actions.value(ids.at(4)), u"released"_s);

        // The limits came back, or became a redemption.
        const auto after = usage();
        QCOMPARE(after[u"max_redemptions"_s][u"used"].toInt(), 1);
        QCOMPARE(after[u"max_redemptions"_s][u"held"].toInt(), 1);
        QCOMPARE(after[u"max_redemptions"_s][u"pending"].toInt(), 0);
        QCOMPARE(after[u"max_redemptions"_s][u"left"].toInt(), 3);
        QCOMPARE(after[u"budget"_s][u"used"].toInteger(), 500);
        QCOMPARE(after[u"budget"_s][u"left"].toInteger(), 4000);

        // Idempotent: again, nothing more is committed or released.
        const CliRun again = m_sandbox.remiseServer({u"reconcile"_s});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY2(again.out.contains("0 committed, 0 released"), again.out.constData());
        QCOMPARE(usage(), after);
    }
};

QTEST_GUILESS_MAIN(TestCliStripe)
#include "tst_cli_stripe.moc"
