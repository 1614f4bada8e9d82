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
/// steady writes one never copies the log's very end, and SQLite starts the log over only once
/// all of it is copied: the log would grow for as long as the writes go on (738 MB in 25 s
/// under the benchmark's load), and every read would search a larger log
/// index. So when the log holds `restartFrames` or more, this process's writers are held back
/// (sqlite::writeLock) while a second checkpoint copies the little the first left, and the next
/// writer starts the log over. (A RESTART checkpoint would do the same, but it holds writers
/// back in SQLite's busy handler, which sleeps a millisecond and more: the service's p99 rose by
/// a quarter.) Writers that do not take that lock (single statements, other processes) may
/// keep the log growing regardless: at four times the limit, a RESTART checkpoint waits them
/// out.
class WalCheckpointer
{
public:
    /// 4096 frames: 16 MiB of 4 KiB pages, some 0.3 s of the benchmark's writing. Each
    /// start-over holds this process's writers back a few milliseconds (two fsyncs), which did
    /// not show in the benchmark's p99; a longer log did show, in the CPU of every read (64 MiB:
    /// 10 % more per refresh; 4 MiB: no better than 16).
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
    /// Times the whole log was copied with writers held back, so that the next writer starts
    /// it over.
    int restarts() const;

private:
    explicit WalCheckpointer(SqliteStore &store, std::shared_ptr<CheckpointerState> state);
    SqliteStore &m_store;
    std::shared_ptr<CheckpointerState> m_state;
};

} // namespace remise
