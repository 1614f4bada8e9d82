#pragma once

#include <QByteArray>
#include <QMap>
#include <QMutex>
#include <QString>

#include <array>
#include <functional>

namespace remise::api {

/// The service's counters, rendered in Prometheus's text format (version 0.0.4) at /metrics.
/// docs/operations.md says what each one means. Shared by the service's lanes (threads):
/// every method may be called from any of them.
class Metrics
{
public:
    /// Upper bounds of the latency histogram's buckets, in seconds.
    static constexpr std::array<double, 12> latencyBuckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                           0.5,   1,    2.5,   5,    10,  20};

    void request(const QString &endpoint, int status, double seconds);
    void stripeAttempt(const QString &method, int status); ///< status 0: no answer
    void stripeRetry()
    {
        const QMutexLocker lock(&m_mutex);
        ++m_stripeRetries;
    }
    void decision(const QString &outcome)
    {
        const QMutexLocker lock(&m_mutex);
        ++m_decisions[outcome];
    }
    void webhook(const QString &type, const QString &result)
    {
        const QMutexLocker lock(&m_mutex);
        ++m_webhooks[{type, result}];
    }
    void rateLimited(const QString &scope)
    {
        const QMutexLocker lock(&m_mutex);
        ++m_rateLimited[scope];
    }
    void reconcile(const QString &action, qint64 count)
    {
        const QMutexLocker lock(&m_mutex);
        m_reconciled[action] += count;
    }
    /// A request began (+1) or was answered (-1) on lane `lane`.
    void inflight(int delta, int lane = 0);
    int inflight() const
    {
        const QMutexLocker lock(&m_mutex);
        return m_inflight;
    }

    /// Gauges read when rendering (reservations by state, …): name|help → {labels → value}.
    using Gauges = QMap<QString, QMap<QString, double>>;
    QByteArray render(const Gauges &gauges = {}) const;

    qint64 requests(const QString &endpoint, int status) const
    {
        const QMutexLocker lock(&m_mutex);
        return m_requests.value({endpoint, status});
    }
    qint64 decisions(const QString &outcome) const
    {
        const QMutexLocker lock(&m_mutex);
        return m_decisions.value(outcome);
    }

private:
    struct Histogram
    {
        std::array<qint64, latencyBuckets.size()> buckets{};
        qint64 count = 0;
        double sum = 0;
    };
    QMap<std::pair<QString, int>, qint64> m_requests;
    QMap<QString, Histogram> m_latency;
    QMap<std::pair<QString, int>, qint64> m_stripe;
    qint64 m_stripeRetries = 0;
    QMap<QString, qint64> m_decisions;
    QMap<std::pair<QString, QString>, qint64> m_webhooks;
    QMap<QString, qint64> m_rateLimited;
    QMap<QString, qint64> m_reconciled;
    int m_inflight = 0;
    QMap<int, qint64> m_laneRequests; ///< requests begun, by lane
    mutable QMutex m_mutex;
};

} // namespace remise::api
