#include "ratelimiter.h"

#include <cmath>

namespace remise::api {

RateLimiter::RateLimiter(double rate, double burst, qsizetype maxKeys)
    : m_rate(rate)
    , m_burst(std::max(1.0, burst))
    , m_maxKeys(maxKeys)
{}

qint64 RateLimiter::take(const QString &key, qint64 nowMs)
{
    if (m_rate <= 0)
        return 0;
    const QMutexLocker lock(&m_mutex);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= m_maxKeys) {
            pruneLocked(nowMs);
            if (m_buckets.size() >= m_maxKeys)
                m_buckets.clear(); // a flood of distinct keys: start over rather than grow
        }
        it = m_buckets.insert(key, Bucket{m_burst, nowMs});
    }
    Bucket &b = *it;
    const double elapsed = double(std::max<qint64>(0, nowMs - b.updatedMs)) / 1000.0;
    b.tokens = std::min(m_burst, b.tokens + elapsed * m_rate);
    b.updatedMs = nowMs;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    // (less a hair, so that floating-point noise does not add a millisecond)
    return std::max<qint64>(1, qint64(std::ceil((1.0 - b.tokens) / m_rate * 1000.0 - 1e-6)));
}

void RateLimiter::prune(qint64 nowMs)
{
    const QMutexLocker lock(&m_mutex);
    pruneLocked(nowMs);
}

void RateLimiter::pruneLocked(qint64 nowMs)
{
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        const double elapsed = double(std::max<qint64>(0, nowMs - it->updatedMs)) / 1000.0;
        if (it->tokens + elapsed * m_rate >= m_burst)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

} // namespace remise::api
