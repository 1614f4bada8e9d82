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

/// The HTTP service of `remise-server serve` (docs/operations.md): the three storefront
/// endpoints over the update workflow, Stripe's webhooks, health, readiness and metrics.
///
/// Everything runs on the thread that owns the service (one event loop): requests for one
/// session queue up in the workflow, the store is used from this thread only.
class Service : public QObject
{
    Q_OBJECT
public:
    /// One workflow over `client` keeps each session's updates serialised; the client also
    /// serves webhooks and reconciliation.
    Service(const ServiceConfig &config, stripe::Client &client, Store &store, const Clock &clock,
            QObject *parent = nullptr);
    ~Service() override;

    /// Starts listening on the configured address; the port actually bound.
    Result<quint16> listen();
    /// Graceful shutdown: stops accepting, lets requests in flight finish (at most
    /// `config.shutdownGrace`), abandons what is left, then calls `done`.
    void shutdown(std::function<void()> done);

    Metrics &metrics() { return m_metrics; }
    /// Runs one reconcile sweep now (also at start and on the configured interval).
    void reconcile();

private:
    struct Exchange;
    void handle(const http::Request &request, const std::shared_ptr<http::Responder> &responder);
    void discounts(const http::Request &request, const std::shared_ptr<Exchange> &exchange);
    void readiness(const std::shared_ptr<Exchange> &exchange);
    QString clientKey(const http::Request &request) const;
    void checkRules();

    ServiceConfig m_config;
    stripe::Client &m_client;
    Store &m_store;
    const Clock &m_clock;
    http::Server m_http;
    ConnectionGuard *m_guard = nullptr;
    std::unique_ptr<UpdateWorkflow> m_workflow;
    std::unique_ptr<WebhookHandler> m_webhooks;
    Metrics m_metrics;
    RateLimiter m_clients;
    RateLimiter m_sessions;
    QTimer m_rulesTimer;
    QTimer m_reconcileTimer;
    QTimer m_pruneTimer;
    bool m_reconciling = false;
    bool m_shuttingDown = false;
};

} // namespace remise::api
