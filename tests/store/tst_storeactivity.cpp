// The SQLite store's activity log (append, filters, paging, no secrets), session codes and
// webhook events handled once.

#include "storetest.h"
#include "walcheckpointer.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::storetest;

namespace {

ActivityEntry entry(qint64 atMs, const QString &session, const QString &outcome)
{
    ActivityEntry e;
    e.atMs = atMs;
    e.actor = u"service"_s;
    e.action = u"refresh"_s;
    e.sessionId = session;
    e.decisionId = u"dec_%1"_s.arg(atMs);
    e.outcome = outcome;
    e.latencyMs = atMs % 97;
    e.stripeRequestId = u"req_%1"_s.arg(atMs);
    e.message = u"entry at %1"_s.arg(atMs);
    return e;
}

} // namespace

class TestStoreActivity : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_store;
    QList<ActivityEntry> m_appended; // oldest first, ids filled in

    QList<qint64> ids(const ActivityFilter &filter)
    {
        QList<qint64> out;
        const QList<ActivityEntry> entries = m_store->activity(filter).value();
        for (const ActivityEntry &e : entries)
            out.append(e.id);
        return out;
    }
    qint64 idAt(int index) const { return m_appended.at(index).id; }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        static int n = 0;
        m_store = openStore(m_dir.filePath(u"activity%1.db"_s.arg(++n)));
        QVERIFY(m_store);
        m_appended.clear();
        const QStringList sessions{u"cs_test_a"_s, u"cs_test_b"_s};
        const QStringList outcomes{u"applied"_s, u"unchanged"_s, u"failed"_s};
        for (int i = 0; i < 6; ++i) {
            ActivityEntry e = entry(1000 * (i + 1), sessions.at(i % 2), outcomes.at(i % 3));
            if (i == 0)
                e.after = QJsonObject{{u"amount_off"_s, 2300},
                                      {u"currency"_s, u"eur"_s},
                                      {u"campaigns"_s, QJsonArray{u"bf-2026"_s}}};
            const auto id = m_store->appendActivity(e);
            QVERIFY(id);
            e.id = *id;
            m_appended.append(e);
        }
    }
    void cleanup() { m_store.reset(); }

    void entriesComeBackNewestFirstAndWhole()
    {
        for (int i = 1; i < m_appended.size(); ++i)
            QVERIFY(idAt(i) > idAt(i - 1));
        const QList<ActivityEntry> all = m_store->activity({}).value();
        QCOMPARE(all.size(), m_appended.size());
        for (int i = 0; i < all.size(); ++i)
            QCOMPARE(all.at(i), m_appended.at(m_appended.size() - 1 - i));
        QCOMPARE(all.last().after[u"amount_off"].toInteger(), 2300);
    }

    void filters_data()
    {
        QTest::addColumn<QString>("session");
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<qint64>("since");
        QTest::addColumn<qint64>("until");
        QTest::addColumn<QList<int>>("expected"); // indexes into the appended entries

        QTest::newRow("everything")
            << QString() << QString() << 0LL << 0LL << QList<int>{5, 4, 3, 2, 1, 0};
        QTest::newRow("one session")
            << u"cs_test_b"_s << QString() << 0LL << 0LL << QList<int>{5, 3, 1};
        QTest::newRow("one outcome") << QString() << u"failed"_s << 0LL << 0LL << QList<int>{5, 2};
        QTest::newRow("session and outcome")
            << u"cs_test_a"_s << u"applied"_s << 0LL << 0LL << QList<int>{0};
        QTest::newRow("since, inclusive")
            << QString() << QString() << 4000LL << 0LL << QList<int>{5, 4, 3};
        QTest::newRow("until, exclusive")
            << QString() << QString() << 0LL << 3000LL << QList<int>{1, 0};
        QTest::newRow("a window") << QString() << QString() << 2000LL << 5000LL
                                  << QList<int>{3, 2, 1};
        QTest::newRow("no match") << u"cs_test_zzz"_s << QString() << 0LL << 0LL << QList<int>{};
    }

    void filters()
    {
        QFETCH(QString, session);
        QFETCH(QString, outcome);
        QFETCH(qint64, since);
        QFETCH(qint64, until);
        QFETCH(QList<int>, expected);
        ActivityFilter filter;
        filter.sessionId = session;
        filter.outcome = outcome;
        filter.sinceMs = since;
        filter.untilMs = until;
        QList<qint64> want;
        for (int index : std::as_const(expected))
            want.append(idAt(index));
        QCOMPARE(ids(filter), want);
    }

    void pagesByIdWithoutGapsOrRepeats()
    {
        ActivityFilter filter;
        filter.limit = 4;
        QList<qint64> pages;
        for (;;) {
            const QList<qint64> page = ids(filter);
            QVERIFY(page.size() <= 4);
            if (page.isEmpty())
                break;
            pages += page;
            filter.beforeId = page.last();
            // An entry appended meanwhile does not disturb the pages already being read.
            if (pages.size() == 4)
                QVERIFY(m_store->appendActivity(entry(9000, u"cs_test_c"_s, u"applied"_s)));
        }
        QCOMPARE(pages, (QList<qint64>{idAt(5), idAt(4), idAt(3), idAt(2), idAt(1), idAt(0)}));
        filter = {};
        filter.sessionId = u"cs_test_a"_s;
        filter.beforeId = idAt(4);
        filter.limit = 1;
        QCOMPARE(ids(filter), QList<qint64>{idAt(2)});
    }

    void secretsNeverReachTheLog()
    {
        const QString key = u"sk_test_51HxYzAbCdEfGhIjKlMnOpQrStUv4242"_s;
        ActivityEntry e = entry(20000, u"cs_test_s"_s, u"failed"_s);
        e.message = u"Stripe refused the key "_s + key;
        e.before = QJsonObject{{u"note"_s, key}};
        QVERIFY(m_store->appendActivity(e));
        ActivityFilter filter;
        filter.sessionId = u"cs_test_s"_s;
        const ActivityEntry stored = m_store->activity(filter)->value(0);
        QVERIFY(!stored.message.contains(key));
        QVERIFY(stored.message.startsWith(u"Stripe refused the key sk_test_"_s));
        QVERIFY(!stored.before[u"note"].toString().contains(key));
    }

    void sessionCodesAreKeptPerSession()
    {
        QCOMPARE(m_store->sessionCode(u"cs_test_1"_s).value(), QString());
        QVERIFY(m_store->setSessionCode(u"cs_test_1"_s, u"WELCOME10"_s, 1000));
        QVERIFY(m_store->setSessionCode(u"cs_test_2"_s, u"OTHER"_s, 1000));
        QCOMPARE(m_store->sessionCode(u"cs_test_1"_s).value(), u"WELCOME10"_s);
        QVERIFY(m_store->setSessionCode(u"cs_test_1"_s, u"Bf-2026"_s, 2000));
        QCOMPARE(m_store->sessionCode(u"cs_test_1"_s).value(), u"Bf-2026"_s);
        QVERIFY(m_store->clearSessionCode(u"cs_test_1"_s));
        QCOMPARE(m_store->sessionCode(u"cs_test_1"_s).value(), QString());
        QCOMPARE(m_store->sessionCode(u"cs_test_2"_s).value(), u"OTHER"_s);
        QVERIFY(m_store->setSessionCode(u"cs_test_2"_s, QString(), 3000)); // empty clears
        QCOMPARE(m_store->sessionCode(u"cs_test_2"_s).value(), QString());
    }

    void runsEndingTogetherAreRecordedAllOrNothing()
    {
        // The workflow's group commit: three runs' entries in one transaction, each giving its
        // session's lease back only where it held one.
        const qint64 now = 10'000;
        QVERIFY(*m_store->acquireSessionLease(u"cs_test_x"_s, u"me"_s, now, now + 60'000));
        QVERIFY(*m_store->acquireSessionLease(u"cs_test_y"_s, u"me"_s, now, now + 60'000));
        const QList<RunRecord> records{{entry(20'000, u"cs_test_x"_s, u"applied"_s), true},
                                       {entry(20'001, u"cs_test_y"_s, u"unchanged"_s), false},
                                       {entry(20'002, u"cs_test_z"_s, u"refused"_s), false}};
        const auto recorded = m_store->recordRuns(records, {}, u"me"_s, now, now + 60'000);
        QVERIFY(recorded);
        const QList<qint64> &ids = recorded->entryIds;
        QCOMPARE(ids.size(), 3);
        QVERIFY(ids.at(0) > idAt(5) && ids.at(1) > ids.at(0) && ids.at(2) > ids.at(1));
        QVERIFY(recorded->leasesTaken.isEmpty());
        QCOMPARE(m_store->activity({}).value().first().sessionId, u"cs_test_z"_s);
        QVERIFY(!m_store->sessionLease(u"cs_test_x"_s).value()); // given back
        QVERIFY(m_store->sessionLease(u"cs_test_y"_s).value());  // not asked to

        // One entry the database refuses: none of the batch is written, no lease given back.
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
            raw.setDatabaseName(m_store->path());
            QVERIFY(raw.open());
            QSqlQuery trigger(raw);
            QVERIFY(trigger.exec(u"CREATE TRIGGER refuse BEFORE INSERT ON activity "
                                 u"WHEN NEW.message = 'refuse me' "
                                 u"BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"_s));
        }
        QSqlDatabase::removeDatabase(u"raw"_s);
        ActivityEntry refused = entry(30'001, u"cs_test_q"_s, u"failed"_s);
        refused.message = u"refuse me"_s;
        const qsizetype before = m_store->activity({}).value().size();
        const auto failed = m_store->recordRuns(
            {{entry(30'000, u"cs_test_y"_s, u"applied"_s), true}, {refused, false}},
            {u"cs_test_w"_s}, u"me"_s, now, now + 60'000);
        QVERIFY(!failed);
        QCOMPARE(m_store->activity({}).value().size(), before);
        QVERIFY(m_store->sessionLease(u"cs_test_y"_s).value());
        QVERIFY(!m_store->sessionLease(u"cs_test_w"_s).value()); // not taken either
    }

    void leasesOfRunsStartingTogetherAreTakenInOneGo()
    {
        const qint64 now = 10'000;
        QVERIFY(*m_store->acquireSessionLease(u"cs_test_b"_s, u"other"_s, now, now + 60'000));
        QVERIFY(*m_store->acquireSessionLease(u"cs_test_c"_s, u"other"_s, now, now + 10));
        QVERIFY(*m_store->acquireSessionLease(u"cs_test_d"_s, u"me"_s, now, now + 60'000));
        // Runs start while another ends, in one transaction.
        const auto taken = m_store->recordRuns(
            {{entry(40'000, u"cs_test_d"_s, u"unchanged"_s), true}},
            {u"cs_test_a"_s, u"cs_test_b"_s, u"cs_test_c"_s}, u"me"_s, now + 100, now + 60'000);
        QVERIFY(taken);
        QCOMPARE(taken->entryIds.size(), 1);
        // Free: taken. Held by another: not. Expired: taken over.
        QCOMPARE(taken->leasesTaken, (QList<bool>{true, false, true}));
        QCOMPARE(m_store->sessionLease(u"cs_test_a"_s).value()->owner, u"me"_s);
        QCOMPARE(m_store->sessionLease(u"cs_test_a"_s).value()->expiresMs, now + 60'000);
        QCOMPARE(m_store->sessionLease(u"cs_test_b"_s).value()->owner, u"other"_s);
        QCOMPARE(m_store->sessionLease(u"cs_test_c"_s).value()->owner, u"me"_s);
        QVERIFY(!m_store->sessionLease(u"cs_test_d"_s).value()); // given back
        const auto nothing = m_store->recordRuns({}, {}, u"me"_s, now, now);
        QVERIFY(nothing && nothing->entryIds.isEmpty() && nothing->leasesTaken.isEmpty());
    }

    void theLogIsCheckpointedOnAThreadOfItsOwn()
    {
        // The service's store does not checkpoint on commit; a thread does, so the database file
        // takes in what the write-ahead log holds without any request waiting for it.
        const auto appendMany = [this](int n) {
            for (int i = 0; i < n; ++i) {
                ActivityEntry e = entry(50'000 + i, u"cs_test_%1"_s.arg(i), u"unchanged"_s);
                e.message = QString(200, u'x');
                QVERIFY(m_store->appendActivity(e));
            }
        };
        const QString path = m_store->path();
        QVERIFY(m_store->setAutoCheckpoint(false));
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
            raw.setDatabaseName(path);
            QVERIFY(raw.open());
            QSqlQuery(raw).exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s); // start from a clean log
        }
        QSqlDatabase::removeDatabase(u"raw"_s);
        const qint64 start = QFileInfo(path).size();
        appendMany(300);
        QTest::qWait(300);
        QCOMPARE(QFileInfo(path).size(), start); // all of it is still in the log

        auto checkpointer = WalCheckpointer::start(*m_store, std::chrono::milliseconds(50));
        QVERIFY(checkpointer);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() > start, 5000);
        const qint64 afterFirst = QFileInfo(path).size();
        appendMany(300);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() > afterFirst, 5000);
        QVERIFY((*checkpointer)->checkpoints() >= 2);
        checkpointer->reset(); // stops the thread; the store checkpoints by itself again
        ActivityFilter all;
        all.limit = 1000;
        QCOMPARE(m_store->activity(all).value().size(), 606);
    }

    void theLogStartsOverUnderSteadyWrites_data()
    {
        QTest::addColumn<bool>("grouped");
        // The service's writes: transactions, which take the process's write lock.
        QTest::newRow("transactions") << true;
        // Single statements, which do not: the RESTART fallback.
        QTest::newRow("single statements") << false;
    }

    void theLogStartsOverUnderSteadyWrites()
    {
        // Under writes that never pause, a PASSIVE checkpoint never copies the log's very end,
        // and SQLite starts the log over only once all of it is copied: the log would grow for
        // as long as the writes go on. Past its limit, the checkpointer starts it over.
        QFETCH(bool, grouped);
        const QString wal = m_store->path() + u"-wal"_s;
        constexpr int limit = 64; // frames
        auto checkpointer = WalCheckpointer::start(*m_store, std::chrono::milliseconds(2), limit);
        QVERIFY(checkpointer);
        qint64 largest = 0;
        int written = 0;
        QElapsedTimer clock;
        clock.start();
        // Until the checkpointer has started the log over a few times (2,000 writes at least,
        // some 25 MiB of log without it).
        while (written < 2000 || ((*checkpointer)->restarts() < 3 && clock.elapsed() < 20'000)) {
            ActivityEntry e = entry(60'000 + written, u"cs_test_%1"_s.arg(written), u"unchanged"_s);
            e.message = QString(200, u'x');
            if (grouped)
                QVERIFY(m_store->recordRuns({{e, false}}, {}, u"me"_s, 0, 0));
            else
                QVERIFY(m_store->appendActivity(e));
            largest = std::max(largest, QFileInfo(wal).size());
            ++written;
            QThread::usleep(200); // the service's other work between two writes
        }
        // Between two checks a few more writes land; far below what 2,000 writes fill.
        QVERIFY2(largest < 4 * 1024 * 1024, qPrintable(u"the log reached %1 bytes"_s.arg(largest)));
        QVERIFY2((*checkpointer)->restarts() >= 3,
                 qPrintable(u"%1 restarts"_s.arg((*checkpointer)->restarts())));
        checkpointer->reset();
        ActivityFilter all;
        all.limit = 5000;
        QCOMPARE(m_store->activity(all).value().size(), 6 + written);
    }

    void webhookEventsAreHandledOnce()
    {
        QCOMPARE(
            m_store->markEventProcessed(u"evt_1"_s, u"checkout.session.completed"_s, 1000).value(),
            true);
        QCOMPARE(
            m_store->markEventProcessed(u"evt_2"_s, u"checkout.session.expired"_s, 1000).value(),
            true);
        QCOMPARE(
            m_store->markEventProcessed(u"evt_1"_s, u"checkout.session.completed"_s, 2000).value(),
            false);
        // Seen by another instance (another process) too.
        auto other = SqliteStore::open(m_store->path());
        QVERIFY(other);
        QCOMPARE(
            (*other)->markEventProcessed(u"evt_2"_s, u"checkout.session.expired"_s, 3000).value(),
            false);
        QCOMPARE(m_store->markEventProcessed(QString(), QString(), 1).error().code,
                 errc::invalidValue);
    }
};

QTEST_GUILESS_MAIN(TestStoreActivity)
#include "tst_storeactivity.moc"
