#pragma once

#include "result.h"

#include <chrono>
#include <memory>

namespace remise {

class SqliteStore;
struct CheckpointerState;

/// Copies the database's write-ahead log back into it on a thread of its own, so that no
/// request of the service waits for a checkpoint and its fsync. While it runs, the store's own
/// connection no longer checkpoints on commit (`PRAGMA wal_autocheckpoint = 0`); when it stops,
/// it checkpoints one last time and gives the store its automatic checkpoints back.
///
/// Checkpoints are PASSIVE: they copy what no reader still needs and never block writers.
class WalCheckpointer
{
public:
    /// Starts checkpointing `store`'s database every `interval`. The store must outlive it.
    static Result<std::unique_ptr<WalCheckpointer>> start(SqliteStore &store,
                                                          std::chrono::milliseconds interval);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    /// Checkpoints run so far (each may have had nothing to copy).
    int checkpoints() const;

private:
    explicit WalCheckpointer(SqliteStore &store, std::shared_ptr<CheckpointerState> state);
    SqliteStore &m_store;
    std::shared_ptr<CheckpointerState> m_state;
};

} // namespace remise
