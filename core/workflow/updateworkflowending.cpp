// The update workflow's runs end here: completion (the activity entry, the lease, the next run
// of the session), shutdown and abandonment. Reading and deciding are in updateworkflow.cpp.

#include "clock.h"
#include "logging.h"
#include "store.h"
#include "updateworkflow.h"
#include "updateworkflowjob.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace remise {

namespace {

/// Whether a run that failed with `code` failed (Stripe or the database let it down) rather
/// than being refused (the session or the request is not acceptable): the activity outcome.
bool isFailure(const QString &code)
{
    return code == errc::stripeUnavailable || code == errc::stripeTimeout ||
           code == errc::stripeError || code == errc::stripeAuthentication ||
           code == errc::database || code == errc::sessionBusy || code == errc::interrupted ||
           code == errc::invalidSession;
}

} // namespace

// --- ending runs: shutdown and abandonment -----------------------------------------------------

int UpdateWorkflow::pendingRuns() const
{
    int n = 0;
    for (const auto &queue : m_queues)
        n += int(queue.size());
    return n;
}

void UpdateWorkflow::abandonAll()
{
    shutdown(std::chrono::milliseconds(0), nullptr, {});
}

void UpdateWorkflow::shutdown(std::chrono::milliseconds grace, QObject *context,
                              std::function<void()> done)
{
    m_shuttingDown = true;
    if (done)
        m_shutdownDone.append([context = QPointer<QObject>(context),
                               hasContext = context != nullptr, done = std::move(done)] {
            if (!hasContext || context)
                done();
        });
    QList<std::shared_ptr<Job>> now;
    QList<std::shared_ptr<Job>> waiting;
    for (const auto &queue : std::as_const(m_queues))
        for (const auto &job : queue)
            (job->updateInFlight && grace.count() > 0 ? waiting : now).append(job);
    for (const auto &job : std::as_const(now))
        abandon(job);
    for (const auto &job : std::as_const(waiting))
        QTimer::singleShot(grace, this, [this, job] { abandon(job); });
    if (m_queues.isEmpty()) {
        // Nothing was running: report at once (still asynchronously, like run()).
        QTimer::singleShot(0, this, [this] { notifyShutdownDone(); });
    }
}

void UpdateWorkflow::abandon(const std::shared_ptr<Job> &job)
{
    if (job->finished)
        return;
    if (job->updateInFlight)
        complete(job, fail(errc::interrupted,
                           u"interrupted while Stripe was updating %1: the update may or may not "
                           u"have happened; its reservation stays pending until the next update "
                           u"or reconcile settles it"_s.arg(job->request.sessionId)));
    else
        complete(job, fail(errc::interrupted,
                           u"interrupted before the discount of %1 was changed; nothing was "
                           u"changed"_s.arg(job->request.sessionId)));
}

void UpdateWorkflow::afterAbandonedUpdate(const std::shared_ptr<Job> &job, bool succeeded,
                                          bool definitely)
{
    // The process is still running after giving up on this update: record what became of it
    // where that is certain; otherwise the pending reservation waits for the next run.
    const QString &id = job->session.id;
    Status settled;
    if (succeeded && job->plan)
        settled = m_store.confirmReservation(id, job->decision.id);
    else if (succeeded)
        settled = m_store.releaseSession(id);
    else if (definitely && job->reserved)
        settled = m_store.cancelReservation(id, job->decision.id);
    if (settled && !succeeded && definitely)
        settled = restoreCode(job);
    if (!settled)
        qCWarning(lcWorkflow).noquote() << "could not settle the abandoned update of" << id << ":"
                                        << settled.error().describe();
    else
        qCInfo(lcWorkflow).noquote()
            << "abandoned update of" << id << (succeeded ? "was applied" : "did not happen")
            << "- the store is in step";
}

void UpdateWorkflow::notifyShutdownDone()
{
    const auto callbacks = std::exchange(m_shutdownDone, {});
    for (const auto &callback : callbacks)
        callback();
}

void UpdateWorkflow::complete(std::shared_ptr<Job> job, Result<UpdateOutcome> result)
{
    if (job->finished)
        return;
    job->finished = true;
    const qint64 now = m_clock.nowMs();
    const UpdateRequest &request = job->request;
    if (result)
        result->latencyMs = now - job->startedMs;

    if (!request.dryRun) {
        ActivityEntry entry;
        entry.atMs = now;
        entry.actor = request.actor;
        entry.action = request.action;
        entry.sessionId = request.sessionId.left(255);
        entry.latencyMs = now - job->startedMs;
        if (result) {
            entry.decisionId = result->decision.id;
            entry.before = result->before;
            entry.after = result->after;
            entry.stripeRequestId = result->stripeRequestId;
            entry.outcome = UpdateOutcome::kindName(result->kind);
            if (result->decision.discount)
                entry.message =
                    u"%1 off (%2)"_s.arg(currency::format(result->decision.discount->amountOff,
                                                          result->decision.currency),
                                         result->decision.discount->name);
        } else {
            const QString code = result.error().code;
            entry.decisionId = job->decision.id;
            entry.before = job->session.id.isEmpty() ? QJsonObject() : discountJson(job->session);
            entry.after = job->applied ? planJson(job->plan, job->decision.id) : entry.before;
            entry.outcome = isFailure(code) ? u"failed"_s : u"refused"_s;
            entry.message = code + u": "_s + result.error().message;
        }
        // Runs that end together are recorded together: one transaction appends their entries
        // and gives their leases back (a group commit), on the next turn of the event loop.
        // Each is answered only once its entry is written.
        m_ending.push_back(
            Ending{job, std::move(result), RunRecord{std::move(entry), job->leased}});
        if (m_shuttingDown) // abandoned runs end at once, as they always did
            return writeTurn(false);
        return scheduleWriteTurn();
    }
    settle(std::move(job), std::move(result));
}

void UpdateWorkflow::scheduleWriteTurn()
{
    if (std::exchange(m_writeTurnScheduled, true))
        return;
    QTimer::singleShot(0, this, [this] {
        m_writeTurnScheduled = false;
        writeTurn();
    });
}

// What runs write between two turns of the event loop, in one transaction: the entries of the
// runs that ended (their leases given back) and the leases of the runs that start. Then the
// started runs ask Stripe for their sessions (so those calls go out first) and the ended ones
// are answered.
void UpdateWorkflow::writeTurn(bool startRuns)
{
    std::vector<Ending> endings = std::exchange(m_ending, {});
    std::vector<std::shared_ptr<Job>> starting;
    if (startRuns)
        starting = std::exchange(m_leasing, {});
    std::erase_if(starting, [](const auto &job) { return job->finished; });
    if (endings.empty() && starting.empty())
        return;
    QList<RunRecord> records;
    records.reserve(qsizetype(endings.size()));
    for (const Ending &ending : endings)
        records.append(ending.record);
    QStringList ids;
    ids.reserve(qsizetype(starting.size()));
    for (const auto &job : starting)
        ids.append(job->request.sessionId);
    const qint64 now = m_clock.nowMs();
    const auto written = m_store.recordRuns(records, ids, m_owner, now, now + leaseMs());
    if (!written && !records.isEmpty())
        qCWarning(lcWorkflow) << "could not record activity:" << written.error().describe();
    for (size_t i = 0; i < starting.size(); ++i) {
        const auto &job = starting[i];
        if (!written) {
            complete(job, fail(errc::database, written.error().describe()));
        } else if (written->leasesTaken.at(qsizetype(i))) {
            job->leased = true;
            retrieve(job);
        } else {
            lease(job); // held elsewhere: wait for it, or take it over from a dead process
        }
    }
    for (Ending &ending : endings) {
        if (written)
            ending.job->leased = false;
        settle(std::move(ending.job), std::move(ending.result));
    }
}

// The rest of a run's end, once its activity is written: the lease, the answer, the next run.
void UpdateWorkflow::settle(std::shared_ptr<Job> job, Result<UpdateOutcome> result)
{
    const UpdateRequest &request = job->request;
    if (result)
        qCInfo(lcWorkflow).noquote()
            << request.action << request.sessionId << UpdateOutcome::kindName(result->kind) << "in"
            << result->latencyMs << "ms; Stripe calls:" << result->stripeCalls;
    else
        qCInfo(lcWorkflow).noquote()
            << request.action << request.sessionId << "failed:" << result.error().describe();

    if (job->leased) { // a dry run, or the activity could not be recorded
        if (auto released = m_store.releaseSessionLease(request.sessionId, m_owner); !released)
            qCWarning(lcWorkflow) << "could not give back the lease (it will lapse):"
                                  << released.error().describe();
    }
    if (job->done && (!job->hasContext || job->context))
        job->done(result);
    emit finished(request.sessionId,
                  result ? UpdateOutcome::kindName(result->kind) : result.error().code);

    auto it = m_queues.find(request.sessionId);
    if (it != m_queues.end()) {
        it->removeAll(job);
        if (it->isEmpty()) {
            m_queues.erase(it);
        } else {
            auto next = it->first();
            QTimer::singleShot(0, this, [this, next] { start(next); });
        }
    }
    if (m_shuttingDown && m_queues.isEmpty())
        notifyShutdownDone();
}

} // namespace remise
