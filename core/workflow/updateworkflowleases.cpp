// The update workflow's session leases held elsewhere: waited for, or taken over from a dead
// process. Runs that start together take theirs with the turn's other writes
// (UpdateWorkflow::writeTurn, updateworkflowending.cpp).
// Starting and deciding are in updateworkflow.cpp, ending in updateworkflowending.cpp.

#include "client.h"
#include "clock.h"
#include "logging.h"
#include "store.h"
#include "updateworkflow.h"
#include "updateworkflowjob.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace remise {

qint64 UpdateWorkflow::leaseMs() const
{
    // A lease outlives the longest run (three Stripe calls).
    return 3 * m_client.config().totalTimeout.count() + 10'000;
}

void UpdateWorkflow::lease(std::shared_ptr<Job> job)
{
    if (job->finished)
        return;
    // The in-process queue keeps this workflow's runs apart; the lease keeps them apart from
    // other processes sharing the database (the desktop app and the service, or replicas). A
    // lease outlives the longest run (three Stripe calls), so one left by a crashed process
    // on another host lapses on its own; one left by a dead process of this host is taken over
    // at once (docs/architecture.md, "The update workflow").
    const auto total = m_client.config().totalTimeout;
    const qint64 now = m_clock.nowMs();
    const qint64 until = now + leaseMs();
    const QString &id = job->request.sessionId;
    auto taken = m_store.acquireSessionLease(id, m_owner, now, until);
    if (!taken)
        return complete(job, fail(errc::database, taken.error().describe()));
    if (!*taken) {
        auto holder = m_store.sessionLease(id);
        if (!holder)
            return complete(job, fail(errc::database, holder.error().describe()));
        if (*holder && leaseOwnerIsGone((*holder)->owner)) {
            auto takenOver = m_store.takeOverSessionLease(id, (*holder)->owner, m_owner, until);
            if (!takenOver)
                return complete(job, fail(errc::database, takenOver.error().describe()));
            if (*takenOver)
                qCInfo(lcWorkflow).noquote() << "took over the lease of" << id << "from"
                                             << (*holder)->owner << "(process gone)";
            taken = *takenOver;
        }
    }
    if (*taken) {
        job->leased = true;
        return retrieve(job);
    }
    if (now - job->startedMs >= total.count())
        return complete(
            job, fail(errc::sessionBusy, u"session %1 is being updated by another Remise process; "
                                         u"try again in a moment"_s.arg(id)));
    qCDebug(lcWorkflow) << "update of" << id << "waits for another process";
    QTimer::singleShot(leaseRetryInterval, this, [this, job] { lease(job); });
}

} // namespace remise
