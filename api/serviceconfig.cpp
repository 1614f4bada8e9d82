#include "serviceconfig.h"

#include "settings.h"

#include <functional>

using namespace Qt::StringLiterals;

namespace remise::api {

namespace {

const QString invalidSetting = u"invalid_setting"_s;

Error bad(const QString &where, const QString &message)
{
    return Error{invalidSetting, message, where, {}};
}

Result<double> number(const QString &where, const QString &text, double min, double max)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !(value >= min && value <= max))
        return std::unexpected(
            bad(where, u"\"%1\" is not a number from %2 to %3"_s.arg(text).arg(min).arg(max)));
    return value;
}

Result<std::chrono::milliseconds> millis(const QString &where, const QString &text, qint64 min,
                                         qint64 max)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok || value < min || value > max)
        return std::unexpected(bad(
            where,
            u"\"%1\" is not a number of milliseconds from %2 to %3"_s.arg(text).arg(min).arg(max)));
    return std::chrono::milliseconds(value);
}

Result<bool> boolean(const QString &where, const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"true" || t == u"yes" || t == u"on" || t == u"1")
        return true;
    if (t == u"false" || t == u"no" || t == u"off" || t == u"0")
        return false;
    return std::unexpected(bad(where, u"\"%1\" is not true or false"_s.arg(text)));
}

struct Entry
{
    const char16_t *fileKey;
    const char16_t *envName;
    bool serviceOnly;
    std::function<Status(ServiceConfig &, const QString &where, const QString &value)> apply;
};

template<class T>
Status assign(T &target, Result<T> value)
{
    if (!value)
        return std::unexpected(value.error());
    target = *value;
    return {};
}

/// A whole number in [min, max], stored in `field`.
auto wholeNumber(int ServiceConfig::*field, double min, double max)
{
    return [field, min, max](ServiceConfig &c, const QString &w, const QString &v) -> Status {
        auto n = number(w, v, min, max);
        if (!n)
            return std::unexpected(n.error());
        c.*field = int(*n);
        return {};
    };
}

const QList<Entry> &entries()
{
    static const QList<Entry> table{
        {u"listen", u"REMISE_LISTEN", false,
         [](ServiceConfig &c, const QString &w, const QString &v) -> Status {
             auto parsed = ServiceConfig::parseListen(v);
             if (!parsed)
                 return std::unexpected(bad(w, parsed.error().message));
             c.address = parsed->first;
             c.port = parsed->second;
             return {};
         }},
        {u"rate_burst", u"REMISE_RATE_BURST", true,
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.rateBurst, number(w, v, 1, 100000));
         }},
        {u"session_rate_limit", u"REMISE_SESSION_RATE_LIMIT", true,
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.sessionRateLimit, number(w, v, 0, 100000));
         }},
        {u"session_burst", u"REMISE_SESSION_BURST", true,
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.sessionBurst, number(w, v, 1, 100000));
         }},
        {u"trust_proxy", u"REMISE_TRUST_PROXY", true,
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.trustProxy, boolean(w, v));
         }},
        {u"request_timeout_ms", u"REMISE_REQUEST_TIMEOUT_MS", true,
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.requestTimeout, millis(w, v, 100, 600'000));
         }},
        {u"idle_timeout_ms", u"REMISE_IDLE_TIMEOUT_MS", true,
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.idleTimeout, millis(w, v, 1000, 3'600'000));
         }},
        {u"max_connections", u"REMISE_MAX_CONNECTIONS", true,
         wholeNumber(&ServiceConfig::maxConnections, 1, 65535)},
        {u"reconcile_interval_ms", u"REMISE_RECONCILE_INTERVAL_MS", true,
         [](ServiceConfig &c, const QString &w, const QString &v) -> Status {
             auto ms = millis(w, v, 0, 86'400'000);
             if (!ms)
                 return std::unexpected(ms.error());
             if (ms->count() != 0 && ms->count() < 1000)
                 return std::unexpected(bad(w, u"must be 0 (off) or at least 1000"_s));
             c.reconcileInterval = *ms;
             return {};
         }},
        {u"stripe_connections", u"REMISE_STRIPE_CONNECTIONS", true,
         wholeNumber(&ServiceConfig::stripeConnections, 1, 1024)},
        {u"threads", u"REMISE_THREADS", true, wholeNumber(&ServiceConfig::threads, 1, 64)},
        {u"rules_poll_interval_ms", u"REMISE_RULES_POLL_INTERVAL_MS", true,
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.rulesPollInterval, millis(w, v, 50, 1000));
         }},
        {u"webhook_tolerance_s", u"REMISE_WEBHOOK_TOLERANCE_S", true,
         [](ServiceConfig &c, const QString &w, const QString &v) -> Status {
             auto n = number(w, v, 1, 3600);
             if (!n)
                 return std::unexpected(n.error());
             c.webhookToleranceSeconds = qint64(*n);
             return {};
         }},
        {u"shutdown_grace_ms", u"REMISE_SHUTDOWN_GRACE_MS", true,
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.shutdownGrace, millis(w, v, 0, 600'000));
         }},
        {u"log_format", u"REMISE_LOG_FORMAT", true,
         [](ServiceConfig &c, const QString &w, const QString &v) -> Status {
             const QString t = v.trimmed().toLower();
             if (t != u"json" && t != u"text")
                 return std::unexpected(bad(w, u"must be json or text"_s));
             c.jsonLogs = t == u"json";
             return {};
         }},
    };
    return table;
}

} // namespace

Result<std::pair<QHostAddress, quint16>> ServiceConfig::parseListen(const QString &text)
{
    const QString t = text.trimmed();
    const qsizetype colon = t.lastIndexOf(u':');
    if (colon <= 0)
        return fail(invalidSetting, u"\"%1\" is not host:port (e.g. 127.0.0.1:4242)"_s.arg(text));
    QString host = t.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = t.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(invalidSetting, u"\"%1\": the port must be 0 to 65535"_s.arg(text));
    QHostAddress address;
    if (host == u"localhost")
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(host))
        return fail(invalidSetting,
                    u"\"%1\": the host must be an IP address (or localhost)"_s.arg(text));
    return std::pair{address, quint16(port)};
}

Result<ServiceConfig> ServiceConfig::load(const QProcessEnvironment &env,
                                          const Overrides &overrides)
{
    // The settings every front end shares (key, Stripe, database, listen, origins, rate limit,
    // webhook secrets) come from Settings: the environment over the config file.
    auto settings = Settings::load(env, overrides.configFile);
    if (!settings)
        return std::unexpected(settings.error());
    ServiceConfig config;
    if (auto applied = entries().at(0).apply(config, u"listen"_s, settings->listen); !applied)
        return std::unexpected(applied.error());
    config.databasePath = settings->databasePath;
    config.allowedOrigins = settings->allowedOrigins;
    config.rateLimit = settings->rateLimit;
    config.apiBase = settings->apiBase;
    config.apiVersion = settings->apiVersion;
    config.stripeTimeout = settings->stripeTimeout;
    config.attemptTimeout = settings->attemptTimeout;
    config.allowLive = settings->allowLive;
    config.replaceForeignDiscounts = settings->replaceForeignDiscounts;
    for (const QString &secret : std::as_const(settings->webhookSecrets))
        config.webhookSecrets.append(secret.toUtf8());

    // The service's own tuning knobs: environment variables (REMISE_SESSION_RATE_LIMIT, …).
    for (const Entry &e : entries()) {
        const QString name = QString::fromUtf16(e.envName);
        if (!e.serviceOnly || !env.contains(name) || env.value(name).isEmpty())
            continue;
        if (auto applied = e.apply(config, name, env.value(name)); !applied)
            return std::unexpected(applied.error());
    }
    // During a rotation the previous secret may also come on its own.
    for (const QString &part :
         env.value(u"REMISE_STRIPE_WEBHOOK_SECRET_PREVIOUS"_s).split(u',', Qt::SkipEmptyParts)) {
        const QString secret = part.trimmed();
        if (!secret.startsWith(u"whsec_"_s) || secret.size() < 12)
            return fail(invalidSetting, u"a webhook signing secret starts with whsec_"_s,
                        u"REMISE_STRIPE_WEBHOOK_SECRET_PREVIOUS"_s);
        if (!config.webhookSecrets.contains(secret.toUtf8()))
            config.webhookSecrets.append(secret.toUtf8());
    }

    // The command line last.
    if (!overrides.listen.isEmpty())
        if (auto applied = entries().at(0).apply(config, u"--listen"_s, overrides.listen); !applied)
            return std::unexpected(applied.error());
    if (!overrides.databasePath.isEmpty())
        config.databasePath = overrides.databasePath;
    if (overrides.rateLimit)
        config.rateLimit = *overrides.rateLimit;
    config.allowLive = config.allowLive || overrides.allowLive;
    config.migrate = overrides.migrate;
    config.attemptTimeout = std::min(config.attemptTimeout, config.stripeTimeout);

    auto key = settings->apiKey();
    if (!key)
        return std::unexpected(key.error());
    if (key->isLive() && !config.allowLive)
        return fail(u"live_key_refused"_s,
                    u"the Stripe key %1 is a live key; start with --allow-live (or allow_live = "
                    u"true) to use it"_s.arg(key->redacted()));
    config.key = *key;
    return config;
}

QString ServiceConfig::describe() const
{
    const auto ms = [](std::chrono::milliseconds d) {
        return QString::number(d.count());
    };
    QStringList lines{
        u"listen = %1:%2"_s.arg(address.toString()).arg(port),
        u"database = %1"_s.arg(databasePath),
        u"allowed_origins = %1"_s.arg(allowedOrigins.join(u',')),
        u"rate_limit = %1 (burst %2)"_s.arg(rateLimit).arg(rateBurst),
        u"session_rate_limit = %1 (burst %2)"_s.arg(sessionRateLimit).arg(sessionBurst),
        u"trust_proxy = %1"_s.arg(trustProxy ? u"true"_s : u"false"_s),
        u"request_timeout_ms = %1"_s.arg(ms(requestTimeout)),
        u"threads = %1"_s.arg(threads),
        u"reconcile_interval_ms = %1"_s.arg(ms(reconcileInterval)),
        u"webhook_secrets = %1 configured"_s.arg(webhookSecrets.size()),
        u"api_base = %1"_s.arg(apiBase.toString()),
        u"stripe_key = %1"_s.arg(key ? key->redacted() : u"(none)"_s),
        u"allow_live = %1"_s.arg(allowLive ? u"true"_s : u"false"_s),
    };
    return lines.join(u'\n');
}

} // namespace remise::api
