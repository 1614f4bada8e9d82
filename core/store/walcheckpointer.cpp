#include "walcheckpointer.h"

#include "errorcodes.h"
#include "logging.h"
#include "sqlitestore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;

namespace remise {

struct CheckpointerState
{
    QString path;
    std::chrono::milliseconds interval{};
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    std::atomic<int> checkpoints = 0;
    std::thread thread;
};

namespace {

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
                if (!query.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s))
                    qCWarning(lcStore).noquote()
                        << "checkpoint of" << state->path << "failed:" << query.lastError().text();
                query.finish();
                ++state->checkpoints;
            }
            query = QSqlQuery();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::start(SqliteStore &store,
                                                                std::chrono::milliseconds interval)
{
    if (auto off = store.setAutoCheckpoint(false); !off)
        return fail(off.error());
    auto state = std::make_shared<CheckpointerState>();
    state->path = store.path();
    state->interval = std::max(interval, std::chrono::milliseconds(1));
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

} // namespace remise
