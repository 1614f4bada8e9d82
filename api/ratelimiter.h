#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

namespace remise::api {

/// Token buckets keyed by client or session: each key may spend `burst` requests at once and
/// earns `rate` tokens per second back. Time is passed in (milliseconds), so tests need no
/// sleeping. Memory stays bounded: full buckets are forgotten by prune(), and when more than
/// `maxKeys` keys are live the oldest are dropped first. Shared by the service's lanes: every
/// method may be called from any thread.
class RateLimiter
{
public:
    RateLimiter(double rate, double burst, qsizetype maxKeys = 100'000);

    /// 0 when `key` may go ahead (a token is spent); otherwise the milliseconds until it may.
    qint64 take(const QString &key, qint64 nowMs);
    /// Forgets keys whose bucket has filled up again.
    void prune(qint64 nowMs);
    bool enabled() const { return m_rate > 0; }
    qsizetype size() const
    {
        const QMutexLocker lock(&m_mutex);
        return m_buckets.size();
    }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    double m_rate;
    double m_burst;
    qsizetype m_maxKeys;
    QHash<QString, Bucket> m_buckets;
    mutable QMutex m_mutex;
    void pruneLocked(qint64 nowMs);
};

} // namespace remise::api
