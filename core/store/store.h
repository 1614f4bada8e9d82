#pragma once

#include "campaign.h"
#include "customer.h"
#include "decision.h"
#include "engine.h"
#include "result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

#include <functional>
#include <optional>

namespace remise {

/// One line of the activity log: every discount update attempted by the service, the desktop
/// app or the command line, whatever its outcome. Never holds a secret.
struct ActivityEntry
{
    qint64 id = 0;   ///< assigned by the store
    qint64 atMs = 0; ///< when the update finished (ms since epoch, UTC)
    QString actor;   ///< who or what: "cli", "desktop:<user>", "service", "webhook"
    QString action;  ///< apply, refresh, code, remove_code, remove, webhook
    QString sessionId;
    QString decisionId;
    QJsonObject before; ///< the session's discount before ({} when none)
    QJsonObject after;  ///< after ({} when none)
    QString stripeRequestId;
    qint64 latencyMs = 0;
    QString outcome; ///< applied, removed, unchanged, dry_run, refused, failed
    QString message; ///< human detail, safe to show

    friend bool operator==(const ActivityEntry &, const ActivityEntry &) = default;
};

/// A run's last write (Store::recordRuns).
struct RunRecord
{
    ActivityEntry entry;
    bool releaseLease = false;
};

/// What Store::recordRuns wrote.
struct RecordedRuns
{
    QList<qint64> entryIds;  ///< of the ended runs' entries, in order
    QList<bool> leasesTaken; ///< for the starting runs, in order
};

struct ActivityFilter
{
    QString sessionId;   ///< exact, empty for all
    QString outcome;     ///< exact, empty for all
    qint64 sinceMs = 0;  ///< inclusive, 0 for no bound
    qint64 untilMs = 0;  ///< exclusive, 0 for no bound
    qint64 beforeId = 0; ///< for paging: entries with id < beforeId, 0 for no bound
    int limit = 200;     ///< newest first
};

/// A discount a session is about to carry (Pending) or carries (Held) but has not paid for
/// yet. Reservations count against limits, so that budgets and caps cannot be overspent by
/// sessions racing for the last unit.
struct Reservation
{
    enum class State { Pending, Held };
    QString sessionId;
    QString campaignId;
    QString decisionId;
    QString customerKey;
    QString currency;
    qint64 amount = 0;
    State state = State::Pending;
    qint64 createdMs = 0;
    qint64 expiresMs = 0; ///< ignored (and purged) after this: the session cannot outlive it
};

/// What one campaign of a decision takes: its share of the discount.
struct ReservationLine
{
    QString campaignId;
    qint64 amount = 0;
};

/// One record an import created, changed, left unchanged or removed (or, in a dry run, would).
struct ImportChange
{
    enum class Kind { Created, Changed, Unchanged, Removed };
    QString type; ///< "campaign", "segment", "customer"
    QString id;   ///< the campaign or segment id; the customer's id, else email
    Kind kind = Kind::Unchanged;
    QStringList fields; ///< for Changed: what changed ("reward.percent", "order_count", …)

    static QString kindName(Kind kind); ///< "created", "changed", "unchanged", "removed"
};

/// What an import did: every record of the file and every record it removed, in order.
struct ImportReport
{
    QList<ImportChange> changes;
    bool dryRun = false;

    int count(const QString &type, ImportChange::Kind kind) const;
    /// {"dry_run", "<type>s": {"created", "changed", "unchanged", "removed"}, "changes": [...]}
    QJsonObject toJson(const QStringList &types) const;
};

/// A customer profile as an import file gives it: the fields the file sets; the others keep
/// their stored values (docs/cli.md, "Imports merge").
struct CustomerPatch
{
    enum Field {
        LoyaltyTier = 0x1,
        OrderCount = 0x2,
        Tags = 0x4,
        LifetimeSpend = 0x8, ///< the whole map (JSON `lifetime_spend`)
        Metadata = 0x10,     ///< the whole map (JSON `metadata`)
        All = 0x1f,
    };
    CustomerProfile profile; ///< id and email identify it; an empty one keeps the stored one
    int fields = All;
    /// Set one by one when the whole map is not (CSV columns `lifetime_spend.<currency>`,
    /// `metadata.<key>`): these keys take the profile's value.
    QStringList spendCurrencies;
    QStringList metadataKeys;

    /// The stored profile with this patch applied.
    CustomerProfile applyTo(const CustomerProfile &stored) const;
};

/// One edited campaign or segment of the rules draft (see docs/drafts.md). Edits stay
/// here, outside the live rule book, until the draft is published.
struct DraftItem
{
    enum class Kind { Campaign, Segment };

    Kind kind = Kind::Campaign;
    /// The item's id when the edit began (its live id), or a new id for an added item.
    QString key;
    /// Where the item sits in the draft: new items come after the live ones, in this order.
    qint64 position = 0;
    std::optional<QJsonObject> base;    ///< the live object when the edit began; none: new item
    std::optional<QJsonObject> saved;   ///< the saved draft object; none: nothing saved yet
    std::optional<QJsonObject> working; ///< unsaved edits (possibly invalid); none: no edits
    bool deleted = false;               ///< the draft removes the item
    QString baseRevision;               ///< the rules revision when the edit began
    qint64 updatedMs = 0;
    QString updatedBy; ///< "desktop:<user>"

    friend bool operator==(const DraftItem &, const DraftItem &) = default;
};

/// How much of one limit of a campaign is spent (`campaigns usage`): completed redemptions
/// (used), reservations of sessions carrying the discount (held) or about to (pending), and
/// what is left. Counts for max_redemptions and max_per_customer, minor units for a budget.
/// For max_per_customer the counts are totals over every customer and `left` is what the
/// customer closest to the limit has left.
struct LimitUsage
{
    QString campaignId;
    QString limit;    ///< "max_redemptions" | "max_per_customer" | "budget"
    QString currency; ///< budget only
    qint64 limitValue = 0, used = 0, held = 0, pending = 0, left = 0;
};

/// A session that completed, as the checkout.session.completed webhook and reconcile record
/// it: its redemptions (the lines of the decision its discount carries, none without one) and
/// one more order, with its total, in the customer's profile (created when there is none).
struct CompletedOrder
{
    QString sessionId;
    QString decisionId;  ///< from the discount's metadata; empty without Remise's discount
    QString customerKey; ///< as in reservations ("cus_…" or "email:…")
    QString customerId;  ///< Stripe customer id, when the session has one
    QString email;
    QString currency;
    qint64 amountTotal = 0; ///< what the customer paid (adds to lifetime spend)
    QList<ReservationLine> lines;
    qint64 completedMs = 0;
};

/// Who holds the update lease of a session, until when.
struct SessionLease
{
    QString owner;
    qint64 expiresMs = 0;
};

/// Persistent state: the rule book, customer profiles, limits bookkeeping, the activity log.
/// Implementations: SqliteStore (QtSql's QSQLITE). The interface is written so that a QPSQL
/// implementation can back several service replicas later. Every write is atomic: it fully
/// happens or leaves the store as it was.
class Store
{
public:
    virtual ~Store() = default;

    // --- schema and maintenance -------------------------------------------------------------
    /// Brings the schema to the latest version, one migration per transaction.
    virtual Status migrate() = 0;
    /// The schema version now in the database (0 for an empty one).
    virtual Result<int> schemaVersion() = 0;
    static int latestSchemaVersion();
    /// Integrity and foreign-key checks; the list of problems, empty when healthy.
    virtual Result<QStringList> check() = 0;
    /// A consistent copy of the live database at `path` (which must not exist yet).
    virtual Status backup(const QString &path) = 0;
    /// Runs `reads` in one read transaction: the reads it makes see one snapshot of the store
    /// and take its locks once, instead of once per statement (a refresh's customer, code,
    /// rules revision and reservations). Reads only: a write it begins fails. Returns what
    /// `reads` returned, or why the transaction could not begin or end.
    virtual Status readTogether(const std::function<Status()> &reads) = 0;

    // --- the rule book ----------------------------------------------------------------------
    virtual Result<CampaignSet> loadRules() = 0;
    /// Changes whenever rules change (in this process or another sharing the database).
    virtual Result<QString> rulesRevision() = 0;
    /// Replaces every segment and campaign (an import). All or nothing.
    virtual Status replaceRules(const CampaignSet &rules) = 0;
    /// Imports a rule book: merged by id into the stored one (segments and campaigns the file
    /// does not name are kept), or replacing it whole when `replace`. All or nothing, atomic
    /// against concurrent edits; a dry run writes nothing. Reports every segment and campaign
    /// as created, changed (with the fields), unchanged or removed.
    virtual Result<ImportReport> importRules(const CampaignSet &rules, bool replace,
                                             bool dryRun) = 0;
    /// Inserts or updates one campaign; its segments must exist.
    virtual Status saveCampaign(const Campaign &campaign) = 0;
    /// Deletes one campaign (errc::notFound if there is none). Its redemptions stay recorded.
    virtual Status deleteCampaign(const QString &id) = 0;
    /// Inserts or updates one segment.
    virtual Status saveSegment(const Segment &segment) = 0;
    /// Deletes a segment no campaign refers to; refuses (errc::conflict) otherwise.
    virtual Status deleteSegment(const QString &id) = 0;

    // --- the rules draft (edits not yet published) ------------------------------------------
    /// Every draft item, segments first, then campaigns, each by position.
    virtual Result<QList<DraftItem>> draftItems() = 0;
    /// Inserts or replaces the draft item (kind, key); updatedMs and updatedBy as given.
    virtual Status saveDraftItem(const DraftItem &item) = 0;
    /// Forgets one draft item (no error when there is none).
    virtual Status discardDraftItem(DraftItem::Kind kind, const QString &key) = 0;
    /// Publishing, in one transaction: when the rules revision is still `expectedRevision`,
    /// replaces the live rules with `rules` (validated like an import) and empties the draft.
    /// Fails with errc::conflict, changing nothing, when the rules changed meanwhile.
    virtual Status publishRules(const CampaignSet &rules, const QString &expectedRevision) = 0;

    // --- customer profiles ------------------------------------------------------------------
    /// The profile matching the Stripe customer id, else the email (case-insensitive).
    virtual Result<std::optional<CustomerProfile>> findCustomer(const QString &customerId,
                                                                const QString &email) = 0;
    virtual Result<QList<CustomerProfile>> customers() = 0;
    /// Inserts or replaces profiles (matched by id, else email). All or nothing. A profile
    /// without an id or an email keeps the one already stored.
    virtual Status importCustomers(const QList<CustomerProfile> &profiles) = 0;
    /// Merges profiles (matched by id, else email): each patch sets only its fields. All or
    /// nothing; a dry run writes nothing. Reports every profile as created, changed (with the
    /// fields) or unchanged.
    virtual Result<ImportReport> mergeCustomers(const QList<CustomerPatch> &patches,
                                                bool dryRun) = 0;

    // --- limits: usage, reservations, redemptions -------------------------------------------
    /// Usage of every campaign that has limits, counting completed redemptions and live
    /// reservations of sessions other than `sessionId`; per-customer counts for `customerKey`.
    virtual Result<QHash<QString, CampaignUsage>>
    usage(const QString &sessionId, const QString &customerKey, qint64 nowMs) = 0;
    /// Atomically re-checks the limits of `lines` against current usage and records them as
    /// Pending reservations of `decisionId`. On a limit reached by a concurrent session it
    /// records nothing and fails with code "limit_reached" and the campaign id as path.
    virtual Status reserve(const QString &sessionId, const QString &decisionId,
                           const QString &customerKey, const QString &currency,
                           const QList<ReservationLine> &lines, qint64 nowMs, qint64 expiresMs) = 0;
    /// The update reached Stripe: `decisionId`'s reservations become Held and the session's
    /// other reservations are released.
    virtual Status confirmReservation(const QString &sessionId, const QString &decisionId) = 0;
    /// The update failed for sure: drops `decisionId`'s Pending reservations.
    virtual Status cancelReservation(const QString &sessionId, const QString &decisionId) = 0;
    /// The session expired or lost its discount: releases everything it holds.
    virtual Status releaseSession(const QString &sessionId) = 0;
    /// The reservations stored for a session, expired ones included (for inspection).
    virtual Result<QList<Reservation>> reservations(const QString &sessionId) = 0;
    /// Whether `decisionId` holds a Pending reservation on the session (the one question every
    /// refresh of a session carrying its discount asks: reservations() answers it at more cost).
    virtual Result<bool> holdsPending(const QString &sessionId, const QString &decisionId) = 0;
    /// The session completed carrying `lines` (read from its discount's metadata): records the
    /// redemptions once (repeats are no-ops) and releases its reservations.
    virtual Status commitRedemptions(const QString &sessionId, const QString &decisionId,
                                     const QString &customerKey, const QString &currency,
                                     const QList<ReservationLine> &lines, qint64 nowMs) = 0;

    /// Records a completed session once (a repeat is a no-op returning false): its
    /// redemptions, the customer's order count and lifetime spend, and releases its
    /// reservations. All or nothing.
    virtual Result<bool> completeOrder(const CompletedOrder &order) = 0;
    /// Every session holding a reservation (pending or held, expired ones included), oldest
    /// first.
    virtual Result<QStringList> reservedSessions() = 0;
    /// For each limit of each campaign: used, held, pending and left at `nowMs`.
    virtual Result<QList<LimitUsage>> limitUsage(qint64 nowMs) = 0;

    // --- codes customers entered, per session -----------------------------------------------
    /// The code the customer entered in the session; empty when none.
    virtual Result<QString> sessionCode(const QString &sessionId) = 0;
    virtual Status setSessionCode(const QString &sessionId, const QString &code, qint64 nowMs) = 0;
    virtual Status clearSessionCode(const QString &sessionId) = 0;

    // --- one update of a session at a time, across processes ---------------------------------
    /// Takes (or extends) the lease on updating `sessionId` for `owner` until `untilMs`. False
    /// when another owner holds an unexpired lease; an expired one (its holder died) is taken
    /// over.
    virtual Result<bool> acquireSessionLease(const QString &sessionId, const QString &owner,
                                             qint64 nowMs, qint64 untilMs) = 0;
    /// Gives the lease back; a lease held by another owner is left alone.
    virtual Status releaseSessionLease(const QString &sessionId, const QString &owner) = 0;
    /// The lease on `sessionId`, if any (expired or not).
    virtual Result<std::optional<SessionLease>> sessionLease(const QString &sessionId) = 0;
    /// Takes the lease from `staleOwner` (whose process is known to be gone) for `owner`; false
    /// when `staleOwner` no longer holds it.
    virtual Result<bool> takeOverSessionLease(const QString &sessionId, const QString &staleOwner,
                                              const QString &owner, qint64 untilMs) = 0;

    // --- webhook events, handled once -------------------------------------------------------
    /// Records the event id; false when it was already recorded.
    virtual Result<bool> markEventProcessed(const QString &eventId, const QString &type,
                                            qint64 nowMs) = 0;

    // --- activity log -----------------------------------------------------------------------
    /// Appends an entry (its id is ignored) and returns the id given to it. Ids only grow.
    virtual Result<qint64> appendActivity(const ActivityEntry &entry) = 0;
    /// What the update workflow's runs that end and start in one turn of the event loop write,
    /// in one transaction (a group commit). For each ended run: its entry appended and, where
    /// `releaseLease` is set, its session's lease held by `leaseOwner` given back. Then for each
    /// starting run: the lease on its session taken for `leaseOwner` until `leaseUntilMs`, as
    /// acquireSessionLease does. Nothing is written when it fails.
    virtual Result<RecordedRuns> recordRuns(const QList<RunRecord> &ended,
                                            const QStringList &starting, const QString &leaseOwner,
                                            qint64 nowMs, qint64 leaseUntilMs) = 0;
    virtual Result<QList<ActivityEntry>> activity(const ActivityFilter &filter) = 0;
};

} // namespace remise
