#pragma once

#include <QDateTime>
#include <QObject>

#include <chrono>
#include <functional>

namespace remise {

/// The source of "now". Everything whose outcome depends on time takes a Clock, so tests can
/// pin it (ManualClock) instead of sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    /// Milliseconds since the Unix epoch, UTC.
    virtual qint64 nowMs() const = 0;
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }
};

class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
    /// A process-wide instance for composition roots.
    static const Clock &instance();
};

class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 nowMs = 0)
        : m_now(nowMs)
    {}
    qint64 nowMs() const override { return m_now; }
    void set(qint64 nowMs) { m_now = nowMs; }
    void advance(std::chrono::milliseconds by) { m_now += by.count(); }

private:
    qint64 m_now;
};

/// Runs a function later on the event loop. Retries wait through a Scheduler so that tests can
/// record the delays and fire at once.
class Scheduler
{
public:
    virtual ~Scheduler() = default;
    /// Calls `fn` after `delay`, unless `context` is destroyed first.
    virtual void after(std::chrono::milliseconds delay, QObject *context,
                       std::function<void()> fn) = 0;
};

/// QTimer-backed scheduler.
class EventLoopScheduler final : public Scheduler
{
public:
    void after(std::chrono::milliseconds delay, QObject *context,
               std::function<void()> fn) override;
    static Scheduler &instance();
};

} // namespace remise
