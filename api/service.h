#pragma once

#include "metrics.h"
#include "ratelimiter.h"
#include "result.h"
#include "server.h"
#include "serviceconfig.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace remise {
class Clock;
class Store;
class UpdateWorkflow;
namespace stripe {
class Client;
}
} // namespace remise

namespace remise::api {

class ConnectionGuard;
class WebhookHandler;

/// What the service's lanes share: the metrics and the rate limits (both thread-safe).
struct ServiceShared
{
    explicit ServiceShared(const ServiceConfig &config)
        : clients(config.rateLimit, config.rateBurst)
        , sessions(config.sessionRateLimit, config.sessionBurst)
    {}
    Metrics metrics;
    RateLimiter clients;
    RateLimiter sessions;
};

/// The HTTP service of `remise-server serve` (docs/operations.md): the three storefront
/// endpoints over the update workflow, Stripe's webhooks, health, readiness and metrics.
///
/// One Service is one lane: it runs on the thread that owns it (one event loop) with a Stripe
/// client and a store connection of its own; requests for one session queue up in its workflow.
/// `serve` runs one lane per REMISE_THREADS: the first (lane 0) listens and hands each new
/// connection to the lanes in turn, and alone runs the reconcile sweep and the pruning of rate
/// limits. Lanes share the metrics and the rate limits (ServiceShared); across lanes, as across
/// processes, the store's leases keep one session's updates apart.
class Service : public QObject
{
    Q_OBJECT
public:
    /// One workflow over `client` keeps each session's updates serialised; the client also
    /// serves webhooks and reconciliation.
    Service(const ServiceConfig &config, stripe::Client &client, Store &store, const Clock &clock,
            ServiceShared &shared, int lane = 0, QObject *parent = nullptr);
    ~Service() override;

    /// Lane 0: starts listening on the configured address; the port actually bound.
    Result<quint16> listen();
    /// Another lane: takes connections lane 0 hands over (listeningSocket is lane 0's socket).
    Status join(Service &first);
    /// Lane 0: hands new connections to these lanes too, in turn (call before the event loop
    /// runs; the lanes outlive the service's accepting).
    void shareWith(const QList<Service *> &lanes);
    /// Graceful shutdown: stops accepting, lets requests in flight finish (at most
    /// `config.shutdownGrace`), abandons what is left, then calls `done`.
    void shutdown(std::function<void()> done);

    Metrics &metrics() { return m_metrics; }
    int lane() const { return m_lane; }
    /// Runs one reconcile sweep now (also at start and on the configured interval).
    void reconcile();

private:
    struct Exchange;
    void handle(const http::Request &request, const std::shared_ptr<http::Responder> &responder);
    void discounts(const http::Request &request, const std::shared_ptr<Exchange> &exchange);
    void readiness(const std::shared_ptr<Exchange> &exchange);
    QString clientKey(const http::Request &request) const;
    void checkRules();
    ConnectionGuard *makeGuard();

    ServiceConfig m_config;
    stripe::Client &m_client;
    Store &m_store;
    const Clock &m_clock;
    http::Server m_http;
    ConnectionGuard *m_guard = nullptr;
    std::unique_ptr<UpdateWorkflow> m_workflow;
    std::unique_ptr<WebhookHandler> m_webhooks;
    Metrics &m_metrics;
    RateLimiter &m_clients;
    RateLimiter &m_sessions;
    const int m_lane;
    int m_inflight = 0; ///< this lane's requests being answered
    QTimer m_rulesTimer;
    QTimer m_reconcileTimer;
    QTimer m_pruneTimer;
    bool m_reconciling = false;
    bool m_shuttingDown = false;
};

} // namespace remise::api
