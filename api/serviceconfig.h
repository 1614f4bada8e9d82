#pragma once

#include "result.h"
#include "secrets.h"

#include <QHostAddress>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

namespace remise::api {

/// Everything `remise-server serve` needs (docs/operations.md, "Configuration"): the shared
/// Settings (config file and environment: key, Stripe, database, listen, origins, rate limit,
/// webhook secrets), the service's own tuning knobs from the environment, then the command
/// line. Secrets never come from the config file.
struct ServiceConfig
{
    // --- listening ----------------------------------------------------------------------------
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 4242; ///< 0 picks a free port
    QString databasePath;

    // --- the storefront endpoints -------------------------------------------------------------
    QStringList allowedOrigins; ///< exact origins ("https://shop.example"); none by default
    double rateLimit = 10;      ///< requests per second per client (0: off, behind a proxy)
    double rateBurst = 20;
    double sessionRateLimit = 4; ///< requests per second per Checkout Session (0: off)
    double sessionBurst = 8;
    /// Trust X-Forwarded-For (its last hop) as the client address when the peer is loopback,
    /// i.e. when the service sits behind a local reverse proxy.
    bool trustProxy = false;
    /// A request's head and body must arrive within this; then 408 and the connection closes.
    std::chrono::milliseconds requestTimeout{10'000};
    /// A connection with nothing in flight is closed after this much silence.
    std::chrono::milliseconds idleTimeout{120'000};
    int maxConnections = 1024;

    // --- webhooks and limits upkeep -----------------------------------------------------------
    QList<QByteArray> webhookSecrets; ///< the current one first, then the previous one
    qint64 webhookToleranceSeconds = 300;
    std::chrono::milliseconds reconcileInterval{300'000}; ///< 0: never
    /// Rules published by another process show up within this (checked on every request too).
    std::chrono::milliseconds rulesPollInterval{500};

    // --- shutdown -----------------------------------------------------------------------------
    std::chrono::milliseconds shutdownGrace{25'000};

    // --- Stripe -------------------------------------------------------------------------------
    std::optional<ApiKey> key; ///< never printed
    QUrl apiBase = QUrl(QStringLiteral("https://api.stripe.com"));
    QString apiVersion = QStringLiteral("2025-03-31.basil; checkout_server_update_beta=v1");
    std::chrono::milliseconds stripeTimeout{18'000};
    std::chrono::milliseconds attemptTimeout{10'000};
    /// Connections to Stripe open at once (kept alive); calls beyond them wait for one.
    int stripeConnections = 48; ///< per lane
    /// Lanes: event loops, each with its own Stripe connections and database connection.
    int threads = 1;
    bool allowLive = false;
    bool replaceForeignDiscounts = false; ///< foreign_discounts = replace
    bool migrate = false;                 ///< bring the schema up to date on start

    bool jsonLogs = true;

    /// Values given on the command line; empty/nullopt when not given.
    struct Overrides
    {
        QString configFile;
        QString listen;
        QString databasePath;
        std::optional<double> rateLimit;
        bool allowLive = false;
        bool migrate = false;
    };

    /// Reads the config file (when named), then the environment, then the overrides.
    static Result<ServiceConfig> load(const QProcessEnvironment &env, const Overrides &overrides);
    /// Parses "host:port" (IPv4, [IPv6] or localhost).
    static Result<std::pair<QHostAddress, quint16>> parseListen(const QString &text);

    /// "name = value" lines for the startup log; secrets never appear.
    QString describe() const;
};

} // namespace remise::api
