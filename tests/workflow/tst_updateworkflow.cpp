// The update workflow: runs, codes, ownership, dry runs and permissions (workflowfixture.h).
#include "workflowfixture.h"

using namespace workflowtest;

class TestUpdateWorkflow : public WorkflowFixture
{
    Q_OBJECT

private slots:
    void init() { setUp(); }

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

    // --- ownership and empty rule books (docs/decisions.md, "Ownership") ----------------------

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
};

QTEST_GUILESS_MAIN(TestUpdateWorkflow)
#include "tst_updateworkflow.moc"
