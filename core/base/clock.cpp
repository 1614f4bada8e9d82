#include "clock.h"

#include <QTimer>

namespace remise {

const Clock &SystemClock::instance()
{
    static const SystemClock clock;
    return clock;
}

void EventLoopScheduler::after(std::chrono::milliseconds delay, QObject *context,
                               std::function<void()> fn)
{
    QTimer::singleShot(delay, context, std::move(fn));
}

Scheduler &EventLoopScheduler::instance()
{
    static EventLoopScheduler scheduler;
    return scheduler;
}

} // namespace remise
