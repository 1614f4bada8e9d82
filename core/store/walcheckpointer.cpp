#include "walcheckpointer.h"

#include "errorcodes.h"
#include "logging.h"
#include "sqlitestore.h"
#include "sqlsupport.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

using namespace Qt::StringLiterals;

namespace remise {

struct CheckpointerState
{
    QString path;
    std::chrono::milliseconds interval{};
    int restartFrames = 0;
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    std::atomic<int> checkpoints = 0;
    std::atomic<int> restarts = 0;
    std::thread thread;
};

namespace {

// What a PASSIVE checkpoint did: the frames the log holds, and how many of them are copied.
struct Checkpoint
{
    qint64 logFrames = 0;
    qint64 copiedFrames = 0;
};

std::optional<Checkpoint> checkpoint(QSqlQuery &query, const QString &path)
{
    std::optional<Checkpoint> done;
    if (!query.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s))
        qCWarning(lcStore).noquote()
            << "checkpoint of" << path << "failed:" << query.lastError().text();
    else if (query.next()) // busy, log, checkpointed
        done = Checkpoint{query.value(1).toLongLong(), query.value(2).toLongLong()};
    query.finish();
    return done;
}

// The thread's own connection (QtSql connections belong to the thread that opened them); no
// prepared-statement cache, which is the store thread's.
void checkpointLoop(const std::shared_ptr<CheckpointerState> &state)
{
    static std::atomic<int> instances = 0;
    const QString name = u"remise.checkpointer.%1"_s.arg(++instances);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(state->path);
        if (!db.open()) {
            qCWarning(lcStore).noquote()
                << "checkpoints of" << state->path << "cannot run:" << db.lastError().text();
        } else {
            QSqlQuery query(db);
            query.exec(u"PRAGMA busy_timeout = 1000"_s);
            bool last = false;
            while (!last) {
                {
                    std::unique_lock lock(state->mutex);
                    state->wake.wait_for(lock, state->interval, [&] { return state->stopping; });
                    last = state->stopping;
                }
                // PASSIVE copies what it can without blocking anyone. Under steady writes it
                // never copies the log's very end, and SQLite starts the log over only once all
                // of it is copied. So past the limit this process's writers are held back, on
                // the lock they take before SQLite's (which wakes them as soon as it is free),
                // while a second PASSIVE checkpoint copies the little the first one left; the
                // next writer starts the log over.
                const auto first = checkpoint(query, state->path);
                if (!first || first->logFrames < state->restartFrames) {
                    ++state->checkpoints;
                    continue;
                }
                bool copied = false;
                if (first->logFrames < 4 * qint64(state->restartFrames)) {
                    if (sqlite::writeLock().tryLock(1000)) {
                        const auto rest = checkpoint(query, state->path);
                        sqlite::writeLock().unlock();
                        copied = rest && rest->copiedFrames == rest->logFrames;
                    }
                } else {
                    // The log grew on regardless: writers that do not take the lock (single
                    // statements, other processes) kept appending. A RESTART checkpoint waits
                    // them out in SQLite's busy handler.
                    if (!query.exec(u"PRAGMA wal_checkpoint(RESTART)"_s))
                        qCWarning(lcStore).noquote() << "checkpoint of" << state->path
                                                     << "failed:" << query.lastError().text();
                    else // busy, log, checkpointed: busy when kept waiting past the timeout
                        copied = query.next() && query.value(0).toInt() == 0;
                    query.finish();
                }
                if (copied)
                    ++state->restarts;
                ++state->checkpoints;
            }
            query = QSqlQuery();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

Result<std::unique_ptr<WalCheckpointer>>
WalCheckpointer::start(SqliteStore &store, std::chrono::milliseconds interval, int restartFrames)
{
    if (auto off = store.setAutoCheckpoint(false); !off)
        return fail(off.error());
    auto state = std::make_shared<CheckpointerState>();
    state->path = store.path();
    state->interval = std::max(interval, std::chrono::milliseconds(1));
    state->restartFrames = std::max(restartFrames, 1);
    state->thread = std::thread([state] { checkpointLoop(state); });
    return std::unique_ptr<WalCheckpointer>(new WalCheckpointer(store, std::move(state)));
}

WalCheckpointer::WalCheckpointer(SqliteStore &store, std::shared_ptr<CheckpointerState> state)
    : m_store(store)
    , m_state(std::move(state))
{}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_state->mutex);
        m_state->stopping = true;
    }
    m_state->wake.notify_all();
    m_state->thread.join();
    if (auto on = m_store.setAutoCheckpoint(true); !on)
        qCWarning(lcStore).noquote() << on.error().describe();
}

int WalCheckpointer::checkpoints() const
{
    return m_state->checkpoints;
}

int WalCheckpointer::restarts() const
{
    return m_state->restarts;
}

} // namespace remise
