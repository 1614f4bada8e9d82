#include "metrics.h"

using namespace Qt::StringLiterals;

namespace remise::api {

namespace {

// Label values escaped as the text format wants (backslash, quote, newline).
QByteArray label(const QString &value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

QByteArray num(double v)
{
    return QByteArray::number(v, 'g', 12);
}

void header(QByteArray &out, const char *name, const char *type, const char *help)
{
    out += QByteArray("# HELP ") + name + ' ' + help + '\n';
    out += QByteArray("# TYPE ") + name + ' ' + type + '\n';
}

} // namespace

void Metrics::request(const QString &endpoint, int status, double seconds)
{
    const QMutexLocker lock(&m_mutex);
    ++m_requests[{endpoint, status}];
    Histogram &h = m_latency[endpoint];
    for (size_t i = 0; i < latencyBuckets.size(); ++i)
        if (seconds <= latencyBuckets[i])
            ++h.buckets[i];
    ++h.count;
    h.sum += seconds;
}

void Metrics::stripeAttempt(const QString &method, int status)
{
    const QMutexLocker lock(&m_mutex);
    ++m_stripe[{method, status}];
}

void Metrics::inflight(int delta, int lane)
{
    const QMutexLocker lock(&m_mutex);
    m_inflight += delta;
    if (delta > 0)
        m_laneRequests[lane] += delta;
}

QByteArray Metrics::render(const Gauges &gauges) const
{
    const QMutexLocker lock(&m_mutex);
    QByteArray out;
    header(out, "remise_http_requests_total", "counter",
           "HTTP requests answered, by endpoint and status.");
    for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it)
        out += "remise_http_requests_total{endpoint=\"" + label(it.key().first) + "\",status=\"" +
               QByteArray::number(it.key().second) + "\"} " + QByteArray::number(it.value()) + '\n';

    header(out, "remise_http_request_duration_seconds", "histogram",
           "Time from a request's arrival to its answer, by endpoint.");
    for (auto it = m_latency.cbegin(); it != m_latency.cend(); ++it) {
        const QByteArray ep = "endpoint=\"" + label(it.key()) + '"';
        for (size_t i = 0; i < latencyBuckets.size(); ++i)
            out += "remise_http_request_duration_seconds_bucket{" + ep + ",le=\"" +
                   num(latencyBuckets[i]) + "\"} " + QByteArray::number(it->buckets[i]) + '\n';
        out += "remise_http_request_duration_seconds_bucket{" + ep + ",le=\"+Inf\"} " +
               QByteArray::number(it->count) + '\n';
        out += "remise_http_request_duration_seconds_sum{" + ep + "} " + num(it->sum) + '\n';
        out += "remise_http_request_duration_seconds_count{" + ep + "} " +
               QByteArray::number(it->count) + '\n';
    }

    header(out, "remise_stripe_requests_total", "counter",
           "HTTP requests sent to Stripe (every attempt), by method and status (0: no answer).");
    for (auto it = m_stripe.cbegin(); it != m_stripe.cend(); ++it)
        out += "remise_stripe_requests_total{method=\"" + label(it.key().first) + "\",status=\"" +
               QByteArray::number(it.key().second) + "\"} " + QByteArray::number(it.value()) + '\n';
    header(out, "remise_stripe_retries_total", "counter",
           "Stripe requests retried after a connection failure, 409, 429 or 5xx.");
    out += "remise_stripe_retries_total " + QByteArray::number(m_stripeRetries) + '\n';

    header(out, "remise_decisions_total", "counter",
           "Discount updates by outcome (applied, removed, unchanged, or the refusal code).");
    for (auto it = m_decisions.cbegin(); it != m_decisions.cend(); ++it)
        out += "remise_decisions_total{outcome=\"" + label(it.key()) + "\"} " +
               QByteArray::number(it.value()) + '\n';

    header(out, "remise_webhook_events_total", "counter",
           "Stripe webhook deliveries by event type and result.");
    for (auto it = m_webhooks.cbegin(); it != m_webhooks.cend(); ++it)
        out += "remise_webhook_events_total{type=\"" + label(it.key().first) + "\",result=\"" +
               label(it.key().second) + "\"} " + QByteArray::number(it.value()) + '\n';

    header(out, "remise_rate_limited_total", "counter",
           "Requests refused with 429, by scope (client or session).");
    for (auto it = m_rateLimited.cbegin(); it != m_rateLimited.cend(); ++it)
        out += "remise_rate_limited_total{scope=\"" + label(it.key()) + "\"} " +
               QByteArray::number(it.value()) + '\n';

    header(out, "remise_reconciled_sessions_total", "counter",
           "Sessions the reconcile sweep settled, by action.");
    for (auto it = m_reconciled.cbegin(); it != m_reconciled.cend(); ++it)
        out += "remise_reconciled_sessions_total{action=\"" + label(it.key()) + "\"} " +
               QByteArray::number(it.value()) + '\n';

    header(out, "remise_inflight_requests", "gauge", "Requests being answered right now.");
    out += "remise_inflight_requests " + QByteArray::number(m_inflight) + '\n';

    header(out, "remise_lane_requests_total", "counter",
           "Requests begun by each of the service's lanes (event loops, REMISE_THREADS).");
    for (auto it = m_laneRequests.cbegin(); it != m_laneRequests.cend(); ++it)
        out += "remise_lane_requests_total{lane=\"" + QByteArray::number(it.key()) + "\"} " +
               QByteArray::number(it.value()) + '\n';

    for (auto g = gauges.cbegin(); g != gauges.cend(); ++g) {
        const QByteArray name = g.key().section(u'|', 0, 0).toUtf8();
        const QByteArray help = g.key().section(u'|', 1).toUtf8();
        header(out, name.constData(), "gauge", help.constData());
        for (auto v = g->cbegin(); v != g->cend(); ++v)
            out += name + (v.key().isEmpty() ? QByteArray() : '{' + v.key().toUtf8() + '}') + ' ' +
                   num(v.value()) + '\n';
    }
    return out;
}

} // namespace remise::api
