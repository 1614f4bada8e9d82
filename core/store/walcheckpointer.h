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
/// Checkpoints are PASSIVE: they copy what no reader still needs and never block writers. Under
/// steady writes a PASSIVE checkpoint never catches up with the log's end, and SQLite starts the
/// log over only once all of it is copied; so when the log holds `restartFrames` or more, a
/// RESTART checkpoint follows. It holds writers back while it copies the little the PASSIVE one
/// left, and the next writer starts the log from its beginning. Without it the log grows for as
/// long as the writes go on (hundreds of megabytes a minute under the benchmark's load), and
/// every read searches a larger log index.
class WalCheckpointer
{
public:
    /// 4096 frames: 16 MiB of 4 KiB pages, a few seconds of the service's busiest writing.
    static constexpr int defaultRestartFrames = 4096;

    /// Starts checkpointing `store`'s database every `interval`, starting the log over once it
    /// holds `restartFrames` pages. The store must outlive it.
    static Result<std::unique_ptr<WalCheckpointer>> start(SqliteStore &store,
                                                          std::chrono::milliseconds interval,
                                                          int restartFrames = defaultRestartFrames);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    /// Checkpoints run so far (each may have had nothing to copy).
    int checkpoints() const;
    /// RESTART checkpoints that ran to the end, so far.
    int restarts() const;

private:
    explicit WalCheckpointer(SqliteStore &store, std::shared_ptr<CheckpointerState> state);
    SqliteStore &m_store;
    std::shared_ptr<CheckpointerState> m_state;
};

} // namespace remise
