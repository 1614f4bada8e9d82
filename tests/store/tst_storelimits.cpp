// The SQLite store's limits bookkeeping: usage, reservations (reserve, confirm, cancel,
// release, expiry) and redemptions, and races for the last unit between store instances and
// between threads.

#include "storetest.h"

#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <barrier>
#include <thread>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::storetest;

namespace {

const char *limitedRules = R"({"format": "remise/1", "segments": [], "campaigns": [
  {"id": "capped", "name": "Capped", "status": "active", "priority": 1, "stacking": "stackable",
   "starts_at": null, "ends_at": null, "conditions": {},
   "reward": {"type": "amount_off", "amount_off": {"eur": 500}}, "limits": {"max_redemptions": 2}},
  {"id": "once", "name": "Once", "status": "active", "priority": 1, "stacking": "stackable",
   "starts_at": null, "ends_at": null, "conditions": {},
   "reward": {"type": "amount_off", "amount_off": {"eur": 500}}, "limits": {"max_per_customer": 1}},
  {"id": "budget", "name": "Budget", "status": "active", "priority": 1, "stacking": "stackable",
   "starts_at": null, "ends_at": null, "conditions": {},
   "reward": {"type": "percent_off", "percent": 10},
   "limits": {"budget": {"eur": 1000, "usd": 2000}}},
  {"id": "free", "name": "Free", "status": "active", "priority": 1, "stacking": "stackable",
   "starts_at": null, "ends_at": null, "conditions": {},
   "reward": {"type": "percent_off", "percent": 5}, "limits": {}}
]})";

constexpr qint64 now = 1'000'000;
constexpr qint64 later = now + 3'600'000;

} // namespace

class TestStoreLimits : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<SqliteStore> m_store;

    QStringList states(const QString &session)
    {
        QStringList out;
        const QList<Reservation> stored = m_store->reservations(session).value();
        for (const Reservation &r : stored)
            out.append(u"%1/%2/%3/%4"_s.arg(r.decisionId, r.campaignId)
                           .arg(r.amount)
                           .arg(r.state == Reservation::State::Held ? u"held" : u"pending"));
        return out;
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        static int n = 0;
        m_path = m_dir.filePath(u"limits%1.db"_s.arg(++n));
        m_store = openStore(m_path);
        QVERIFY(m_store);
        QVERIFY(m_store->replaceRules(parseRules(limitedRules)));
    }
    void cleanup() { m_store.reset(); }

    void usageCountsRedemptionsAndOtherSessionsReservations()
    {
        QVERIFY(m_store->commitRedemptions(u"cs_done"_s, u"d0"_s, u"cus_a"_s, u"eur"_s,
                                           {{u"capped"_s, 500}, {u"free"_s, 50}}, now));
        QVERIFY(m_store->reserve(u"cs_open"_s, u"d1"_s, u"cus_b"_s, u"usd"_s,
                                 {{u"capped"_s, 700}, {u"budget"_s, 300}}, now, later));
        QVERIFY(m_store->reserve(u"cs_mine"_s, u"d2"_s, u"cus_a"_s, u"eur"_s, {{u"budget"_s, 200}},
                                 now, later));

        const auto usage = m_store->usage(u"cs_mine"_s, u"cus_a"_s, now).value();
        QCOMPARE(usage.value(u"capped"_s).redemptions, 2);
        QCOMPARE(usage.value(u"capped"_s).customerRedemptions, 1); // cus_a's completed one
        QCOMPARE(usage.value(u"capped"_s).budgetUsed,
                 (CurrencyAmounts{{u"eur"_s, 500}, {u"usd"_s, 700}}));
        // cs_mine's own reservation is not counted against it.
        QCOMPARE(usage.value(u"budget"_s), (CampaignUsage{1, 0, {{u"usd"_s, 300}}}));
        QVERIFY(!usage.contains(u"free"_s)); // no limits, not counted

        const auto others = m_store->usage(u"cs_other"_s, u"cus_b"_s, now).value();
        QCOMPARE(others.value(u"budget"_s),
                 (CampaignUsage{2, 1, {{u"eur"_s, 200}, {u"usd"_s, 300}}}));
        QCOMPARE(
            m_store->usage(u"cs_other"_s, QString(), now)->value(u"capped"_s).customerRedemptions,
            0);
    }

    void reserveChecksEveryLimit_data()
    {
        QTest::addColumn<QStringList>("before"); // "kind session customer currency amount campaign"
        QTest::addColumn<QString>("campaign");
        QTest::addColumn<QString>("customer");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<qint64>("amount");
        QTest::addColumn<bool>("accepted");

        const QStringList oneDone{u"commit cs_1 cus_b eur 500 capped"_s};
        QTest::newRow("cap has room")
            << oneDone << u"capped"_s << u"cus_a"_s << u"eur"_s << 500LL << true;
        QTest::newRow("cap taken by a reservation")
            << (oneDone + QStringList{u"reserve cs_2 cus_b eur 500 capped"_s}) << u"capped"_s
            << u"cus_a"_s << u"eur"_s << 500LL << false;
        QTest::newRow("cap taken by a held reservation")
            << (oneDone + QStringList{u"held cs_2 cus_b usd 500 capped"_s}) << u"capped"_s
            << u"cus_a"_s << u"eur"_s << 500LL << false;
        QTest::newRow("expired reservations do not count")
            << (oneDone + QStringList{u"expired cs_2 cus_b eur 500 capped"_s}) << u"capped"_s
            << u"cus_a"_s << u"eur"_s << 500LL << true;
        QTest::newRow("the session's own earlier reservation does not count")
            << (oneDone + QStringList{u"reserve cs_me cus_a eur 500 capped"_s}) << u"capped"_s
            << u"cus_a"_s << u"eur"_s << 500LL << true;
        QTest::newRow("customer already used it")
            << QStringList{u"commit cs_1 cus_a eur 500 once"_s} << u"once"_s << u"cus_a"_s
            << u"eur"_s << 500LL << false;
        QTest::newRow("customer holds it in another session")
            << QStringList{u"reserve cs_1 cus_a eur 500 once"_s} << u"once"_s << u"cus_a"_s
            << u"eur"_s << 500LL << false;
        QTest::newRow("another customer used it")
            << QStringList{u"commit cs_1 cus_b eur 500 once"_s} << u"once"_s << u"cus_a"_s
            << u"eur"_s << 500LL << true;
        QTest::newRow("unknown customer, per-customer limit")
            << QStringList() << u"once"_s << QString() << u"eur"_s << 500LL << false;
        const QStringList spent{u"commit cs_1 cus_b eur 400 budget"_s,
                                u"reserve cs_2 cus_c eur 200 budget"_s};
        QTest::newRow("budget fits exactly")
            << spent << u"budget"_s << u"cus_a"_s << u"eur"_s << 400LL << true;
        QTest::newRow("budget exceeded by one")
            << spent << u"budget"_s << u"cus_a"_s << u"eur"_s << 401LL << false;
        QTest::newRow("budgets are per currency")
            << spent << u"budget"_s << u"cus_a"_s << u"usd"_s << 2000LL << true;
        QTest::newRow("no budget in the currency")
            << spent << u"budget"_s << u"cus_a"_s << u"gbp"_s << 1LL << false;
        QTest::newRow("no limits") << QStringList{u"commit cs_1 cus_a eur 9999 free"_s} << u"free"_s
                                   << QString() << u"eur"_s << 9999LL << true;
    }

    void reserveChecksEveryLimit()
    {
        QFETCH(QStringList, before);
        QFETCH(QString, campaign);
        QFETCH(QString, customer);
        QFETCH(QString, currency);
        QFETCH(qint64, amount);
        QFETCH(bool, accepted);

        for (const QString &line : std::as_const(before)) {
            const QStringList f = line.split(u' ');
            const QList<ReservationLine> lines{{f.at(5), f.at(4).toLongLong()}};
            const QString decision = u"d-"_s + f.at(1);
            if (f.at(0) == u"commit") {
                QVERIFY(
                    m_store->commitRedemptions(f.at(1), decision, f.at(2), f.at(3), lines, now));
            } else if (f.at(0) == u"expired") {
                QVERIFY(m_store->reserve(f.at(1), decision, f.at(2), f.at(3), lines, 0, now));
            } else {
                QVERIFY(
                    m_store->reserve(f.at(1), decision, f.at(2), f.at(3), lines, now - 10, later));
                if (f.at(0) == u"held")
                    QVERIFY(m_store->confirmReservation(f.at(1), decision));
            }
        }
        const QStringList mineBefore = states(u"cs_me"_s);
        const auto reserved = m_store->reserve(u"cs_me"_s, u"d-new"_s, customer, currency,
                                               {{campaign, amount}}, now, later);
        QCOMPARE(bool(reserved), accepted);
        if (accepted) {
            QCOMPARE(states(u"cs_me"_s),
                     mineBefore + QStringList{u"d-new/%1/%2/pending"_s.arg(campaign).arg(amount)});
        } else {
            QCOMPARE(reserved.error().code, errc::limitReached);
            QCOMPARE(reserved.error().path, campaign);
            QCOMPARE(states(u"cs_me"_s), mineBefore);
        }
    }

    void reserveIsAllOrNothing()
    {
        QVERIFY(m_store->commitRedemptions(u"cs_1"_s, u"d"_s, u"cus_b"_s, u"eur"_s,
                                           {{u"capped"_s, 1}}, now));
        QVERIFY(m_store->commitRedemptions(u"cs_2"_s, u"d"_s, u"cus_c"_s, u"eur"_s,
                                           {{u"capped"_s, 1}}, now));
        const auto reserved = m_store->reserve(
            u"cs_me"_s, u"d"_s, u"cus_a"_s, u"eur"_s,
            {{u"free"_s, 100}, {u"budget"_s, 100}, {u"capped"_s, 500}}, now, later);
        QVERIFY(!reserved);
        QCOMPARE(reserved.error().path, u"capped"_s);
        QVERIFY(states(u"cs_me"_s).isEmpty());
        // Bad input is refused before anything happens.
        QCOMPARE(m_store
                     ->reserve(u"cs_me"_s, u"d"_s, u"cus_a"_s, u"eur"_s,
                               {{u"free"_s, 1}, {u"free"_s, 2}}, now, later)
                     .error()
                     .code,
                 errc::invalidValue);
        QCOMPARE(
            m_store->reserve(u"cs_me"_s, u"d"_s, u"cus_a"_s, u"eur"_s, {{u"gone"_s, 1}}, now, later)
                .error()
                .code,
            errc::notFound);
    }

    void reservationsLiveThroughConfirmCancelAndRelease()
    {
        const QString s = u"cs_me"_s;
        QVERIFY(
            m_store->reserve(s, u"d1"_s, u"cus_a"_s, u"eur"_s, {{u"capped"_s, 500}}, now, later));
        QCOMPARE(states(s), QStringList{u"d1/capped/500/pending"_s});
        QCOMPARE(m_store->holdsPending(s, u"d1"_s), true);
        QCOMPARE(m_store->holdsPending(s, u"d2"_s), false);             // another decision
        QCOMPARE(m_store->holdsPending(u"cs_other"_s, u"d1"_s), false); // another session
        QVERIFY(m_store->confirmReservation(s, u"d1"_s));
        QCOMPARE(states(s), QStringList{u"d1/capped/500/held"_s});
        QCOMPARE(m_store->holdsPending(s, u"d1"_s), false); // held, no longer pending

        // A new decision for the session: both count for others until it reaches Stripe.
        QVERIFY(m_store->reserve(s, u"d2"_s, u"cus_a"_s, u"eur"_s, {{u"budget"_s, 300}}, now + 1,
                                 later));
        QCOMPARE(states(s), (QStringList{u"d1/capped/500/held"_s, u"d2/budget/300/pending"_s}));
        QCOMPARE(m_store->usage(u"cs_x"_s, {}, now)->size(), 2);
        // The update failed: only the pending one goes; the held one is still on the session.
        QVERIFY(m_store->cancelReservation(s, u"d2"_s));
        QVERIFY(m_store->cancelReservation(s, u"d1"_s)); // held: not cancelled
        QCOMPARE(states(s), QStringList{u"d1/capped/500/held"_s});

        QVERIFY(m_store->reserve(s, u"d3"_s, u"cus_a"_s, u"eur"_s, {{u"budget"_s, 250}}, now + 2,
                                 later));
        QVERIFY(m_store->confirmReservation(s, u"d3"_s)); // replaces what the session held
        QCOMPARE(states(s), QStringList{u"d3/budget/250/held"_s});
        QCOMPARE(m_store->usage(u"cs_x"_s, {}, now)->value(u"capped"_s).redemptions, 0);

        QVERIFY(m_store->releaseSession(s));
        QVERIFY(states(s).isEmpty());
        QVERIFY(m_store->usage(u"cs_x"_s, {}, now)->isEmpty());
    }

    void reservingTheSameDecisionAgainReplacesIt()
    {
        const QString s = u"cs_me"_s;
        QVERIFY(
            m_store->reserve(s, u"d1"_s, u"cus_a"_s, u"eur"_s, {{u"budget"_s, 900}}, now, later));
        QVERIFY(
            m_store->reserve(s, u"d1"_s, u"cus_a"_s, u"eur"_s, {{u"budget"_s, 1000}}, now, later));
        QCOMPARE(states(s), QStringList{u"d1/budget/1000/pending"_s});
    }

    void redemptionsAreRecordedOnce()
    {
        const QString s = u"cs_me"_s;
        QVERIFY(
            m_store->reserve(s, u"d1"_s, u"cus_a"_s, u"eur"_s, {{u"capped"_s, 500}}, now, later));
        QVERIFY(m_store->confirmReservation(s, u"d1"_s));
        for (int i = 0; i < 3; ++i) // a webhook delivered three times
            QVERIFY(m_store->commitRedemptions(s, u"d1"_s, u"cus_a"_s, u"eur"_s,
                                               {{u"capped"_s, 500}}, now + i));
        QVERIFY(states(s).isEmpty());
        const CampaignUsage used =
            m_store->usage(u"cs_x"_s, u"cus_a"_s, later + 1)->value(u"capped"_s);
        QCOMPARE(used, (CampaignUsage{1, 1, {{u"eur"_s, 500}}})); // and it never expires
    }

    void expiredReservationsAreIgnoredThenPurged()
    {
        QVERIFY(m_store->reserve(u"cs_old"_s, u"d"_s, u"cus_a"_s, u"eur"_s, {{u"capped"_s, 500}},
                                 now, now + 1000));
        QCOMPARE(m_store->usage(u"cs_x"_s, {}, now + 999)->value(u"capped"_s).redemptions, 1);
        QVERIFY(m_store->usage(u"cs_x"_s, {}, now + 1000)->isEmpty());
        QCOMPARE(states(u"cs_old"_s).size(), 1);
        QVERIFY(m_store->reserve(u"cs_new"_s, u"d"_s, u"cus_b"_s, u"eur"_s, {{u"free"_s, 1}},
                                 now + 1000, later));
        QVERIFY(states(u"cs_old"_s).isEmpty());
        QCOMPARE(
            m_store->reserve(u"cs_x"_s, u"d"_s, u"cus_b"_s, u"eur"_s, {{u"free"_s, 1}}, now, now)
                .error()
                .code,
            errc::invalidValue);
    }

    void twoInstancesRaceForTheLastRedemption()
    {
        // Both decide on the same usage (one unit left), then both reserve: one wins.
        QVERIFY(m_store->commitRedemptions(u"cs_1"_s, u"d"_s, u"cus_z"_s, u"eur"_s,
                                           {{u"capped"_s, 1}}, now));
        auto other = SqliteStore::open(m_path);
        QVERIFY(other);
        QCOMPARE(m_store->usage(u"cs_a"_s, u"cus_a"_s, now)->value(u"capped"_s).redemptions, 1);
        QCOMPARE((*other)->usage(u"cs_b"_s, u"cus_b"_s, now)->value(u"capped"_s).redemptions, 1);

        QVERIFY(m_store->reserve(u"cs_a"_s, u"d"_s, u"cus_a"_s, u"eur"_s, {{u"capped"_s, 500}}, now,
                                 later));
        const auto lost = (*other)->reserve(u"cs_b"_s, u"d"_s, u"cus_b"_s, u"eur"_s,
                                            {{u"capped"_s, 500}}, now, later);
        QVERIFY(!lost);
        QCOMPARE(lost.error().code, errc::limitReached);
        QCOMPARE(lost.error().path, u"capped"_s);
        QVERIFY((*other)->reservations(u"cs_b"_s)->isEmpty());
        // The winner's discount fails to reach Stripe: the unit is free again.
        QVERIFY(m_store->cancelReservation(u"cs_a"_s, u"d"_s));
        QVERIFY((*other)->reserve(u"cs_b"_s, u"d"_s, u"cus_b"_s, u"eur"_s, {{u"capped"_s, 500}},
                                  now, later));
    }

    void twoThreadsRaceForTheLastUnitRoundAfterRound()
    {
        constexpr int rounds = 60;
        CampaignSet rules;
        Campaign base = parseRules(limitedRules).campaigns.at(0);
        base.limits.maxRedemptions = 1;
        for (int r = 0; r < rounds; ++r) {
            base.id = u"r%1"_s.arg(r);
            rules.campaigns.append(base);
        }
        QVERIFY(m_store->replaceRules(rules));

        std::barrier sync(2);
        std::array<QStringList, 2> outcomes;
        const auto work = [&](int t) {
            auto store = SqliteStore::open(m_path); // each thread its own instance
            for (int r = 0; r < rounds; ++r) {
                sync.arrive_and_wait();
                if (!store) {
                    outcomes[t].append(u"open failed"_s);
                    continue;
                }
                const auto reserved =
                    (*store)->reserve(u"cs_t%1_r%2"_s.arg(t).arg(r), u"d"_s, u"cus_%1"_s.arg(t),
                                      u"eur"_s, {{u"r%1"_s.arg(r), 100}}, now, later);
                outcomes[t].append(reserved ? u"ok"_s : reserved.error().code);
            }
        };
        std::thread first(work, 0);
        std::thread second(work, 1);
        first.join();
        second.join();

        for (int r = 0; r < rounds; ++r) {
            const QStringList pair{outcomes[0].value(r), outcomes[1].value(r)};
            QVERIFY2(pair.count(u"ok"_s) == 1 && pair.count(errc::limitReached) == 1,
                     qPrintable(u"round %1: %2"_s.arg(r).arg(pair.join(u", "))));
        }
        const auto usage = m_store->usage(QString(), QString(), now).value();
        QCOMPARE(usage.size(), rounds);
        for (auto it = usage.begin(); it != usage.end(); ++it)
            QCOMPARE(it->redemptions, 1);
    }

    void aSessionLeaseHasOneHolderAtATime()
    {
        auto other = SqliteStore::open(m_path);
        QVERIFY(other);
        const QString s = u"cs_leased"_s;
        QCOMPARE(*m_store->acquireSessionLease(s, u"a"_s, now, now + 100), true);
        QCOMPARE(*(*other)->acquireSessionLease(s, u"b"_s, now + 50, now + 150), false);
        QCOMPARE(*m_store->acquireSessionLease(s, u"a"_s, now + 60, now + 200), true); // extended
        QCOMPARE(*(*other)->acquireSessionLease(s, u"b"_s, now + 150, now + 250), false);
        // Another holder's release does nothing; the holder's frees it.
        QVERIFY((*other)->releaseSessionLease(s, u"b"_s));
        QCOMPARE(*(*other)->acquireSessionLease(s, u"b"_s, now + 150, now + 250), false);
        QVERIFY(m_store->releaseSessionLease(s, u"a"_s));
        QCOMPARE(*(*other)->acquireSessionLease(s, u"b"_s, now + 150, now + 250), true);
        // A lease past its time (its holder died) is taken over.
        QCOMPARE(*m_store->acquireSessionLease(s, u"a"_s, now + 250, now + 350), true);
        // Leases of different sessions are independent.
        QCOMPARE(*(*other)->acquireSessionLease(u"cs_else"_s, u"b"_s, now, now + 100), true);
        const auto empty = m_store->acquireSessionLease(QString(), u"a"_s, now, now + 1);
        QVERIFY(!empty);
        QCOMPARE(empty.error().code, errc::invalidValue);
    }

    void twoThreadsRaceForOneLeaseRoundAfterRound()
    {
        constexpr int rounds = 60;
        std::barrier sync(2);
        std::array<QList<bool>, 2> won;
        const auto work = [&](int t) {
            auto store = SqliteStore::open(m_path);
            for (int r = 0; r < rounds; ++r) {
                sync.arrive_and_wait();
                const auto taken = store ? (*store)->acquireSessionLease(
                                               u"cs_race_%1"_s.arg(r), u"t%1"_s.arg(t), now, later)
                                         : Result<bool>(fail(u"open"_s, u"open failed"_s));
                won[t].append(taken && *taken);
            }
        };
        std::thread first(work, 0);
        std::thread second(work, 1);
        first.join();
        second.join();
        for (int r = 0; r < rounds; ++r)
            QVERIFY2(won[0].value(r) != won[1].value(r), qPrintable(u"round %1"_s.arg(r)));
    }
};

QTEST_GUILESS_MAIN(TestStoreLimits)
#include "tst_storelimits.moc"
