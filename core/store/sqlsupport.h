#pragma once

#include "result.h"

#include <QJsonValue>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

#include <memory>

/// Internal helpers of the SQLite store: running statements with bound values and wrapping
/// transactions, with QtSql errors turned into Results that name the operation.
namespace remise::sqlite {

/// The error for a failed statement: code `conflict` for a constraint violation, else
/// `database_error`; the message starts with `operation` ("cannot save campaign \"x\"").
Error databaseError(const QString &operation, const QSqlError &error);

/// A statement that ran: its rows (forward only) or what it changed. When it goes, the
/// statement is reset (an unfinished SELECT would keep a read snapshot open) and goes back to
/// its connection's cache of prepared statements.
class Statement
{
public:
    explicit Statement(std::shared_ptr<QSqlQuery> query);
    Statement(Statement &&other) noexcept = default;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    ~Statement();

    bool next() { return m_query->next(); }
    QVariant value(int column) const { return m_query->value(column); }
    int numRowsAffected() const { return m_query->numRowsAffected(); }
    QVariant lastInsertId() const { return m_query->lastInsertId(); }
    /// Resets the statement now (its rows are gone).
    void finish();

private:
    std::shared_ptr<QSqlQuery> m_query;
};

/// Runs `sql` with `values` bound positionally (one per `?`). A null QString binds as '' (only
/// an invalid QVariant, see nullIfEmpty(), binds as NULL). Statements are prepared once per
/// connection and kept (see forgetStatements()): parsing SQL again on every call was the largest
/// single cost of a service request (docs/performance.md).
Result<Statement> run(const QSqlDatabase &db, const QString &operation, const QString &sql,
                      const QVariantList &values = {});

/// Drops the prepared statements kept for the connection `connectionName`; call it before
/// closing or removing the connection.
void forgetStatements(const QString &connectionName);

/// The first column of the first row, or an invalid QVariant when there is no row.
Result<QVariant> scalar(const QSqlDatabase &db, const QString &operation, const QString &sql,
                        const QVariantList &values = {});

/// Compact JSON text with a stable key order, for JSON columns.
QString jsonText(const QJsonValue &value);
/// Reads a JSON column; `what` names it in the error ("campaign \"x\" reward").
Result<QJsonValue> parseJsonText(const QString &text, const QString &what);

/// NULL for an empty string, so optional text columns hold NULL rather than ''.
QVariant nullIfEmpty(const QString &text);

/// The lock this process's write transactions take before SQLite's (Transaction): threads
/// waiting on it wake as soon as it is free, where SQLite's busy handler polls with sleeps of a
/// millisecond and more. WalCheckpointer holds it to keep this process's writers back briefly.
QMutex &writeLock();

/// A transaction rolled back on destruction unless committed. Write transactions start with
/// BEGIN IMMEDIATE: they take the write lock up front (waiting up to the busy timeout), so a
/// check made inside one still holds at commit, even against another process. A read
/// transaction begun while the connection holds a ReadScope joins it (its commit ends
/// nothing); a write transaction there fails.
class Transaction
{
public:
    enum class Kind { Read, Write };

    static Result<Transaction> begin(const QSqlDatabase &db, Kind kind, const QString &operation);
    Transaction(Transaction &&other) noexcept;
    Transaction &operator=(Transaction &&) = delete;
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    ~Transaction();

    Status commit();

private:
    Transaction(QSqlDatabase db, QString operation);
    void unlock();

    QSqlDatabase m_db;
    QString m_operation;
    bool m_open = false;
    bool m_locked = false; ///< holds the process's write lock (a write transaction)
};

/// One read transaction for several reads on a connection: they see one snapshot and take
/// SQLite's locks once instead of once per statement (a read transaction each). Reads only:
/// a write transaction begun inside fails. Ends (COMMIT) on end() or destruction.
class ReadScope
{
public:
    static Result<ReadScope> begin(const QSqlDatabase &db, const QString &operation);
    ReadScope(ReadScope &&other) noexcept;
    ReadScope &operator=(ReadScope &&) = delete;
    ReadScope(const ReadScope &) = delete;
    ReadScope &operator=(const ReadScope &) = delete;
    ~ReadScope();

    Status end();

private:
    explicit ReadScope(QSqlDatabase db);

    QSqlDatabase m_db;
    bool m_open = false;
};

} // namespace remise::sqlite
