#pragma once

#include "decision.h"
#include "result.h"
#include "session.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

namespace remise {
class Clock;
class Engine;
class Store;
namespace stripe {
class Client;
}

/// What a caller asks of the update workflow.
struct UpdateRequest
{
    enum class Code {
        Keep,   ///< re-evaluate, keeping a code the customer already had accepted
        Submit, ///< validate `code` and apply it (refused when no campaign accepts it)
        Remove, ///< forget the customer's code and re-evaluate
    };
    enum class Mode {
        Decide, ///< apply whatever the rules decide
        Clear,  ///< remove any discount, whatever the rules say (support staff)
    };

    QString sessionId;
    Code codeAction = Code::Keep;
    QString code; ///< for Code::Submit
    Mode mode = Mode::Decide;
    QString actor;  ///< who or what asked: "cli", "service", "desktop:<user>"
    QString action; ///< for the activity log: apply, refresh, code, remove_code, remove
    bool dryRun = false;
};

/// What the workflow did.
struct UpdateOutcome
{
    enum class Kind { Applied, Removed, Unchanged, DryRun };

    Kind kind = Kind::Unchanged;
    Decision decision;
    QJsonObject before;       ///< the session's discount before ({} when none)
    QJsonObject after;        ///< after ({} when none)
    qint64 amountTotal = 0;   ///< the session's total after the update (Stripe's figure)
    QJsonObject request;      ///< the update parameters sent (or, for a dry run, not sent)
    QString idempotencyKey;   ///< of the update call sent (or, for a dry run, that would be)
    bool wouldUpdate = false; ///< the run sends (or a dry run would send) an update
    QStringList warnings;     ///< what a dry run could not check (e.g. the update permission)
    QString stripeRequestId;  ///< of the update call, when one was made
    int stripeCalls = 0;
    qint64 latencyMs = 0;
    SessionSnapshot session; ///< as retrieved, before the update

    static QString kindName(Kind kind);
    QJsonObject toJson() const;
};

/// The server-side discount update (docs/architecture.md, "The update workflow"), shared by the
/// service, the desktop app and `remise-server apply`: retrieve the session (line items, customer
/// and coupon expanded), check it, build the customer context, decide, and update or clear the
/// session's discount only when it differs — at most two Stripe calls — then record the outcome in
/// the activity log. Updates of one session never interleave: runs in this process queue up, and a
/// lease in the store keeps other processes sharing the database out meanwhile. Errors carry stable
/// codes (docs/errors.md): invalid_session_id, session_busy, session_not_found,
/// session_not_open, livemode_mismatch, unsupported_mode, invalid_session,
/// updates_not_permitted, code_not_accepted, foreign_discount, no_campaigns, limit_reached,
/// interrupted, stripe_unavailable, stripe_timeout, stripe_error, stripe_authentication,
/// database_error.
///
/// A dry run performs every check of the real run and returns the request, decision id and
/// idempotency key the real run would send at the same clock time. shutdown() ends every run
/// cleanly (SIGINT, SIGTERM): each one finishes or is abandoned and recorded, leases freed.
class UpdateWorkflow : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(Result<UpdateOutcome>)>;
    /// How often a run waiting for another process's lease tries again.
    static constexpr std::chrono::milliseconds leaseRetryInterval{50};

    /// Policies (docs/decisions.md, "Ownership"); the defaults are the safe ones.
    struct Options
    {
        /// Replace a discount Remise did not set (`foreign_discounts = replace`); by default it
        /// is kept and the run refused with `foreign_discount`.
        bool replaceForeignDiscounts = false;
        /// Let a rule book without campaigns clear Remise's own discount (`--allow-empty`); by
        /// default such a run is refused with `no_campaigns`.
        bool allowEmptyRules = false;
    };

    UpdateWorkflow(stripe::Client &client, Store &store, const Clock &clock,
                   QObject *parent = nullptr);
    UpdateWorkflow(stripe::Client &client, Store &store, const Clock &clock, Options options,
                   QObject *parent = nullptr);
    ~UpdateWorkflow() override;

    const Options &options() const { return m_options; }

    /// Stops taking work, for SIGINT/SIGTERM or an orderly exit: queued runs and runs not yet
    /// waiting on the update call end at once with `interrupted`; a run whose update call is in
    /// flight gets up to `grace` to finish, then is abandoned (its reservation stays pending,
    /// counted, until the next run or reconcile resolves it). Every ended run is recorded in
    /// the activity log and its lease freed. `done` runs (on this thread, unless `context` is
    /// gone) once no run is left; later run() calls fail with `interrupted`.
    void shutdown(std::chrono::milliseconds grace, QObject *context, std::function<void()> done);
    /// shutdown() with no grace and no callback: abandons everything now.
    void abandonAll();
    bool isShuttingDown() const { return m_shuttingDown; }
    /// Runs not finished yet (running or queued).
    int pendingRuns() const;

    /// The idempotency key of the update call for a decision.
    static QString idempotencyKey(const QString &sessionId, const QString &decisionId);
    /// Whether the discount on the session (if any) is Remise's: its coupon carries Remise's
    /// metadata. True when the session has no discount.
    static bool ownsDiscount(const SessionSnapshot &session);
    /// This process's lease owner name: "<host>/<pid>/<uuid>".
    static QString newLeaseOwner();
    /// Whether the process behind a lease owner name is gone: it names this host and a pid that
    /// is not alive. Unknown shapes and other hosts are never "gone" (their leases lapse).
    static bool leaseOwnerIsGone(const QString &owner);

    /// Runs the workflow; `done` is called once, on this thread, unless `context` is gone.
    void run(const UpdateRequest &request, QObject *context, Done done);

    /// The engine for the current rules, rebuilt when the store's rules revision changes.
    Result<std::shared_ptr<const Engine>> engine();

    /// Stripe's parameters for setting `discount` (or clearing when nullopt).
    static QJsonObject updateParameters(const std::optional<DiscountPlan> &discount,
                                        const QString &decisionId, const QString &code);
    /// The discount a session carries, in the shape activity entries use ({} when none).
    static QJsonObject discountJson(const SessionSnapshot &session);
    /// The discount a plan gives, in the shape activity entries use ({} when none).
    static QJsonObject planJson(const std::optional<DiscountPlan> &plan, const QString &decisionId);
    /// Whether the session already carries exactly this plan (so no update is needed).
    static bool carries(const SessionSnapshot &session, const std::optional<DiscountPlan> &plan);

signals:
    /// Emitted after every finished run (success or failure), for views and metrics.
    void finished(const QString &sessionId, const QString &outcome);

private:
    struct Job;
    void start(std::shared_ptr<Job> job);
    qint64 leaseMs() const;
    void lease(std::shared_ptr<Job> job);
    void retrieve(std::shared_ptr<Job> job);
    void decide(std::shared_ptr<Job> job, SessionSnapshot session, int stripeCalls);
    Status checkSession(const Job &job) const;
    Status evaluate(Job &job);
    Status checkCode(const Job &job) const;
    Status checkChange(const Job &job) const;
    void finishWithoutUpdate(std::shared_ptr<Job> job);
    void reserve(std::shared_ptr<Job> job);
    void update(std::shared_ptr<Job> job);
    void abandon(const std::shared_ptr<Job> &job);
    void notifyShutdownDone();
    void afterAbandonedUpdate(const std::shared_ptr<Job> &job, bool succeeded, bool definitely);
    void complete(std::shared_ptr<Job> job, Result<UpdateOutcome> result);
    struct Ending;
    void scheduleWriteTurn();
    void writeTurn(bool startRuns = true);
    void settle(std::shared_ptr<Job> job, Result<UpdateOutcome> result);
    Status rememberCode(const std::shared_ptr<Job> &job);
    /// Puts back the code the store had before this run stored a submitted or removed one.
    Status restoreCode(const std::shared_ptr<Job> &job);
    Status adoptCarried(const Job &job);

    stripe::Client &m_client;
    Store &m_store;
    const Clock &m_clock;
    const QString m_owner; ///< this workflow's name in session leases
    const Options m_options;
    bool m_shuttingDown = false;
    QList<std::function<void()>> m_shutdownDone;
    QHash<QString, QList<std::shared_ptr<Job>>> m_queues; ///< per session: running job first
    std::vector<Ending> m_ending;                ///< runs ended, their activity not yet written
    std::vector<std::shared_ptr<Job>> m_leasing; ///< runs started, their lease not yet taken
    bool m_writeTurnScheduled = false;
    std::shared_ptr<const Engine> m_engine;
    QString m_engineRevision;
};

} // namespace remise
