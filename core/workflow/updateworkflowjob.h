#pragma once

// The state of one run of the update workflow, shared by the files that implement it
// (updateworkflow.cpp: reading and deciding; updateworkflowleases.cpp: session leases;
// updateworkflowending.cpp: completing and abandoning runs). Not part of the workflow's
// interface.

#include "engine.h"
#include "store.h"
#include "updateworkflow.h"

#include <QJsonObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace remise {

struct UpdateWorkflow::Job
{
    UpdateRequest request;
    QPointer<QObject> context;
    bool hasContext = false;
    Done done;
    qint64 startedMs = 0;

    SessionSnapshot session;
    QString code;            ///< the code in force for this run
    QString storedCode;      ///< the code the store remembered for the session when the run began
    bool codeStored = false; ///< a submitted or removed code was stored before the update call
    QString customerKey;
    Decision decision;
    std::optional<DiscountPlan> plan;
    QJsonObject params;
    int stripeCalls = 0;
    int decideRounds = 0;
    bool reserved = false;
    bool leased = false;
    bool applied = false;        ///< Stripe accepted the update
    bool updateInFlight = false; ///< waiting for Stripe's answer to the update call
    bool finished = false;       ///< completed (or abandoned): late answers change nothing
    bool rulesEmpty = false;
    std::optional<bool> updatesPermitted; ///< from the session object, when it says
    std::shared_ptr<const Engine> engine;
    QString key;                 ///< the update's idempotency key
    QString carriedDecision;     ///< the decision id of Remise's discount the session carries
    bool carriedPending = false; ///< that decision's reservation is still pending
};

/// A run that has ended, waiting for its activity entry to be written with others.
struct UpdateWorkflow::Ending
{
    std::shared_ptr<Job> job;
    Result<UpdateOutcome> result;
    RunRecord record;
};

} // namespace remise
