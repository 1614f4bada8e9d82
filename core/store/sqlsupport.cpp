#include "sqlsupport.h"

#include "campaignfile.h"
#include "json.h"
#include "logging.h"

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace remise::sqlite {

namespace {
constexpr int sqliteConstraint = 19; // SQLITE_CONSTRAINT, also the low byte of its extended codes

// Prepared statements by connection, then by SQL text. A connection is used by one thread at a
// time (QtSql's rule), so only the outer map needs the lock. Statements built with a varying
// number of placeholders could grow a map without end: past the cap, new ones are not kept.
constexpr qsizetype maxStatementsPerConnection = 256;
using Statements = QHash<QString, std::shared_ptr<QSqlQuery>>;
QMutex statementsLock;
QHash<QString, Statements> &statementsByConnection()
{
    static QHash<QString, Statements> all;
    return all;
}

// Connections holding a ReadScope (guarded by statementsLock).
QSet<QString> &readScopes()
{
    static QSet<QString> all;
    return all;
}

bool inReadScope(const QSqlDatabase &db)
{
    QMutexLocker locker(&statementsLock);
    return readScopes().contains(db.connectionName());
}

// A prepared statement for `sql` that no one is reading: the kept one when it is idle, else a
// new one (kept when there is room). Null when `sql` does not prepare.
std::shared_ptr<QSqlQuery> prepared(const QSqlDatabase &db, const QString &sql, QSqlError &error)
{
    {
        QMutexLocker locker(&statementsLock);
        const auto connection = statementsByConnection().constFind(db.connectionName());
        if (connection != statementsByConnection().cend()) {
            const auto kept = connection->constFind(sql);
            // use_count 1: only the cache holds it, so no Statement is reading its rows.
            if (kept != connection->cend() && kept->use_count() == 1)
                return *kept;
        }
    }
    auto query = std::make_shared<QSqlQuery>(db);
    query->setForwardOnly(true);
    if (!query->prepare(sql)) {
        error = query->lastError();
        return nullptr;
    }
    QMutexLocker locker(&statementsLock);
    Statements &kept = statementsByConnection()[db.connectionName()];
    if (kept.size() < maxStatementsPerConnection && !kept.contains(sql))
        kept.insert(sql, query);
    return query;
}
} // namespace

Statement::Statement(std::shared_ptr<QSqlQuery> query)
    : m_query(std::move(query))
{}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        finish();
        m_query = std::move(other.m_query);
    }
    return *this;
}

Statement::~Statement()
{
    finish();
}

void Statement::finish()
{
    if (m_query)
        m_query->finish();
}

void forgetStatements(const QString &connectionName)
{
    Statements statements;
    {
        QMutexLocker locker(&statementsLock);
        statements = statementsByConnection().take(connectionName);
    }
    // Destroyed here, outside the lock, while the connection still exists.
}

Error databaseError(const QString &operation, const QSqlError &error)
{
    const int native = error.nativeErrorCode().toInt();
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    qCWarning(lcStore).noquote() << operation + u": "_s + error.text()
                                 << u"(sqlite code %1)"_s.arg(error.nativeErrorCode());
    const QString code = (native & 0xff) == sqliteConstraint ? errc::conflict : errc::database;
    return Error{code, operation + u": "_s + detail, {}, {}};
}

Result<Statement> run(const QSqlDatabase &db, const QString &operation, const QString &sql,
                      const QVariantList &values)
{
    QSqlError prepareError;
    std::shared_ptr<QSqlQuery> query = prepared(db, sql, prepareError);
    if (!query)
        return fail(databaseError(operation, prepareError));
    Statement statement(query); // resets the statement on every way out
    // QtSql binds a null QString as NULL; Remise's empty strings are '' (NULL is asked for
    // explicitly, with nullIfEmpty()).
    static const QString empty = QStringLiteral("");
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        const bool nullText =
            value.metaType() == QMetaType::fromType<QString>() && value.toString().isNull();
        query->bindValue(int(i), nullText ? QVariant(empty) : value);
    }
    if (!query->exec())
        return fail(databaseError(operation, query->lastError()));
    return statement;
}

Result<QVariant> scalar(const QSqlDatabase &db, const QString &operation, const QString &sql,
                        const QVariantList &values)
{
    auto query = run(db, operation, sql, values);
    if (!query)
        return fail(query.error());
    if (!query->next())
        return QVariant();
    return query->value(0);
}

QString jsonText(const QJsonValue &value)
{
    return QString::fromUtf8(json::write(value, json::Style::Compact, campaignfile::keyOrder()));
}

Result<QJsonValue> parseJsonText(const QString &text, const QString &what)
{
    auto value = json::parse(text.toUtf8(), what);
    if (!value)
        return fail(errc::database, u"the database holds invalid JSON in %1: %2"_s.arg(
                                        what, value.error().describe()));
    return *value;
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

namespace {
constexpr int writeLockTimeoutMs = 5000; // as PRAGMA busy_timeout (sqlitestore.cpp)
} // namespace

QMutex &writeLock()
{
    static QMutex mutex;
    return mutex;
}

Result<Transaction> Transaction::begin(const QSqlDatabase &db, Kind kind, const QString &operation)
{
    if (inReadScope(db)) {
        if (kind == Kind::Write)
            return fail(errc::database,
                        operation + u": a write cannot begin inside a read scope"_s);
        return Transaction(db, operation); // joins the scope's transaction
    }
    // Threads of one process that write to the database (the service's lanes) take turns on a
    // mutex before SQLite's own write lock: a thread waiting on SQLite's lock polls it with
    // sleeps of a millisecond and more, one waiting on the mutex wakes as soon as it is free.
    // The wait is bounded like SQLite's busy timeout.
    if (kind == Kind::Write && !writeLock().tryLock(writeLockTimeoutMs))
        return fail(errc::database,
                    operation + u": the database is busy (another thread has been writing for "_s +
                        QString::number(writeLockTimeoutMs / 1000) + u" s)"_s);
    auto begun = run(db, operation, kind == Kind::Write ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s);
    if (!begun) {
        if (kind == Kind::Write)
            writeLock().unlock();
        return fail(begun.error());
    }
    Transaction transaction(db, operation);
    transaction.m_open = true;
    transaction.m_locked = kind == Kind::Write;
    return transaction;
}

void Transaction::unlock()
{
    if (std::exchange(m_locked, false))
        writeLock().unlock();
}

Transaction::Transaction(QSqlDatabase db, QString operation)
    : m_db(std::move(db))
    , m_operation(std::move(operation))
{}

Transaction::Transaction(Transaction &&other) noexcept
    : m_db(other.m_db)
    , m_operation(std::move(other.m_operation))
    , m_open(std::exchange(other.m_open, false))
    , m_locked(std::exchange(other.m_locked, false))
{}

Transaction::~Transaction()
{
    if (m_open) {
        QSqlQuery query(m_db);
        if (!query.exec(u"ROLLBACK"_s))
            qCDebug(lcStore).noquote()
                << "rollback after" << m_operation << "failed:" << query.lastError().text();
    }
    unlock();
}

Status Transaction::commit()
{
    if (!m_open)
        return {}; // joined a read scope: the scope ends the transaction
    auto committed = run(m_db, m_operation, u"COMMIT"_s);
    if (!committed)
        return fail(committed.error()); // still open: the destructor rolls back
    m_open = false;
    unlock();
    return {};
}

Result<ReadScope> ReadScope::begin(const QSqlDatabase &db, const QString &operation)
{
    if (inReadScope(db))
        return fail(errc::database, operation + u": a read scope is already open"_s);
    auto begun = run(db, operation, u"BEGIN"_s);
    if (!begun)
        return fail(begun.error());
    ReadScope scope(db);
    scope.m_open = true;
    QMutexLocker locker(&statementsLock);
    readScopes().insert(db.connectionName());
    return scope;
}

ReadScope::ReadScope(QSqlDatabase db)
    : m_db(std::move(db))
{}

ReadScope::ReadScope(ReadScope &&other) noexcept
    : m_db(other.m_db)
    , m_open(std::exchange(other.m_open, false))
{}

ReadScope::~ReadScope()
{
    if (auto ended = end(); !ended)
        qCWarning(lcStore).noquote() << ended.error().describe();
}

Status ReadScope::end()
{
    if (!m_open)
        return {};
    m_open = false;
    {
        QMutexLocker locker(&statementsLock);
        readScopes().remove(m_db.connectionName());
    }
    // Nothing was written, so COMMIT and ROLLBACK both just end the snapshot.
    auto committed = run(m_db, u"cannot end a read transaction"_s, u"COMMIT"_s);
    if (!committed) {
        QSqlQuery query(m_db);
        query.exec(u"ROLLBACK"_s);
        return fail(committed.error());
    }
    return {};
}

} // namespace remise::sqlite
