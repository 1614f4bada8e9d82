#pragma once

#include "store.h"

#include <QSqlDatabase>

#include <memory>

namespace remise {

/// The Store on an SQLite file, through QtSql's QSQLITE driver (WAL, foreign keys, a busy
/// timeout, every write in a BEGIN IMMEDIATE transaction, bound parameters only).
///
/// Threading: an instance belongs to the thread that opened it, because a QtSql connection may
/// only be used by the thread that created it. Open another instance (on the same file) for
/// another thread; instances in any number of threads and processes stay consistent through
/// SQLite's locking.
///
/// Schema: open() never migrates. Operations check that the tables they use exist (failing with
/// errc::schemaOutdated otherwise), so the command line can say "run db migrate" rather than
/// report a missing table.
class SqliteStore final : public Store
{
public:
    /// Opens (creating it and its parent directories if needed) the database at `path`.
    /// Fails with errc::schemaTooNew when a newer Remise has written it.
    static Result<std::unique_ptr<SqliteStore>> open(const QString &path);
    ~SqliteStore() override;
    SqliteStore(const SqliteStore &) = delete;
    SqliteStore &operator=(const SqliteStore &) = delete;

    const QString &path() const { return m_path; }
    /// Whether commits on this connection checkpoint the write-ahead log when it has grown
    /// (SQLite's default, on). WalCheckpointer turns it off while it checkpoints elsewhere.
    Status setAutoCheckpoint(bool on);
    /// Applies the missing migrations up to `version` only; never goes down. For upgrade tests
    /// and tools: the application wants migrate().
    Status migrateTo(int version);

    Status migrate() override;
    Result<int> schemaVersion() override;
    Result<QStringList> check() override;
    Status backup(const QString &path) override;
    Status readTogether(const std::function<Status()> &reads) override;

    Result<CampaignSet> loadRules() override;
    Result<QString> rulesRevision() override;
    Status replaceRules(const CampaignSet &rules) override;
    Status saveCampaign(const Campaign &campaign) override;
    Status deleteCampaign(const QString &id) override;
    Status saveSegment(const Segment &segment) override;
    Status deleteSegment(const QString &id) override;

    Result<QList<DraftItem>> draftItems() override;
    Status saveDraftItem(const DraftItem &item) override;
    Status discardDraftItem(DraftItem::Kind kind, const QString &key) override;
    Status publishRules(const CampaignSet &rules, const QString &expectedRevision) override;

    Result<std::optional<CustomerProfile>> findCustomer(const QString &customerId,
                                                        const QString &email) override;
    Result<QList<CustomerProfile>> customers() override;
    Status importCustomers(const QList<CustomerProfile> &profiles) override;
    Result<ImportReport> mergeCustomers(const QList<CustomerPatch> &patches, bool dryRun) override;
    Result<ImportReport> importRules(const CampaignSet &rules, bool replace, bool dryRun) override;

    Result<QHash<QString, CampaignUsage>> usage(const QString &sessionId,
                                                const QString &customerKey, qint64 nowMs) override;
    Status reserve(const QString &sessionId, const QString &decisionId, const QString &customerKey,
                   const QString &currency, const QList<ReservationLine> &lines, qint64 nowMs,
                   qint64 expiresMs) override;
    Status confirmReservation(const QString &sessionId, const QString &decisionId) override;
    Status cancelReservation(const QString &sessionId, const QString &decisionId) override;
    Status releaseSession(const QString &sessionId) override;
    Result<QList<Reservation>> reservations(const QString &sessionId) override;
    Result<bool> holdsPending(const QString &sessionId, const QString &decisionId) override;
    Status commitRedemptions(const QString &sessionId, const QString &decisionId,
                             const QString &customerKey, const QString &currency,
                             const QList<ReservationLine> &lines, qint64 nowMs) override;

    Result<bool> completeOrder(const CompletedOrder &order) override;
    Result<QStringList> reservedSessions() override;
    Result<QList<LimitUsage>> limitUsage(qint64 nowMs) override;

    Result<QString> sessionCode(const QString &sessionId) override;
    Status setSessionCode(const QString &sessionId, const QString &code, qint64 nowMs) override;
    Status clearSessionCode(const QString &sessionId) override;

    Result<bool> acquireSessionLease(const QString &sessionId, const QString &owner, qint64 nowMs,
                                     qint64 untilMs) override;
    Status releaseSessionLease(const QString &sessionId, const QString &owner) override;
    Result<std::optional<SessionLease>> sessionLease(const QString &sessionId) override;
    Result<bool> takeOverSessionLease(const QString &sessionId, const QString &staleOwner,
                                      const QString &owner, qint64 untilMs) override;
    Result<bool> markEventProcessed(const QString &eventId, const QString &type,
                                    qint64 nowMs) override;

    Result<qint64> appendActivity(const ActivityEntry &entry) override;
    Result<RecordedRuns> recordRuns(const QList<RunRecord> &ended, const QStringList &starting,
                                    const QString &leaseOwner, qint64 nowMs,
                                    qint64 leaseUntilMs) override;
    Result<QList<ActivityEntry>> activity(const ActivityFilter &filter) override;

private:
    SqliteStore(QString path, QString connectionName);

    Status configure();
    /// Fails unless the schema has reached `version` (re-reading it: another process may have
    /// migrated meanwhile).
    Status require(int version, const QString &operation);
    Result<int> readVersion(const QString &operation);
    Status bumpRulesRevision(const QString &operation);
    Status writeSegment(const Segment &segment, const QString &operation);
    Status writeCampaign(const Campaign &campaign, const QString &operation);
    Result<QStringList> segmentIds(const QString &operation);
    Result<Campaign> readCampaign(const QString &id, const QStringList &segmentIds,
                                  const QString &operation);
    Result<QHash<QString, CampaignUsage>> usageOf(const QString &sessionId,
                                                  const QString &customerKey, qint64 nowMs,
                                                  const QString &campaignId,
                                                  const QString &operation);
    Status upsertCustomer(const CustomerProfile &profile, const QString &path,
                          const QString &operation);
    /// The row of the stored profile matching `profile` (by id, else email), invalid when none;
    /// errc::conflict when its email belongs to another customer.
    Result<QVariant> customerRow(const CustomerProfile &profile, const QString &path,
                                 const QString &operation);
    Status countOrder(const CompletedOrder &order, const QString &operation);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    int m_version = 0; ///< last version read; schemas only move up
};

} // namespace remise
