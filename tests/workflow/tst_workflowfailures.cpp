// The update workflow when Stripe or the store fails, when a run is interrupted, and when a
// process dies holding a lease: nothing is lost, overspent or left half-done.
#include "workflowfixture.h"

using namespace workflowtest;

class TestWorkflowFailures : public WorkflowFixture
{
    Q_OBJECT

private slots:
    void init() { setUp(); }

    void aDefiniteFailureReleasesTheReservation()
    {
        // The GET passes, the POST is refused for good (400).
        UpdateRequest request;
        failEveryUpdate(400);
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
        failEveryUpdate(500);
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
        failEveryUpdate(400);
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
        failEveryUpdate(400);
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
        failEveryUpdate(400);
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

QTEST_GUILESS_MAIN(TestWorkflowFailures)
#include "tst_workflowfailures.moc"
